/**
 * Φ(x) = ½ erfc(−x/√2) from the Chebyshev fit of erfc in Numerical Recipes (§6.2, `erfcc`: fractional error below
 * 1.2·10⁻⁷ for every x) within |x| < 6, with the polynomial e^x of fastExp.ts in place of Math.exp. The WebAssembly sample step
 * (kernels/assembly/logisticStep.ts) computes it in f64x2 lanes with these coefficients and operations in this order,
 * so both backends give the same bits (tested). gaussian.ts's normalCdf is the same fit with Math.exp and no cutoff, for
 * the models' tails, where relative accuracy beyond |x| = 6 matters (the test holds the two to 10⁻¹¹ of each other).
 */
import { expNonPositive } from './fastExp';

/** Beyond |x| ≥ 6 the value is 0 or 1 (Φ(−6) ≈ 10⁻⁹, below the fit's own error near 0): most margins are, and skip the fit. */
export const normalCdfCutoff = 6;

/** Φ(x) to an absolute error below 2·10⁻⁸ (NaN gives 0). */
export function fastNormalCdf(x: number): number {
  if (!(Math.abs(x) < normalCdfCutoff)) return x > 0 ? 1 : 0;
  const z = Math.abs(x) * 0.7071067811865476; // |x|/√2
  const t = 1 / (1 + 0.5 * z);
  // Its degree-8 polynomial in Estrin's scheme (a short dependency chain, as fastExp.ts's).
  const t2 = t * t;
  const t4 = t2 * t2;
  const t8 = t4 * t4;
  const low = (1.00002368 + 0.37409196 * t) + (0.09678418 + -0.18628806 * t) * t2;
  const high = (0.27886807 + -1.13520398 * t) + (1.48851587 + -0.82215223 * t) * t2;
  const p = low + high * t4 + 0.17087277 * t8;
  // ½ erfc(|x|/√2) = Φ(−|x|); the exponent is ≤ 0 but for rounding near x = 0, where e^x's reduction still holds.
  const tail = 0.5 * t * expNonPositive(-(z * z) - 1.26551223 + t * p);
  return x > 0 ? 1 - tail : tail;
}
