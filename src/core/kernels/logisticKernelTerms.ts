/**
 * ℓ, ℓ', ℓ'' of the logistic loss as ./assembly/logisticStep.ts computes them, operation for operation (the
 * polynomials of math/fastExp.ts). Where WebAssembly is unavailable, the general loop of dmft/sampleStep.ts
 * runs with these terms: it sums in the kernel's order, so both backends give the same bits.
 */
import { expNonPositive, log1pUnit } from '../math/fastExp';

/** The terms at margin z = y r from one exponential e = e^{−|z|}, into out[0..2] (GlmModel.lossTerms). */
export function logisticKernelTerms(r: number, y: number, out: Float64Array): void {
  const z = y * r;
  const e = expNonPositive(-Math.abs(z));
  const inverse = 1 / (1 + e);
  out[0] = (z < 0 ? -z : 0) + log1pUnit(e);
  out[1] = -y * (z >= 0 ? e * inverse : inverse);
  out[2] = e * inverse * inverse;
}
