import { describe, expect, it } from 'vitest';
import { activationIds, activations } from '../../../src/core/committee/activation';
import { createRandom } from '../../../src/core/random';

/** Monte-Carlo mean and standard error of g(u) g(v) for a Gaussian pair. */
function pairByMonteCarlo(g: (x: number) => number, A: number, a: number, b: number, draws: number) {
  const random = createRandom(7, 99);
  const slope = A / Math.sqrt(a);
  const residual = Math.sqrt(b - slope * slope);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < draws; i++) {
    const z1 = random.normal();
    const value = g(Math.sqrt(a) * z1) * g(slope * z1 + residual * random.normal());
    sum += value;
    squares += value * value;
  }
  const mean = sum / draws;
  return { mean, standardError: Math.sqrt((squares / draws - mean * mean) / draws) };
}

describe('committee activations', () => {
  it.each(activationIds)('%s: slope and curvature are the derivatives of the value', (id) => {
    const g = activations[id];
    const step = 1e-5;
    for (const x of [-1.7, -0.3, 0.4, 2.2]) {
      expect(g.slope(x)).toBeCloseTo((g.value(x + step) - g.value(x - step)) / (2 * step), 5);
      if (id !== 'relu') expect(g.curvature(x)).toBeCloseTo((g.slope(x + step) - g.slope(x - step)) / (2 * step), 5);
    }
  });

  it.each(activationIds)('%s: the pair moment matches Monte Carlo within 4 s.e.', (id) => {
    const g = activations[id];
    for (const [A, a, b] of [[0.3, 0.5, 1], [-0.4, 1.2, 0.6], [0.9, 1, 1]]) {
      const estimate = pairByMonteCarlo(g.value, A, a, b, 400_000);
      expect(Math.abs(g.pairMoment(A, a, b) - estimate.mean)).toBeLessThan(4 * estimate.standardError);
    }
  });
});
