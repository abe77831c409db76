import { describe, expect, it } from 'vitest';
import { expectNormal, normalCdf } from '../../../src/core/math/gaussian';
import { logistic, sigmoid, softplus } from '../../../src/core/models/logistic';
import { defaultParams, type Params } from '../../../src/core/params';
import { simpsonNormal } from '../reference';

// Soft, sharp and nearly-sign teachers: Gauss–Hermite alone was off by up to 0.4 (fieldScoreMean) and 4·10⁻³ (test error) for β ≥ 10.
const betas = [1, 30, 1000];
const pairs: [number, number][] = [
  [2.5, 0.78],
  [4, 1.9],
  [0.5, 0.1],
];

/**
 * A test quantity at every (β, q, m) against Simpson over r* of its mean given r*, `given(p, r*, m, s)` with
 * p = σ(β r*) and s² = q − m² the variance of ω given r*.
 */
function expectAgainstSimpson(
  quantity: (q: number, m: number, params: Params) => number,
  given: (p: number, teacherField: number, m: number, s: number) => number,
  tolerance: number,
  intervals?: number,
): void {
  for (const beta of betas) {
    for (const [q, m] of pairs) {
      const s = Math.sqrt(q - m * m);
      const reference = simpsonNormal((z) => given(sigmoid(beta * z), z, m, s), intervals);
      expect(Math.abs(quantity(q, m, { ...defaultParams, beta }) - reference), `β = ${beta}, q = ${q}, m = ${m}`).toBeLessThan(tolerance);
    }
  }
}

/** E h(z), z ~ N(0, 1), by Simpson on [−12, 0] and [0, 12] (`intervals` each, even): exact to h's rule on each side of a jump at 0. */
function simpsonHalves(h: (z: number) => number, intervals: number): number {
  const width = 12 / intervals;
  let sum = 0;
  for (const side of [-1, 1]) {
    for (let i = 0; i <= intervals; i++) {
      // The jump's side: its limit from within the half.
      const z = side * i * width;
      const value = i === 0 ? h(side * 1e-300) : h(z);
      sum += (i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2) * value * Math.exp(-0.5 * z * z);
    }
  }
  return (sum * width) / 3 / Math.sqrt(2 * Math.PI);
}

describe('Gaussian integrals of the logistic model, against a fine Simpson rule', () => {
  it('fieldScoreMean = −β E[σ′(βr*)]', () => {
    for (const beta of betas) {
      const params: Params = { ...defaultParams, beta };
      const reference = -beta * simpsonNormal((z) => sigmoid(beta * z) * sigmoid(-beta * z));
      expect(Math.abs(logistic.fieldScoreMean!(1, 0.5, params) - reference), `β = ${beta}`).toBeLessThan(1e-7);
    }
    // β → ∞: −β σ′(βr*) tends to −δ(r*), so the mean tends to −φ(0).
    expect(logistic.fieldScoreMean!(1, 0.5, { ...defaultParams, beta: 1000 })).toBeCloseTo(-1 / Math.sqrt(2 * Math.PI), 4);
  });

  it('test error', () => {
    expectAgainstSimpson(logistic.testError, (p, z, m, s) => {
      const negative = normalCdf((-m * z) / s);
      return p * negative + (1 - p) * (1 - negative);
    }, 1e-7);
  });

  it('test loss', () => {
    // The inner expectation over ω given r* is smooth: Gauss–Hermite is exact enough there.
    expectAgainstSimpson(logistic.testLoss, (p, z, m, s) => expectNormal((x) => p * softplus(-(m * z + s * x)) + (1 - p) * softplus(m * z + s * x), 48), 1e-6, 60_000);
  });

  it('test loss at large q, where softplus bends within a fraction of the spread (Gauss–Hermite rules were 0.3% off at q = 200)', () => {
    // A soft teacher, and the sign teacher (β = ∞), whose step at r* = 0 the outer rule takes as the edge of two halves.
    for (const beta of [1, Infinity]) {
      const probability = (z: number): number => (beta === Infinity ? (z >= 0 ? 1 : 0) : sigmoid(beta * z));
      for (const [q, m] of [[200, 0], [200, 14], [60, 5], [16, 3]]) {
        const s = Math.sqrt(q - m * m);
        // Simpson over r* and, given r*, over z (spacing 0.01: the bend of softplus(m r* + s z) has width 1/s ≥ 0.07).
        const given = (z: number): number => {
          const p = probability(z);
          return simpsonNormal((x) => p * softplus(-(m * z + s * x)) + (1 - p) * softplus(m * z + s * x), 2400);
        };
        const reference = simpsonHalves(given, 1200);
        expect(Math.abs(logistic.testLoss(q, m, { ...defaultParams, beta }) - reference) / reference, `β = ${beta}, q = ${q}, m = ${m}`).toBeLessThan(1e-6);
      }
    }
  });
});
