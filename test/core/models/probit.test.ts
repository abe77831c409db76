import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../src/core/math/gaussian';
import { logNormalCdf } from '../../../src/core/models/normal';
import { probit } from '../../../src/core/models/probit';
import { defaultParams, type Params } from '../../../src/core/params';
import { overlapPairs, pairReference, simpsonNormal } from '../reference';

describe('Gaussian rules of the probit model, against Simpson references', () => {
  for (const beta of [1, 8, Infinity]) {
    const params: Params = { ...defaultParams, model: 'probit', beta };
    const p = (z: number): number => (beta === Infinity ? (z >= 0 ? 1 : 0) : normalCdf(beta * z));
    it(`β = ${beta}: test loss and test error`, () => {
      for (const [q, m] of overlapPairs) {
        const loss = pairReference(q, m, (z, w) => -p(z) * logNormalCdf(w) - (1 - p(z)) * logNormalCdf(-w));
        expect(Math.abs(probit.testLoss(q, m, params) - loss), `loss q=${q} m=${m}`).toBeLessThan(2e-6);
        const s = Math.sqrt(q - m * m);
        const error = simpsonNormal((z) => p(z) * normalCdf((-m * z) / s) + (1 - p(z)) * normalCdf((m * z) / s));
        expect(Math.abs(probit.testError(q, m, params) - error), `error q=${q} m=${m}`).toBeLessThan(1e-6);
        expect(Math.abs(probit.marginErrorRate!(m, s, 0, params) - error)).toBeLessThan(1e-6);
      }
    });
    if (beta === Infinity) continue;
    it(`β = ${beta}: label-score mean E[ℓ'(ω; y) ∂ log P(y|r*)]`, () => {
      for (const [q, m] of overlapPairs) {
        // Σ_y P(y|r*) ℓ'(ω; y) score(y, r*), written out from the label law and the loss.
        const reference = pairReference(q, m, (z, w) => {
          let total = 0;
          for (const y of [1, -1]) total += normalCdf(beta * y * z) * probit.lossDerivative(w, y) * probit.labelScore!(y, z, params);
          return total;
        });
        // Simpson resolves the spike of width 1/β = 1/8 well: its own error is below 10⁻⁸ here.
        expect(Math.abs(probit.fieldScoreMean!(q, m, params) - reference), `q=${q} m=${m}`).toBeLessThan(1e-6);
      }
    });
  }
  it('the margin error rate with a shift, against Simpson', () => {
    const params: Params = { ...defaultParams, model: 'probit', beta: 2 };
    for (const [overlap, spread, shift] of [[0.7, 0.5, 0.3], [1.5, 0.05, -0.2]]) {
      const reference = simpsonNormal((z) => {
        const p = normalCdf(2 * z);
        return p * normalCdf((-shift - overlap * z) / spread) + (1 - p) * normalCdf((-shift + overlap * z) / spread);
      });
      expect(Math.abs(probit.marginErrorRate!(overlap, spread, shift, params) - reference)).toBeLessThan(1e-6);
    }
  });
});
