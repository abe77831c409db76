/**
 * The running sums of a pair (a, b) from which a control variate b of a is built (mean, variance and
 * covariance): a, a², b, b², a·b, at five consecutive places of a sums array.
 */

/** Offsets of the five sums from the pair's first place. */
export const PairMoment = { first: 0, firstSquare: 1, second: 2, secondSquare: 3, cross: 4 } as const;
export const pairMomentCount = 5;

/** Adds a, a², b, b², a·b to sums[at..at+4]. */
export function addPairMoments(sums: Float64Array, at: number, a: number, b: number): void {
  sums[at + PairMoment.first] += a;
  sums[at + PairMoment.firstSquare] += a * a;
  sums[at + PairMoment.second] += b;
  sums[at + PairMoment.secondSquare] += b * b;
  sums[at + PairMoment.cross] += a * b;
}
