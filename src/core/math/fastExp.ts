/**
 * e^x for x ≤ 0 and log(1 + e^x) from the polynomials of ./expLogPolynomials.ts (relative error below 1e-12):
 * several times faster than Math.exp and Math.log1p, and the same bits in every engine and in the WebAssembly
 * kernels, which import the same polynomials.
 */
import { expReduced, log1pUnit } from './expLogPolynomials';

export { log1pUnit } from './expLogPolynomials';

const log2e = 1.4426950408889634;
// ln 2 in two parts (fdlibm's): k·ln2High is exact for the k here.
const ln2High = 6.9314718036912381649e-1;
const ln2Low = 1.90821492927058770002e-10;

/** 2^k for k = −1022..0 at index k + 1022 (halvings of 1 are exact). */
const powersOfTwo = new Float64Array(1023);
powersOfTwo[1022] = 1;
for (let i = 1021; i >= 0; i--) powersOfTwo[i] = powersOfTwo[i + 1] * 0.5;

/** e^x for x ≤ 0 (x below −708 is taken as −708): the polynomial after reduction by ln 2. */
export function expNonPositive(x: number): number {
  const clamped = Math.max(x, -708);
  const k = Math.floor(clamped * log2e + 0.5);
  return expReduced(clamped - k * ln2High - k * ln2Low) * powersOfTwo[k + 1022];
}

/** log(1 + e^x), overflow-safe, from the two polynomials. */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + log1pUnit(expNonPositive(-Math.abs(x)));
}
