import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/core/math/gaussian';
import { createRandom } from '../../src/core/random';

/** Kolmogorov–Smirnov statistic of a sample against Φ. */
function ksStatistic(sample: Float64Array): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf(sorted[i]);
    statistic = Math.max(statistic, Math.abs(cdf - i / n), Math.abs((i + 1) / n - cdf));
  }
  return statistic;
}

describe('normal deviates (ziggurat)', () => {
  const draws = 2_000_000;
  const sample = new Float64Array(draws);
  createRandom(3, 7).fillNormal(sample);

  it('follow Φ: Kolmogorov–Smirnov distance below the 0.1% critical value', () => {
    // P(√n D > 1.95) ≈ 0.001 for a correct sampler.
    expect(ksStatistic(sample) * Math.sqrt(draws)).toBeLessThan(1.95);
  });

  it('have the moments of N(0, 1) within 5 standard errors', () => {
    let sum = 0;
    let square = 0;
    let cube = 0;
    let fourth = 0;
    for (const z of sample) {
      sum += z;
      square += z * z;
      cube += z * z * z;
      fourth += z * z * z * z;
    }
    // Standard errors of the sample moments of N(0,1): √(1/n), √(2/n), √(15/n), √(96/n).
    expect(Math.abs(sum / draws)).toBeLessThan(5 * Math.sqrt(1 / draws));
    expect(Math.abs(square / draws - 1)).toBeLessThan(5 * Math.sqrt(2 / draws));
    expect(Math.abs(cube / draws)).toBeLessThan(5 * Math.sqrt(15 / draws));
    expect(Math.abs(fourth / draws - 3)).toBeLessThan(5 * Math.sqrt(96 / draws));
  });

  it('reach the tail beyond the base layer (|z| > 3.44) and beyond 4 as often as Φ says, on both sides', () => {
    for (const edge of [3.442619855899, 4]) {
      const expected = draws * (1 - normalCdf(edge));
      const upper = sample.filter((z) => z > edge).length;
      const lower = sample.filter((z) => z < -edge).length;
      for (const count of [upper, lower]) expect(Math.abs(count - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
  });

  it('fill each layer as Φ says: equiprobable bins, chi-square within its 0.1% quantile', () => {
    const bins = 200;
    const counts = new Float64Array(bins);
    for (const z of sample) counts[Math.min(bins - 1, Math.floor(normalCdf(z) * bins))]++;
    const expected = draws / bins;
    let chiSquare = 0;
    for (const count of counts) chiSquare += (count - expected) ** 2 / expected;
    // χ² with 199 degrees of freedom: mean 199, 0.1% upper quantile ≈ 268.
    expect(chiSquare).toBeLessThan(268);
  });

  it('are a deterministic function of (seed, purpose, index)', () => {
    const again = new Float64Array(1000);
    createRandom(3, 7).fillNormal(again);
    expect(Array.from(again)).toEqual(Array.from(sample.subarray(0, 1000)));
    const other = new Float64Array(1000);
    createRandom(3, 7, 1).fillNormal(other);
    expect(Array.from(other)).not.toEqual(Array.from(again));
  });
});
