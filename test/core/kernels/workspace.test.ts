import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileKernels, kernelModulePath, renderKernelModule } from '../../../scripts/kernelsWasm';
import { solveDmft } from '../../../src/core/dmft/solver';
import { availableKernelBackend, createWorkspace, float32, float64, int32, type KernelBackend } from '../../../src/core/kernels/workspace';
import { models } from '../../../src/core/models';
import { defaultParams } from '../../../src/core/params';
import { createRandom } from '../../../src/core/random';
import { seriesNames } from '../../../src/core/series';

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
