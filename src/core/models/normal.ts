/**
 * The standard normal law where the GLMs need more than gaussian.ts gives: its density, and log Φ and the
 * inverse Mills ratio λ(x) = φ(x)/Φ(x) without underflow far in the lower tail (the probit loss −log Φ(y r)).
 */
import { normalCdf } from '../math/gaussian';

const logRootTwoPi = 0.5 * Math.log(2 * Math.PI);

/** φ(x), the standard normal density. */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x - logRootTwoPi);
}

/** Below this, Φ(x) comes from the continued fraction: erfc's 1.2·10⁻⁷ relative error grows in λ(x) + x as x → −∞. */
const lowerTail = -3;
/** Terms of the continued fraction: its 60th convergent is within 10⁻¹⁶ (relative) for z ≥ 3 (checked in 40-digit arithmetic). */
const fractionTerms = 60;

/**
 * K(z) = 1/(z + 2/(z + 3/(z + …))) for z ≥ 3: the Mills ratio is (1 − Φ(z))/φ(z) = 1/(z + K(z)), so
 * λ(−z) = z + K(z) and λ(−z) − z = K(z) without cancellation.
 */
function millsTail(z: number): number {
  let tail = 0;
  for (let j = fractionTerms; j >= 2; j--) tail = j / (z + tail);
  return 1 / (z + tail);
}

/** log Φ(x), finite for every finite x. */
export function logNormalCdf(x: number): number {
  if (x < lowerTail) return -0.5 * x * x - logRootTwoPi - Math.log(-x + millsTail(-x));
  if (x > 0) return Math.log1p(-normalCdf(-x));
  return Math.log(normalCdf(x));
}

/**
 * λ(x) = φ(x)/Φ(x) and its derivative −λ'(x) = λ(x)(x + λ(x)) into out[0], out[1]: the force and the
 * curvature of −log Φ. In the lower tail λ ≈ −x and x + λ → 0, taken from the continued fraction.
 */
export function inverseMillsRatio(x: number, out: Float64Array): void {
  if (x < lowerTail) {
    const tail = millsTail(-x);
    out[0] = -x + tail;
    out[1] = out[0] * tail;
    return;
  }
  const lambda = normalDensity(x) / normalCdf(x);
  out[0] = lambda;
  out[1] = lambda * (x + lambda);
}
