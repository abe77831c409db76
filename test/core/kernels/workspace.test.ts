import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileKernels, kernelModulePath, renderKernelModule } from '../../../scripts/kernelsWasm';
import { solveDmft } from '../../../src/core/dmft/solver';
import { availableKernelBackend, createWorkspace, float32, float64, int32, normalStateAt, type KernelBackend } from '../../../src/core/kernels/workspace';
import { models } from '../../../src/core/models';
import { defaultParams, type BatchSampling } from '../../../src/core/params';
import { createRandom } from '../../../src/core/random';
import { seriesNames } from '../../../src/core/series';
import { createSampleStep, stepSumCount } from '../../../src/core/dmft/sampleStep';
import { createMinibatchKicks } from '../../../src/core/dmft/minibatchKicks';
import { expNonPositive, log1pUnit } from '../../../src/core/math/fastExp';
import { logistic } from '../../../src/core/models/logistic';

const backends: KernelBackend[] = ['wasm', 'js'];
const widths = [1, 2, 3, 7, 64, 1001];
const counts = [0, 1, 3, 4, 5, 9];

/** The same random inputs in a workspace of each backend. */
function filledWorkspace(backend: KernelBackend, width: number, count: number, seed: number) {
  const workspace = createWorkspace(
    { rows: float32(width * (count + 2)), out: float64(width), dots: float64(count), coefficients: float64(count), vector: float64(width), indices: int32(count) },
    { backend },
  );
  const random = createRandom(seed, 9);
  const { rows, out, coefficients, vector, indices } = workspace.arrays;
  for (let i = 0; i < rows.length; i++) rows[i] = random.normal();
  for (let i = 0; i < width; i++) out[i] = random.normal();
  for (let i = 0; i < width; i++) vector[i] = random.normal();
  for (let i = 0; i < count; i++) coefficients[i] = random.normal();
  for (let i = 0; i < count; i++) indices[i] = random.int(count + 2); // repeats allowed, any order
  return workspace;
}

/** ℓ, ℓ', ℓ'' of the logistic loss from Math.exp and Math.log1p (the reference of the polynomial terms). */
function mathLogisticTerms(r: number, y: number, out: Float64Array): void {
  const z = y * r;
  const e = Math.exp(-Math.abs(z));
  out[0] = Math.max(-z, 0) + Math.log1p(e);
  out[1] = -y * (z >= 0 ? e / (1 + e) : 1 / (1 + e));
  out[2] = e / ((1 + e) * (1 + e));
}

/** The arrays of a logistic sample step over n trajectories (the first `responses` pathwise), `size` steps of rows, on `backend`. */
function sampleStepWorkspace(backend: KernelBackend, n: number, responses: number, size: number) {
  return createWorkspace(
    {
      ...{ labels: float64(n), scores: float64(n), field: float64(n), selfReaction: float64(n), currentForce: float64(n), force: float32(size * n) },
      ...{ currentCurvature: float64(responses), drive: float64(size * responses), noise: float32(size * n), twinMargins: float64(n), draws: float64(n), kernelSums: float64(23) },
      ...{ membership: float64(n), weightedForce: float64(n), latent: float32((size + 1) * n), fieldForce: float64(n) },
    },
    { backend },
  );
}

