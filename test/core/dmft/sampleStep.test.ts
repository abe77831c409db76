/**
 * The train error as a conditional probability (sampleStep.ts's conditionalError): ω_k = μ + s z_{k+1}, with the
 * innovation z_{k+1} independent of the past part μ, so Φ(y z_{k+1} − v/s) at the margin v = y r_k has the
 * indicator 1{v < 0}'s mean and a smaller spread.
 */
import { describe, expect, it } from 'vitest';
import { conditionalError, conditionalErrors } from '../../../src/core/dmft/sampleStep';
import { normalCdf } from '../../../src/core/math/gaussian';
import { misclassified } from '../../../src/core/models';
import { createRandom } from '../../../src/core/random';
import { estimate } from '../../agreement/agreement';

describe('conditional train error', () => {
  it('has the error rate of the margins as its mean, within 4 standard errors, and a smaller spread than the indicator', () => {
    const count = 200_000;
    const random = createRandom(3, 9);
    // Labels ±1; the past part of the margin y μ = m + σ g, the innovation's weight s: P(v < 0) = Φ(−m/√(σ² + s²)).
    const [m, sigma, s] = [0.8, 1, 0.3];
    const exact = normalCdf(-m / Math.sqrt(sigma * sigma + s * s));
    const conditional: number[] = [];
    const indicator: number[] = [];
    for (let p = 0; p < count; p++) {
      const y = random.uniform() < 0.5 ? 1 : -1;
      const z = random.normal();
      const r = y * (m + sigma * random.normal()) + s * z;
      conditional.push(conditionalError(r * y, y * z, s));
      indicator.push(misclassified(r, y));
    }
    const smooth = estimate(conditional);
    const rough = estimate(indicator);
    console.log(`P(v < 0) = ${exact.toFixed(5)}: conditional ${smooth.mean.toFixed(5)} ± ${smooth.standardError.toExponential(2)}, indicator ${rough.mean.toFixed(5)} ± ${rough.standardError.toExponential(2)}`);
    expect(Math.abs(smooth.mean - exact)).toBeLessThan(4 * smooth.standardError);
    expect(Math.abs(rough.mean - exact)).toBeLessThan(4 * rough.standardError);
    expect(smooth.standardError).toBeLessThan(rough.standardError);
  });

  it('applies to classifiers whose field has an innovation (s > 0); with s = 0 the indicators stay', () => {
    expect(conditionalErrors(true, 0.1)).toBe(true);
    expect(conditionalErrors(true, 0)).toBe(false);
    expect(conditionalErrors(false, 0.1)).toBe(false);
  });
});
