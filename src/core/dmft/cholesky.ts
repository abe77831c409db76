/**
 * Row-by-row Cholesky factor of the covariance of (r*, ω_0, …, ω_K) (theory.md §5 step 1).
 * Index 0 is the teacher field r*, index l + 1 is the field ω_l.
 */

/**
 * ε_piv, the relative size below which a pivot is treated as zero: the new field is then a function of the past.
 * 10⁻¹², as before, let rounding grow through the row solves of gradient descent's nearly degenerate fields
 * until the factor no longer reproduced C (pivots down to −0.44 C_kk: 5 of 80 logistic GD solves drifted at
 * T = 40); theory.md §10.8 item 2 gives the same rule for the committee. Dropping innovations this small
 * changes a field's correlations by at most √ε_piv and leaves its variance exact.
 */
export const degeneratePivot = 1e-9;

/**
 * Writes the off-diagonal entries of row i of the row-major lower-triangular factor L (size × size), given
 * cov[j] = Cov(v_i, v_j) for j ≤ i: solves L x = v over the earlier rows, x_j = 0 where row j's diagonal is 0.
 * Returns the pivot cov[i] − |x|², which each caller turns into the diagonal by its own threshold.
 */
export function choleskyRowPivot(L: Float64Array, size: number, i: number, cov: ArrayLike<number>): number {
  const rowOffset = i * size;
  for (let j = 0; j < i; j++) {
    const otherOffset = j * size;
    const pivot = L[otherOffset + j];
    if (pivot === 0) {
      L[rowOffset + j] = 0;
      continue;
    }
    let sum = cov[j];
    for (let p = 0; p < j; p++) sum -= L[rowOffset + p] * L[otherOffset + p];
    L[rowOffset + j] = sum / pivot;
  }
  let diagonal = cov[i];
  for (let p = 0; p < i; p++) diagonal -= L[rowOffset + p] * L[rowOffset + p];
  return diagonal;
}

/** A lower-triangular factor filled one row at a time: the scalar solver's and the committee's. */
export class RowByRowFactor {
  /** Lower-triangular factor, size × size row-major; rows beyond `rows` are unset. */
  readonly factor: Float64Array;
  readonly size: number;
  rows = 0;

  constructor(size: number) {
    this.size = size;
    this.factor = new Float64Array(size * size);
  }

  at(i: number, j: number): number {
    return this.factor[i * this.size + j];
  }
}

export class IncrementalCholesky extends RowByRowFactor {
  /** The largest −pivot/cov[i] so far (0 if no pivot was negative): how far the factor's variances exceed C's. */
  varianceExcess = 0;

  /**
   * Appends row i = rows, given the covariances cov[j] = Cov(v_i, v_j) for j ≤ i.
   * A pivot below degeneratePivot·cov[i] (or a negative one from Monte-Carlo noise) is set to 0.
   */
  appendRow(cov: ArrayLike<number>): void {
    const i = this.rows;
    const diagonal = choleskyRowPivot(this.factor, this.size, i, cov);
    if (cov[i] > 0) this.varianceExcess = Math.max(this.varianceExcess, -diagonal / cov[i]);
    this.factor[i * this.size + i] = diagonal > degeneratePivot * Math.max(cov[i], 1e-300) ? Math.sqrt(diagonal) : 0;
    this.rows = i + 1;
  }
}
