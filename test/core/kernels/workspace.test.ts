import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileKernels, kernelModulePath, renderKernelModule } from '../../../scripts/kernelsWasm';
import { solveDmft } from '../../../src/core/dmft/solver';
import { availableKernelBackend, createWorkspace, float32, float64, int32, type KernelBackend } from '../../../src/core/kernels/workspace';
import { models } from '../../../src/core/models';
import { defaultParams } from '../../../src/core/params';
import { createRandom } from '../../../src/core/random';
import { seriesNames } from '../../../src/core/series';
import { createSampleStep, stepSumCount } from '../../../src/core/dmft/sampleStep';
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

  it('combine rows into two outputs at once to the bits of two combineRows, on both backends', () => {
    for (const width of [1, 3, 255, 258, 600]) {
      for (const count of [0, 1, 2, 5]) {
        const results = backends.map((backend) => {
          const workspace = createWorkspace({ rows: float32(width * count), a: float64(width), b: float64(width), c: float64(count), d: float64(count) }, { backend });
          const { rows, a, b, c, d } = workspace.arrays;
          const random = createRandom(width + count, 9);
          for (let i = 0; i < rows.length; i++) rows[i] = random.normal();
          for (let j = 0; j < count; j++) c[j] = random.normal();
          for (let j = 0; j < count; j++) d[j] = random.normal();
          a.fill(7);
          b.fill(7);
          workspace.combineRowsPair(a, b, rows, width, c, d, count);
          const pair = [Array.from(a), Array.from(b)];
          workspace.combineRows(a, rows, width, c, count);
          workspace.combineRows(b, rows, width, d, count);
          expect(pair, `${backend}, width ${width}, count ${count}`).toEqual([Array.from(a), Array.from(b)]);
          return pair;
        });
        expect(results[1]).toEqual(results[0]);
      }
    }
  });

  it('run the pathwise adjoint to the same bits on both backends, equal to its recursion', () => {
    for (const width of [1, 15, 16, 37]) {
      for (const [size, k, nearest] of [[1, 0, 0], [6, 5, 0], [9, 7, 3]]) {
        const results = backends.map((backend) => {
          const workspace = createWorkspace({ sensitivity: float32(size * width), drive: float64(size * width), response: float64(size * size) }, { backend });
          const { sensitivity, drive, response } = workspace.arrays;
          const random = createRandom(width * 7 + k, 9);
          for (let i = 0; i < drive.length; i++) drive[i] = 0.3 * random.normal();
          for (let i = 0; i < response.length; i++) response[i] = random.normal();
          sensitivity.fill(5); // rows below nearest must stay as they were
          workspace.adjointSweep(sensitivity, drive, response, size, width, k, nearest);
          for (let p = 0; p < width; p++) {
            expect(sensitivity[k * width + p]).toBe(1);
            for (let m = 0; m < nearest; m++) expect(sensitivity[m * width + p]).toBe(5);
            for (let m = k - 1; m >= nearest; m--) {
              let sum = 0;
              for (let j = m + 1; j <= k; j++) sum += response[j * size + m] * sensitivity[j * width + p];
              expect(sensitivity[m * width + p]).toBe(Math.fround(-drive[m * width + p] * sum));
            }
          }
          return Array.from(sensitivity);
        });
        expect(results[1], `width ${width}, k ${k}`).toEqual(results[0]);
      }
    }
  });

  it('run the logistic sample step to the same bits on both backends, and to 1e-12 of the general loop (Math.exp, Math.log1p)', () => {
    const n = 37;
    const responses = 11;
    const size = 4;
    const run = (backend: KernelBackend, general: boolean, kappa: number, useTwin: boolean) => {
      const workspace = createWorkspace(
        {
          ...{ labels: float64(n), scores: float64(n), field: float64(n), selfReaction: float64(n), currentForce: float64(n), force: float32(size * n) },
          ...{ currentCurvature: float64(responses), drive: float64(size * responses), noise: float32(size * n), twinMargins: float64(n), draws: float64(n), kernelSums: float64(23) },
        },
        { backend },
      );
      const a = workspace.arrays;
      const random = createRandom(5, 9);
      for (let p = 0; p < n; p++) {
        a.labels[p] = random.uniform() < 0.5 ? 1 : -1;
        a.scores[p] = random.normal();
        a.field[p] = 4 * random.normal();
        a.selfReaction[p] = random.normal();
        a.twinMargins[p] = random.normal();
      }
      a.field[0] = 800; // e^{−|z|} below the clamp
      a.selfReaction[0] = 0;
      const model = general ? { ...logistic } : logistic; // a copy is not `logistic`: the general loop
      const step = createSampleStep({
        ...{ model, random: createRandom(6, 9), kernels: workspace, draws: a.draws, kernelSums: a.kernelSums, count: n, responseCount: responses, dt: 0.1, alpha: 2, kappa, minibatch: null },
        ...{ labels: a.labels, scores: a.scores, field: a.field, selfReaction: a.selfReaction, currentForce: a.currentForce, force: a.force },
        ...{ currentCurvature: a.currentCurvature, drive: a.drive, noise: kappa > 0 ? a.noise : null, twinMargins: a.twinMargins },
      });
      const sums = new Float64Array(stepSumCount);
      const twin = new Float64Array(5);
      step(2, sums, useTwin, twin);
      return [sums, twin, a.currentForce, a.force, a.currentCurvature, a.drive, a.noise].map((array) => Array.from(array));
    };
    for (const kappa of [0, 3]) {
      for (const useTwin of [false, true]) {
        const wasm = run('wasm', false, kappa, useTwin);
        expect(run('js', false, kappa, useTwin)).toEqual(wasm);
        const general = run('js', true, kappa, useTwin);
        general.forEach((values, i) => values.forEach((value, j) => expect(Math.abs(wasm[i][j] - value), `array ${i}, element ${j}`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(value)))));
      }
    }
    for (let x = -745; x <= 0; x += 0.173) expect(Math.abs(expNonPositive(x) - Math.exp(Math.max(x, -708)))).toBeLessThanOrEqual(1e-12 * Math.exp(Math.max(x, -708)));
    for (let e = 0; e <= 1; e += 0.00731) expect(Math.abs(log1pUnit(e) - Math.log1p(e))).toBeLessThanOrEqual(1e-15 * Math.log1p(e));
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
