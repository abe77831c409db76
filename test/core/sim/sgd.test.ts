import { describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../../src/core/params';
import { createRandom } from '../../../src/core/random';
import { createDataset } from '../../../src/core/sim/dataset';
import { createBatchSampler, createSgdStepper } from '../../../src/core/sim/sgd';

/** Small and fast unless a test needs more. */
function smallParams(overrides: Partial<Params> = {}): Params {
  return { ...defaultParams, dim: 60, alpha: 2, horizon: 2, step: 0.1, seeds: 2, ...overrides };
}

describe('batch sampling', () => {
  function isDistinctInRange(batch: Int32Array, n: number): boolean {
    return new Set(batch).size === batch.length && batch.every((i) => i >= 0 && i < n);
  }

  it("'uniform' draws B distinct indices each step, each index with frequency B/n", () => {
    const n = 50;
    const size = 7;
    const steps = 4000;
    const sampler = createBatchSampler(n, size, 'uniform', createRandom(9, 4, 0));
    const batch = new Int32Array(size);
    const counts = new Array<number>(n).fill(0);
    for (let step = 0; step < steps; step++) {
      sampler.next(batch);
      expect(isDistinctInRange(batch, n)).toBe(true);
      for (const i of batch) counts[i]++;
    }
    // Each count is Binomial(steps, B/n): mean 560, sd ≈ 22; 5 sd over 50 indices.
    const p = size / n;
    const sd = Math.sqrt(steps * p * (1 - p));
    for (const count of counts) expect(Math.abs(count - steps * p)).toBeLessThan(5 * sd);
  });

  it("'epoch' draws B distinct indices and visits every sample once per epoch, also when B does not divide n", () => {
    for (const [n, size] of [
      [10, 3],
      [12, 4],
      [13, 13],
      [7, 6],
      [9, 1],
    ]) {
      const sampler = createBatchSampler(n, size, 'epoch', createRandom(5, 4, n));
      const batch = new Int32Array(size);
      const stream: number[] = [];
      const epochs = 20;
      while (stream.length < epochs * n) {
        sampler.next(batch);
        expect(isDistinctInRange(batch, n)).toBe(true);
        stream.push(...batch);
      }
      for (let epoch = 0; epoch < epochs; epoch++) {
        const visited = stream.slice(epoch * n, (epoch + 1) * n).sort((a, b) => a - b);
        expect(visited).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });

  it('the SGD stepper uses B = round(b n) distinct samples per step, for both samplings', () => {
    for (const sampling of ['uniform', 'epoch'] as const) {
      const params = smallParams({ batchFraction: 0.25, sampling, dim: 20, alpha: 1.55 }); // n = 31, B = 8
      const data = createDataset(params, 0);
      const stepper = createSgdStepper(params, data, 0);
      for (let step = 0; step < 30; step++) {
        stepper.evaluate(true);
        stepper.step();
        expect(stepper.batch.length).toBe(8);
        expect(isDistinctInRange(stepper.batch, 31)).toBe(true);
      }
    }
  });
});
