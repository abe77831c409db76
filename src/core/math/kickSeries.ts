/**
 * E Φ(w − S/σ) for a bounded S of zero mean independent of w, SGD's Bernoulli kicks in the error twin's margin
 * S = Σ_l B_l (s_l − b), s_l ~ Bernoulli(b) independent (dmft/errorTwin.ts). Its Gaussian part is exact: with
 * τ² = Var S and σ' = √(σ² + τ²), E Φ(w − G/σ) = Φ(w') at w' = wσ/σ' for G ~ N(0, τ²). The rest is the series of
 * the higher cumulants κ_n(S) = Σ_l B_l^n κ_n(s) (Gram–Charlier about that Gaussian): with Φ^(n) = (−1)^{n−1} He_{n−1} φ,
 *
 *   E Φ(w − S/σ) = Φ(w') − φ(w') Σ_{n≥3} c_n He_{n−1}(w'),   c_n = μ̃_n / (n! σ'^n),
 *
 * μ̃_n the moments of the cumulants (0, 0, κ_3, κ_4, …). Many small kicks make them small (central limit), and
 * the series settles in a few terms; it is exact in the limit (test/core/math/kickSeries.test.ts sums every
 * membership pattern).
 */
import { normalCdf } from './gaussian';

/** A series: the coefficients c_n (index n, 0 below 3), its last order (0: it did not settle) and σ/σ'. */
export interface KickSeries {
  coefficients: Float64Array;
  order: number;
  scale: number;
}

/** The longest series: beyond it the kicks are too large against σ for the series to settle (the twin then drops them). */
export const maxKickSeriesOrder = 40;
/** Where the series stops: two terms in a row below this bound on |c_n He_{n−1}(w) φ(w)| for every w. */
const kickSeriesTolerance = 1e-13;

const factorials = Float64Array.from({ length: maxKickSeriesOrder + 1 }, (_, n) => {
  let product = 1;
  for (let j = 2; j <= n; j++) product *= j;
  return product;
});
const binomial = (n: number, j: number): number => factorials[n] / (factorials[j] * factorials[n - j]);

/** The last b's cumulants: b is fixed in a solve, whose every step asks for them. */
let cachedCumulants: { b: number; cumulants: Float64Array } | null = null;

/** Cumulants κ_n of Bernoulli(b), n = 0..maxKickSeriesOrder, from its moments E s^n = b (n ≥ 1). */
function bernoulliCumulants(b: number): Float64Array {
  if (cachedCumulants?.b === b) return cachedCumulants.cumulants;
  const cumulants = new Float64Array(maxKickSeriesOrder + 1);
  for (let n = 1; n <= maxKickSeriesOrder; n++) {
    let sum = b;
    for (let j = 1; j < n; j++) sum -= binomial(n - 1, j - 1) * cumulants[j] * b;
    cumulants[n] = sum;
  }
  cachedCumulants = { b, cumulants };
  return cumulants;
}

/**
 * The series of S = Σ_l weights[l] (s_l − b) for a Gaussian part of spread σ, into `series` (its coefficients of
 * length maxKickSeriesOrder + 1). Order 0 when the series does not settle within maxKickSeriesOrder terms. The
 * bound: |He_{n−1}(w)| φ(w) ≤ 1.09 √((n − 1)!)/√(2π) (Cramér's inequality).
 */
export function bernoulliKickSeries(weights: Float64Array, count: number, b: number, spread: number, series: KickSeries): void {
  const bernoulli = bernoulliCumulants(b);
  const cumulants = new Float64Array(maxKickSeriesOrder + 1);
  for (let l = 0; l < count; l++) {
    const weight = weights[l];
    for (let n = 2, power = weight * weight; n <= maxKickSeriesOrder; n++, power *= weight) cumulants[n] += power * bernoulli[n];
  }
  const blurred = Math.sqrt(spread * spread + cumulants[2]);
  series.scale = spread / blurred;
  series.order = 0;
  const { coefficients } = series;
  coefficients.fill(0);
  const moments = new Float64Array(maxKickSeriesOrder + 1); // μ̃_n: moments of the cumulants (0, 0, κ_3, …)
  moments[0] = 1;
  let small = 0;
  for (let n = 3; n <= maxKickSeriesOrder; n++) {
    let moment = 0;
    for (let j = 3; j <= n; j++) moment += binomial(n - 1, j - 1) * cumulants[j] * moments[n - j];
    moments[n] = moment;
    const coefficient = moment / (factorials[n] * blurred ** n);
    if (!Number.isFinite(coefficient)) return;
    coefficients[n] = coefficient;
    const bound = (1.09 * Math.sqrt(factorials[n - 1]) * Math.abs(coefficient)) / Math.sqrt(2 * Math.PI);
    small = bound < kickSeriesTolerance ? small + 1 : 0;
    if (small === 2) {
      series.order = n;
      return;
    }
  }
}

/** E Φ(w − S/σ) by the series. */
export function kickedNormalCdf(series: KickSeries, w: number): number {
  const x = w * series.scale;
  return normalCdf(x) - kickCorrection(series, x);
}

/** φ(x) Σ_{n≥3} c_n He_{n−1}(x) at x = w' (He by He_{j+1} = x He_j − j He_{j−1}). */
export function kickCorrection({ coefficients, order }: KickSeries, x: number): number {
  let previous = 1; // He_0
  let current = x; // He_1
  let sum = 0;
  for (let n = 2; n <= order; n++) {
    sum += coefficients[n] * current; // c_n He_{n−1}
    const following = x * current - (n - 1) * previous;
    previous = current;
    current = following;
  }
  return (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * sum;
}