describe('row kernels', () => {
  it('run on WebAssembly SIMD in this engine (the speed the benchmarks report)', () => {
    expect(availableKernelBackend()).toBe('wasm');
    expect(solveDmft({ ...defaultParams, horizon: 0.5, samples: 500, responseSamples: 50 }).kernelBackend).toBe('wasm');
  });

  it('give the same bits on both backends, and the value of a plain double-precision sum', () => {
    for (const width of widths) {
      for (const count of counts) {
        const results = backends.map((backend) => {
          const workspace = filledWorkspace(backend, width, count, width * 31 + count);
          const { rows, out, dots, coefficients, vector, indices } = workspace.arrays;
          const initial = Float64Array.from(out);
          workspace.combineRows(out, rows, width, coefficients, count, true);
          const accumulated = Float64Array.from(out);
          workspace.combineRows(out, rows, width, coefficients, count);
          const combined = Float64Array.from(out);
          workspace.combineIndexedRows(out, rows, width, indices, coefficients, count, false);
          const indexed = Float64Array.from(out);
          workspace.dotRows(dots, rows.subarray(width), width, vector, count);
          const dotted = Float64Array.from(dots);

          // Plain sums in double precision, in any order: the kernels agree to rounding.
          for (let p = 0; p < width; p++) {
            let direct = 0;
            let scale = 0;
            let viaIndices = 0;
            for (let j = 0; j < count; j++) {
              direct += coefficients[j] * rows[j * width + p];
              scale += Math.abs(coefficients[j] * rows[j * width + p]);
              viaIndices += coefficients[j] * rows[indices[j] * width + p];
            }
            expect(Math.abs(combined[p] - direct)).toBeLessThanOrEqual(1e-13 * (scale + 1));
            expect(Math.abs(accumulated[p] - (initial[p] + direct))).toBeLessThanOrEqual(1e-13 * (scale + Math.abs(initial[p]) + 1));
            expect(Math.abs(indexed[p] - viaIndices)).toBeLessThanOrEqual(1e-13 * (scale + 1) * 4);
          }
          for (let j = 0; j < count; j++) {
            let direct = 0;
            let scale = 0;
            for (let p = 0; p < width; p++) {
              direct += vector[p] * rows[(j + 1) * width + p];
              scale += Math.abs(vector[p] * rows[(j + 1) * width + p]);
            }
            expect(Math.abs(dotted[j] - direct)).toBeLessThanOrEqual(1e-13 * (scale + 1));
          }
          return [accumulated, combined, indexed, dotted];
        });
        for (let i = 0; i < results[0].length; i++) expect(Array.from(results[1][i]), `width ${width}, count ${count}, result ${i}`).toEqual(Array.from(results[0][i]));
      }
    }
  });

  it('combine rows in single precision to the bits of f32 operations in order, into one output or two at once, on both backends', () => {
    for (const width of [1, 2, 3, 4, 5, 7, 255, 258, 1001]) {
      for (const count of [0, 1, 2, 3, 4, 5, 9]) {
        const results = backends.map((backend) => {
          const workspace = createWorkspace({ rows: float32(width * count), a: float64(width), b: float64(width), c: float64(count), d: float64(count) }, { backend });
          const { rows, a, b, c, d } = workspace.arrays;
          const random = createRandom(width + count, 9);
          for (let i = 0; i < rows.length; i++) rows[i] = random.normal();
          for (let j = 0; j < count; j++) c[j] = random.normal();
          for (let j = 0; j < count; j++) d[j] = random.normal();
          a.fill(7); // overwritten, not added to
          workspace.combineRowsSingle(a, rows, width, c, count);
          const single = Array.from(a);
          for (let p = 0; p < width; p++) {
            // Each coefficient, product and sum rounded to f32, j in order; and within that rounding of the double sum.
            let reference = 0;
            let direct = 0;
            let scale = 0;
            for (let j = 0; j < count; j++) {
              reference = Math.fround(reference + Math.fround(Math.fround(c[j]) * rows[j * width + p]));
              direct += c[j] * rows[j * width + p];
              scale += Math.abs(c[j] * rows[j * width + p]);
            }
            expect(single[p], `${backend}, width ${width}, count ${count}, p ${p}`).toBe(reference);
            expect(Math.abs(single[p] - direct)).toBeLessThanOrEqual((count + 1) * 2 ** -23 * scale);
          }
          a.fill(7);
          b.fill(7);
          workspace.combineRowsPairSingle(a, b, rows, width, c, d, count);
          const pair = [Array.from(a), Array.from(b)];
          workspace.combineRowsSingle(b, rows, width, d, count);
          expect(pair, `${backend}, width ${width}, count ${count}`).toEqual([single, Array.from(b)]);
          return pair;
        });
        expect(results[1]).toEqual(results[0]);
      }
    }
  });

  it('run the pathwise adjoint to the same bits on both backends, equal to its recursion in single precision and within that rounding', () => {
    const cases = [[1, 0, 0], [6, 5, 0], [9, 7, 3], [12, 11, 10], [12, 11, 11], [20, 19, 0], [20, 18, 5], [33, 32, 0]];
    for (const width of [1, 7, 8, 9, 15, 16, 17, 37, 100]) {
      for (const [size, k, nearest] of cases) {
        const results = backends.map((backend) => {
          const workspace = createWorkspace({ sensitivity: float32(size * width), drive: float64(size * width), response: float32(size * size) }, { backend });
          const { sensitivity, drive, response } = workspace.arrays;
          const random = createRandom(width * 7 + k + 100 * nearest, 9);
          for (let i = 0; i < drive.length; i++) drive[i] = 0.3 * random.normal();
          for (let i = 0; i < response.length; i++) response[i] = random.normal();
          sensitivity.fill(5); // rows below nearest must stay as they were
          workspace.adjointSweep(sensitivity, drive, response, size, width, k, nearest);
          for (let p = 0; p < width; p++) {
            expect(sensitivity[k * width + p]).toBe(1);
            for (let m = 0; m < nearest; m++) expect(sensitivity[m * width + p]).toBe(5);
            // exact: λ_k = 1 in double precision, then each λ_m from the rounded λ_j; error bound e_m of λ_m against it
            const exact = new Float64Array(size);
            const bound = new Float64Array(size);
            exact[k] = 1;
            for (let m = k - 1; m >= nearest; m--) {
              let sum = 0; // the kernels' order: from 0, j descending from k, each product and sum rounded to f32
              let exactSum = 0;
              let magnitude = 0; // |D_m| Σ |R_jm λ_j|: bounds |λ_m| and scales its roundings
              let propagated = 0; // |D_m| Σ |R_jm| e_j: the error carried from the λ_j
              for (let j = k; j > m; j--) {
                const coefficient = response[j * size + m];
                sum = Math.fround(sum + Math.fround(coefficient * sensitivity[j * width + p]));
                exactSum += coefficient * exact[j];
                magnitude += Math.abs(coefficient * sensitivity[j * width + p]);
                propagated += Math.abs(coefficient) * bound[j];
              }
              const d = drive[m * width + p];
              expect(sensitivity[m * width + p]).toBe(Math.fround(-d * sum));
              exact[m] = -d * exactSum;
              // f32 rounding of λ_m (2⁻²⁴ relative) and of the f32 sum of k − m products (≤ (k − m + 1)·2⁻²³ of its magnitude)
              bound[m] = Math.abs(d) * propagated + (2 ** -24 + (k - m + 1) * 2 ** -23) * Math.abs(d) * magnitude;
              expect(Math.abs(sensitivity[m * width + p] - exact[m]), `width ${width}, k ${k}, m ${m}`).toBeLessThanOrEqual(bound[m] * (1 + 1e-9) + Number.MIN_VALUE);
            }
          }
          return Array.from(sensitivity);
        });
        expect(results[1], `width ${width}, k ${k}, nearest ${nearest}`).toEqual(results[0]);
      }
    }
  });

  it('sum the pathwise adjoint from j = k down, on both backends (a cancellation that only this order keeps)', () => {
    // λ_m = 1 for m ≠ t (R_km = 1, D_m = −1); for m = t the terms 1 (j = k), −1 (j = k − 1), 2⁻⁶⁰ (j = t + 1):
    // descending they leave 2⁻⁶⁰, ascending 0.
    for (const backend of backends) {
      for (const width of [1, 8, 9, 17, 40]) {
        for (const [k, nearest] of [[3, 0], [4, 0], [7, 0], [8, 2], [9, 3]]) {
          for (let t = nearest; t <= k - 3; t++) {
            const size = k + 1;
            const workspace = createWorkspace({ sensitivity: float32(size * width), drive: float64(size * width), response: float32(size * size) }, { backend });
            const { sensitivity, drive, response } = workspace.arrays;
            drive.fill(-1);
            for (let m = 0; m < k; m++) response[k * size + m] = 1;
            response[(k - 1) * size + t] = -1;
            response[(t + 1) * size + t] = 2 ** -60;
            workspace.adjointSweep(sensitivity, drive, response, size, width, k, nearest);
            for (let p = 0; p < width; p++) {
              for (let m = nearest; m < k; m++) expect(sensitivity[m * width + p], `${backend}, width ${width}, k ${k}, t ${t}, m ${m}`).toBe(m === t ? 2 ** -60 : 1);
            }
          }
        }
      }
    }
  });

  it("sum Q's control and add the twin's labelled fields to the same bits on both backends, and to the values of plain loops", () => {
    for (const count of [0, 1, 2, 5, 2048]) {
      const results = backends.map((backend) => {
        const workspace = createWorkspace(
          { fieldForce: float64(count), force: float64(count), rowFactor: float64(count), weights: float64(count), sums: float64(3), out: float64(count), labels: float64(count), fields: float64(count) },
          { backend },
        );
        const a = workspace.arrays;
        const random = createRandom(count + 3, 9);
        for (let p = 0; p < count; p++) {
          a.fieldForce[p] = random.normal();
          a.force[p] = random.normal();
          a.rowFactor[p] = random.normal();
          a.out[p] = random.normal();
          a.labels[p] = random.uniform() < 0.5 ? 1 : -1;
          a.fields[p] = 3 * random.normal();
        }
        const before = Float64Array.from(a.out);
        workspace.forceControlSums(a.fieldForce, a.force, a.rowFactor, a.weights, count, a.sums);
        workspace.addLabelledFields(a.out, a.labels, a.fields, 0.25, count);
        // Plain loops: each element exactly, each sum to rounding.
        for (let p = 0; p < count; p++) {
          expect(a.weights[p]).toBe(a.rowFactor[p] * a.fieldForce[p] ** 2);
          expect(a.out[p]).toBe(before[p] + (a.labels[p] * a.fields[p] + 0.25));
        }
        const g2 = Array.from(a.fieldForce, (g) => g * g);
        const expected = [g2.reduce((t, v) => t + v, 0), g2.reduce((t, v) => t + v * v, 0), g2.reduce((t, v, p) => t + a.force[p] ** 2 * v, 0)];
        expected.forEach((value, i) => expect(Math.abs(a.sums[i] - value)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(value))));
        return [a.weights, a.sums, a.out].map((array) => Array.from(array));
      });
      expect(results[1]).toEqual(results[0]);
    }
  });

  it('run the logistic sample step (SGF, and SGD with either sampling) to the same bits on both backends, and to 1e-12 of the general loop (Math.exp, Math.log1p)', () => {
    const n = 37;
    const responses = 11;
    const size = 4;
    const batchFraction = 0.3;
    const run = (backend: KernelBackend, general: boolean, kappa: number, useTwin: boolean, sampling: BatchSampling | null, innovationScale: number) => {
      const workspace = sampleStepWorkspace(backend, n, responses, size);
      const a = workspace.arrays;
      const random = createRandom(5, 9);
      for (let p = 0; p < n; p++) {
        a.labels[p] = random.uniform() < 0.5 ? 1 : -1;
        a.scores[p] = random.normal();
        a.field[p] = 4 * random.normal();
        a.selfReaction[p] = random.normal();
        a.twinMargins[p] = random.normal();
      }
      for (let i = 0; i < a.latent.length; i++) a.latent[i] = random.normal();
      a.field[0] = 800; // e^{−|z|} below the clamp
      a.selfReaction[0] = 0;
      const model = general ? { ...logistic, lossTerms: mathLogisticTerms } : logistic; // a copy is not `logistic`: the general loop
      const kicks = sampling && createMinibatchKicks(sampling, batchFraction, n, createRandom(7, 9));
      const minibatch = kicks && { kicks, membership: a.membership, batchFraction, step: 0.1, weightedForce: a.weightedForce };
      const step = createSampleStep({
        ...{ model, random: createRandom(6, 9), kernels: workspace, draws: a.draws, kernelSums: a.kernelSums, count: n, responseCount: responses, dt: 0.1, alpha: 2, kappa, minibatch },
        ...{ labels: a.labels, latent: a.latent, scores: a.scores, field: a.field, selfReaction: a.selfReaction, currentForce: a.currentForce, force: a.force },
        // The noise rows: ξ for the SGF, the memberships s for SGD with independent draws (the error twin's kicks).
        ...{ currentCurvature: a.currentCurvature, drive: a.drive, noise: kappa > 0 || sampling === 'uniform' ? a.noise : null, twinMargins: a.twinMargins },
        fieldForce: a.fieldForce,
      });
      const sums = new Float64Array(stepSumCount);
      const twin = new Float64Array(5);
      for (let k = 0; k < size; k++) {
        step.draw(k);
        step.run(k, sums, useTwin, twin, innovationScale);
      }
      return [sums, twin, a.currentForce, a.force, a.currentCurvature, a.drive, a.noise, a.fieldForce, a.membership, a.weightedForce].map((array) => Array.from(array));
    };
    // SGD has no Gaussian noise (κ = 0); the epochs' kicks depend on the past, so they weigh the responses (w = s/b).
    for (const [sampling, kappas] of [[null, [0, 3]], ['uniform', [0]], ['epoch', [0]]] as const) {
      for (const kappa of kappas) {
        // s = 0: the errors' indicators; s = 0.3: their conditional probabilities, the fit within |x| < 6 and 0 or 1 beyond.
        for (const [useTwin, innovationScale] of [[false, 0], [true, 0], [false, 0.3], [true, 0.3]] as const) {
          const wasm = run('wasm', false, kappa, useTwin, sampling, innovationScale);
          expect(run('js', false, kappa, useTwin, sampling, innovationScale), `${sampling ?? 'SGF'}, κ ${kappa}, twin ${useTwin}, s ${innovationScale}`).toEqual(wasm);
          const general = run('js', true, kappa, useTwin, sampling, innovationScale);
          general.forEach((values, i) => values.forEach((value, j) => expect(Math.abs(wasm[i][j] - value), `array ${i}, element ${j}`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(value)))));
          expect(wasm[7].some((value) => value !== 0)).toBe(true); // ℓ'(ω; y) written (and within 1e-12 of the general loop's, above)
          if (sampling) {
            const [membership, weightedForce] = wasm.slice(-2);
            expect(new Set(membership)).toEqual(new Set([0, 1])); // some trajectories in the last step's batch, some not
            expect(weightedForce.some((value) => value !== 0)).toBe(sampling === 'epoch');
            if (sampling === 'uniform') expect(wasm[6].slice((size - 1) * n, size * n)).toEqual(membership); // row K of the noise rows: the last memberships
          }
        }
      }
    }
    for (let x = -745; x <= 0; x += 0.173) expect(Math.abs(expNonPositive(x) - Math.exp(Math.max(x, -708)))).toBeLessThanOrEqual(1e-12 * Math.exp(Math.max(x, -708)));
    for (let e = 0; e <= 1; e += 0.00731) expect(Math.abs(log1pUnit(e) - Math.log1p(e))).toBeLessThanOrEqual(1e-15 * Math.log1p(e));
  });

  it('run the logistic sample step to the same bits on both backends for any count (two trajectories per lane pair, a lone last one), sign-teacher labels and absent arrays, writing only its outputs', () => {
    const size = 3;
    const run = (backend: KernelBackend, n: number, responses: number, kappa: number, withScores: boolean, useTwin: boolean, innovationScale: number) => {
      const workspace = sampleStepWorkspace(backend, n, responses, size);
      const a = workspace.arrays;
      const random = createRandom(11, 9);
      for (let p = 0; p < n; p++) {
        const teacherField = random.normal();
        a.labels[p] = teacherField >= 0 ? 1 : -1; // the sign teacher β = ∞
        a.field[p] = p % 7 === 3 ? 0 : 3 * (0.8 * teacherField + 0.6 * random.normal()); // some margins exactly 0 (and −0)
        a.selfReaction[p] = p % 7 === 3 ? 0 : random.normal();
        a.scores[p] = random.normal();
        a.twinMargins[p] = p % 5 === 2 ? 0 : random.normal();
      }
      for (let i = 0; i < a.latent.length; i++) a.latent[i] = random.normal();
      const outputs = [a.currentForce, a.force, a.currentCurvature, a.drive, a.noise, a.draws, a.kernelSums];
      const memory = new Uint8Array(a.labels.buffer);
      const before = memory.slice();
      const step = createSampleStep({
        ...{ model: logistic, random: createRandom(6, 9), kernels: workspace, draws: a.draws, kernelSums: a.kernelSums, count: n, responseCount: responses, dt: 0.1, alpha: 2, kappa, minibatch: null },
        ...{ labels: a.labels, latent: a.latent, scores: withScores ? a.scores : null, field: a.field, selfReaction: a.selfReaction, currentForce: a.currentForce, force: a.force },
        ...{ currentCurvature: a.currentCurvature, drive: a.drive, noise: kappa > 0 ? a.noise : null, twinMargins: a.twinMargins },
        fieldForce: null,
      });
      const sums = new Float64Array(stepSumCount);
      const twin = new Float64Array(5);
      for (let k = 0; k < size; k++) {
        step.draw(k);
        step.run(k, sums, useTwin, twin, innovationScale);
      }
      // Every byte of the memory outside the outputs is as before.
      const isOutput = new Uint8Array(memory.length);
      for (const array of outputs) isOutput.fill(1, array.byteOffset, array.byteOffset + array.byteLength);
      isOutput.fill(1, normalStateAt, normalStateAt + 16); // where the normals' stream state passes
      const changed = memory.findIndex((byte, i) => !isOutput[i] && byte !== before[i]);
      expect(changed, `a byte outside the outputs changed (${backend})`).toBe(-1);
      // draws and kernelSums are the WebAssembly path's scratch.
      return [sums, twin, a.currentForce, a.force, a.currentCurvature, a.drive, a.noise].map((array) => Array.from(array));
    };
    for (const [n, responses] of [[1, 1], [2, 1], [2, 2], [3, 2], [3, 3], [201, 200], [201, 201], [200, 199]]) {
      for (const kappa of [0, 3]) {
        for (const withScores of [false, true]) {
          for (const [useTwin, innovationScale] of [[false, 0], [true, 0], [false, 0.5], [true, 0.5]] as const) {
            expect(run('js', n, responses, kappa, withScores, useTwin, innovationScale), `n ${n}, responses ${responses}, κ ${kappa}, scores ${withScores}, twin ${useTwin}, s ${innovationScale}`)
              .toEqual(run('wasm', n, responses, kappa, withScores, useTwin, innovationScale));
          }
        }
      }
    }
  });

  it('draw rows of normals that are random.normal()’s, to the bit, on both backends, and leave the stream where those calls leave it', () => {
    // 2·10⁴ draws take the ziggurat's wedge and tail paths (~2% of draws) many times.
    const scale = 1 / Math.sqrt(7); // the simulations' rows of X
    for (const count of [0, 1, 5, 20000]) {
      for (const single of [true, false]) {
        const reference = createRandom(11, 3, count);
        const expected = Float64Array.from({ length: count }, () => (single ? Math.fround(reference.normal() * scale) : reference.normal() * scale));
        const expectedSum = expected.reduce((sum, z) => sum + z, 0);
        const after = [reference.normal(), reference.uniform()];
        for (const backend of backends) {
          const workspace = createWorkspace({ out: single ? float32(count + 3) : float64(count + 3) }, { backend });
          const { out } = workspace.arrays;
          out.fill(7);
          const random = createRandom(11, 3, count);
          const sum = workspace.normalRow(out, count, random, scale);
          expect(Array.from(out.subarray(0, count)), `${backend} ${count} ${single}`).toEqual(Array.from(expected));
          expect(Array.from(out.subarray(count)), 'writes nothing past count').toEqual([7, 7, 7]);
          expect(sum).toBe(expectedSum);
          expect([random.normal(), random.uniform()]).toEqual(after);
        }
      }
    }
    const unscaled = createWorkspace({ out: float64(3) }, { backend: 'wasm' });
    const reference = createRandom(2, 3);
    expect(unscaled.normalRow(unscaled.arrays.out, 3, createRandom(2, 3))).toBe(unscaled.arrays.out.reduce((sum, z) => sum + z, 0));
    expect(Array.from(unscaled.arrays.out)).toEqual([reference.normal(), reference.normal(), reference.normal()]);
    const rare = createRandom(11, 3, 20000);
    const draws = Array.from({ length: 20000 }, () => Math.abs(rare.normal()));
    expect(draws.some((z) => z > 3.442619855899), 'the tail was drawn').toBe(true);
  });

  it('draw rows of minibatch memberships that are random.uniform() < b’s, to the bit, on both backends, and leave the stream where those calls leave it', () => {
    for (const count of [0, 1, 7, 5000]) {
      for (const probability of [0, 0.1, 0.5, 1]) {
        const reference = createRandom(5, 4, count);
        const expected = Array.from({ length: count }, () => (reference.uniform() < probability ? 1 : 0));
        const after = [reference.uniform(), reference.normal()];
        for (const backend of backends) {
          const workspace = createWorkspace({ out: float64(count + 2) }, { backend });
          const { out } = workspace.arrays;
          out.fill(7);
          const random = createRandom(5, 4, count);
          workspace.bernoulliRow(out, count, probability, random);
          expect(Array.from(out.subarray(0, count)), `${backend} ${count} ${probability}`).toEqual(expected);
          expect(Array.from(out.subarray(count)), 'writes nothing past count').toEqual([7, 7]);
          expect([random.uniform(), random.normal()]).toEqual(after);
        }
      }
    }
    const tenth = createWorkspace({ out: float64(5000) }, { backend: 'wasm' });
    tenth.bernoulliRow(tenth.arrays.out, 5000, 0.1, createRandom(1, 2));
    const members = tenth.arrays.out.reduce((sum, s) => sum + s, 0);
    expect(Math.abs(members - 500), 'about b·count members').toBeLessThan(5 * Math.sqrt(5000 * 0.1 * 0.9));
  });

  it('count histogram bins as the JavaScript mirror does on both backends: edges, NaN, ±0, a shift or none, the field bins or none', () => {
    const bounds = { low: -8, high: 8, binCount: 80 };
    const count = 1001;
    const specials = [Number.NaN, -0, 0, -8, 8, 8 - 1e-12, -8 - 1e-12, 0.2, -0.2, 1e300, -Infinity];
    const random = createRandom(4, 9);
    const fields = Float64Array.from({ length: count }, (_, p) => (p < specials.length ? specials[p] : 4 * random.normal()));
    const shift = Float64Array.from({ length: count }, (_, p) => (p % 3 === 0 ? 0 : random.normal()));
    const labels = Float64Array.from({ length: count }, (_, p) => (p % 2 ? 1 : -1));
    for (const classifier of [true, false]) {
      for (const withShift of [true, false]) {
        for (const withFields of [true, false]) {
          const counted = backends.map((backend) => {
            const workspace = createWorkspace({ bins: float64(82), fieldBins: float64(82), fields: float64(count), shift: float64(count), labels: float64(count) }, { backend });
            const a = workspace.arrays;
            a.fields.set(fields);
            a.shift.set(shift);
            a.labels.set(labels);
            a.bins.fill(2); // counts are added
            workspace.countBins(a.bins, withFields ? a.fieldBins : null, bounds, classifier, a.fields, withShift ? a.shift : null, a.labels, count);
            return [Array.from(a.bins), Array.from(a.fieldBins)];
          });
          expect(counted[0], `classifier ${classifier}, shift ${withShift}, fields ${withFields}`).toEqual(counted[1]);
          expect(counted[0][0].reduce((sum, c) => sum + c, 0)).toBe(count + 2 * 82);
          expect(counted[0][1].reduce((sum, c) => sum + c, 0)).toBe(withFields ? count : 0);
        }
      }
    }
  });

  it('refuse arrays that are not in their workspace, and rows beyond the array', () => {
    const workspace = createWorkspace({ rows: float32(8), out: float64(4), coefficients: float64(2) }, { backend: 'wasm' });
    const { rows, out, coefficients } = workspace.arrays;
    expect(() => workspace.combineRows(new Float64Array(4), rows, 4, coefficients, 2)).toThrow(/workspace/);
    expect(() => workspace.combineRows(out, rows, 4, coefficients, 3)).toThrow(RangeError);
    expect(() => workspace.allocate(float64(1))).toThrow(/exhausted/);
  });

  it('solve the DMFT to the same bits on both backends', () => {
    const params = { ...defaultParams, horizon: 2, samples: 3001, responseSamples: 301 };
    const wasm = solveDmft(params, { kernels: 'wasm' });
    const javascript = solveDmft(params, { kernels: 'js' });
    expect(javascript.kernelBackend).toBe('js');
    for (const name of seriesNames) expect(javascript.table[name]).toEqual(wasm.table[name]);
  });

  it('are what the AssemblyScript source compiles to (run `npm run kernels` after editing it)', async () => {
    const committed = await readFile(kernelModulePath, 'utf8');
    expect(committed).toBe(renderKernelModule(await compileKernels()));
  });
});

describe('fused loss terms', () => {
  it('equal ℓ, ℓ′, ℓ″ of every model', () => {
    const terms = new Float64Array(3);
    for (const model of Object.values(models).filter((model) => model.kind === 'glm')) {
      for (const y of model.id === 'linear' ? [-1.3, 0, 0.4] : [-1, 1]) {
        for (let r = -40; r <= 40; r += 0.37) {
          model.lossTerms(r, y, terms);
          expect(terms[0]).toBeCloseTo(model.loss(r, y), 12);
          expect(terms[1]).toBeCloseTo(model.lossDerivative(r, y), 12);
          expect(terms[2]).toBeCloseTo(model.lossCurvature(r, y), 12);
        }
      }
    }
  });
});
