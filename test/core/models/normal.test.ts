import { describe, expect, it } from 'vitest';
import { inverseMillsRatio, logNormalCdf } from '../../../src/core/models/normal';
import { probit } from '../../../src/core/models/probit';

describe('probit: log Φ and the inverse Mills ratio, far into the lower tail', () => {
  // x, log Φ(x), λ(x) = φ/Φ, λ(x)(x + λ(x)): 30-digit values (mpmath).
  const reference: [number, number, number, number][] = [
    [-40, -804.60844201375379, 40.024968847207264, 0.99937733162140861],
    [-10, -53.231285150512471, 10.098093233962512, 0.99055462217434374],
    [-5, -15.064998393988726, 5.1865039671258421, 0.96730356538288777],
    [-3.1, -6.9406884584212281, 3.3761969902250673, 0.93249544710709409],
    [-2.9, -6.2840582349474184, 3.1903151395429819, 0.92619678492250888],
    [-1, -1.8410216450092635, 1.5251352761609812, 0.80090233442965121],
    [0, -0.69314718055994531, 0.79788456080286536, 0.63661977236758134],
    [2, -0.023012909328963488, 0.055247862678989959, 0.11354805168857645],
    [6, -9.8658764552437573e-10, 6.0758828558176764e-9, 3.6455297171822411e-8],
  ];
  it('matches to the accuracy of the continued fraction (x < −3) or erfc (x ≥ −3)', () => {
    const out = new Float64Array(2);
    for (const [x, logCdf, lambda, curvature] of reference) {
      // Continued fraction: exact to rounding; erfc's fit: 1.2·10⁻⁷ relative in Φ, so in λ, and ~10× that in λ(x + λ) near x = −3.
      const relative = x < -3 ? 1e-13 : 1e-6;
      inverseMillsRatio(x, out);
      expect(Math.abs(logNormalCdf(x) - logCdf), `log Φ(${x})`).toBeLessThanOrEqual(relative * Math.abs(logCdf));
      expect(Math.abs(out[0] - lambda), `λ(${x})`).toBeLessThanOrEqual(relative * lambda);
      expect(Math.abs(out[1] - curvature), `λ(x + λ) at ${x}`).toBeLessThanOrEqual(relative * curvature);
    }
    // Finite where Φ itself underflows.
    expect(Number.isFinite(logNormalCdf(-1e5))).toBe(true);
    expect(probit.loss(-1e5, 1)).toBeCloseTo(0.5e10, -3);
  });
});
