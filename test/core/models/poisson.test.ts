import { describe, expect, it } from 'vitest';
import { poisson } from '../../../src/core/models/poisson';
import { defaultParams, validateParams, type Params } from '../../../src/core/params';
import { createRandom } from '../../../src/core/random';
import { overlapPairs, pairReference, simpsonNormal } from '../reference';

/** Poisson probabilities P(y = k) for k = 0..kMax, by the recurrence. */
function poissonPmf(rate: number, kMax: number): number[] {
  const pmf = [Math.exp(-rate)];
  for (let k = 1; k <= kMax; k++) pmf.push((pmf[k - 1] * rate) / k);
  return pmf;
}

describe('Poisson regression', () => {
  const params: Params = { ...defaultParams, model: 'poisson', batchFraction: 1 };
  it('test loss and label-score mean against sums over the label law', () => {
    for (const [q, m] of overlapPairs) {
      const loss = pairReference(q, m, (z, w) => Math.exp(w) - Math.exp(z) * w);
      expect(Math.abs(poisson.testLoss(q, m, params) - loss) / loss, `q=${q} m=${m}`).toBeLessThan(1e-8);
      // Σ_y P(y|r*) ℓ'(ω; y) score(y, r*), the label law summed term by term (k ≤ 200 covers r* ≤ 12 … to e^{−100}).
      const score = simpsonNormal((z) => {
        const pmf = poissonPmf(Math.exp(Math.min(z, 4.5)), 200);
        const omega = m * z; // the sum is affine in e^ω, whose conditional mean is e^{m z + s²/2}
        const rate = Math.exp(omega + 0.5 * (q - m * m));
        return pmf.reduce((sum, probability, y) => sum + probability * (rate - y) * poisson.labelScore!(y, Math.min(z, 4.5), params), 0);
      }, 20_000);
      // Above r* = 4.5 the rate is frozen (e^{4.5} = 90 needs no more than 200 terms); that part weighs Φ(−4.5) e^{4.5} ~ 3·10⁻⁴.
      expect(Math.abs(poisson.fieldScoreMean!(q, m, params) - score)).toBeLessThan(2e-3);
    }
    expect(poisson.fieldScoreMean!(1, 0.5, params)).toBe(-Math.exp(0.5));
  });
  it('labels are Poisson(e^{r*}): mean and variance e^{r*}', () => {
    const random = createRandom(7, 99);
    for (const teacherField of [-1, 0.5, 2.5]) {
      const rate = Math.exp(teacherField);
      const draws = Array.from({ length: 40_000 }, () => poisson.sampleLabel(teacherField, random, params));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
      expect(draws.every((y) => Number.isInteger(y) && y >= 0)).toBe(true);
      // Standard errors of the mean √(rate/n) and of the variance ≈ rate √(2/n) (+ the excess kurtosis 1/rate).
      expect(Math.abs(mean - rate)).toBeLessThan(4 * Math.sqrt(rate / draws.length));
      expect(Math.abs(variance - rate)).toBeLessThan(4 * Math.sqrt((2 * rate * rate + rate) / draws.length));
    }
  });
  it('label averages: E_y ℓ′ and E_y ℓ′² by the pmf sum', () => {
    const out = new Float64Array(2);
    for (const [r, z] of [[0.3, -0.5], [1.2, 2]]) {
      poisson.labelAverages(r, z, params, out);
      const pmf = poissonPmf(Math.exp(z), 120);
      const first = pmf.reduce((sum, p, y) => sum + p * (Math.exp(r) - y), 0);
      const second = pmf.reduce((sum, p, y) => sum + p * (Math.exp(r) - y) ** 2, 0);
      expect(out[0]).toBeCloseTo(first, 12);
      expect(out[1]).toBeCloseTo(second, 11);
    }
  });
  it('the validator refuses step sizes whose single-sample steps overshoot, and accepts the safe ones', () => {
    expect(validateParams({ ...defaultParams, model: 'poisson' }).ok).toBe(false); // b = 0.1, h = 0.1: c_max e⁴ ≈ 35
    const refusal = validateParams({ ...defaultParams, model: 'poisson' });
    if (!refusal.ok) expect(refusal.problems[0].message).toMatch(/lower the step size h or raise the batch fraction b/);
    expect(validateParams({ ...defaultParams, model: 'poisson', batchFraction: 1, step: 0.05 }).ok).toBe(true);
    expect(validateParams({ ...defaultParams, model: 'poisson', batchFraction: 1, step: 0.1 }).ok).toBe(false);
    expect(validateParams({ ...defaultParams, model: 'poisson', batchFraction: 0.5, step: 0.01, horizon: 2 }).ok).toBe(true);
  });
});
