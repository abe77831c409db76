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
});
