/**
 * Running sums of a pair (a, b) over the trajectories: Σa, Σa², Σb, Σb², Σab, what the means, variances and
 * covariance of a step need (a quantity and its control variate, or the error twin's margin and pull).
 * Make one per pass, inside the loop's function: V8's escape analysis then keeps its fields in registers.
 */
export class PairSums {
  first = 0;
  firstSquare = 0;
  second = 0;
  secondSquare = 0;
  cross = 0;

  add(a: number, b: number): void {
    this.first += a;
    this.firstSquare += a * a;
    this.second += b;
    this.secondSquare += b * b;
    this.cross += a * b;
  }

  /** Σa, Σa², Σb, Σb², Σab into out[at..at+4] (the order of each StepSum group). */
  write(out: Float64Array, at: number): void {
    out[at] = this.first;
    out[at + 1] = this.firstSquare;
    out[at + 2] = this.second;
    out[at + 3] = this.secondSquare;
    out[at + 4] = this.cross;
  }
}
