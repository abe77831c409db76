/**
 * Cholesky factor of Cov(r*, ω_0, …, ω_K) for the committee DMFT, extended one scalar at a time
 * (theory.md §10.4 step 1): the Gaussian vector is ordered (r*¹…r*^{p*}, ω_0¹…ω_0^p, ω_1¹, …).
 * A scalar whose conditional variance is below ε_piv times its variance owns no z column: it is a
 * deterministic function of the earlier ones. Same rule as the scalar solver's IncrementalCholesky
 * (dmft/cholesky.ts), which has no notion of active columns and a smaller threshold (see below).
 */

/** ε_piv: relative pivot threshold. 10⁻¹² lets rounding grow until gradient descent explodes (theory.md §10.8 item 2). */
export const pivotThreshold = 1e-9;

export class BlockCholesky {
  /** Lower-triangular factor, size × size row-major: row i holds the coefficients of scalar i on the z columns. */
  readonly factor: Float64Array;
  /** Whether scalar i owns a z column (its diagonal entry is nonzero). */
  readonly active: Uint8Array;
  readonly size: number;
  rows = 0;

  constructor(size: number) {
    this.size = size;
    this.factor = new Float64Array(size * size);
    this.active = new Uint8Array(size);
  }

  /**
   * Appends scalar i = rows given cov[j] = Cov(v_i, v_j) for j ≤ i: solves L_act x = v_act over the active
   * earlier scalars, pivot π = cov[i] − |x|²; active with diagonal √π if π > ε_piv·cov[i]. Returns whether it is active.
   */
  append(cov: ArrayLike<number>): boolean {
    const i = this.rows;
    const { size, factor: L, active } = this;
    const row = i * size;
    for (let j = 0; j < i; j++) {
      if (!active[j]) {
        L[row + j] = 0;
        continue;
      }
      let sum = cov[j];
      const other = j * size;
      for (let e = 0; e < j; e++) sum -= L[row + e] * L[other + e];
      L[row + j] = sum / L[other + j];
    }
    let pivot = cov[i];
    for (let e = 0; e < i; e++) pivot -= L[row + e] * L[row + e];
    const isActive = pivot > pivotThreshold * cov[i] && cov[i] > 0;
    L[row + i] = isActive ? Math.sqrt(pivot) : 0;
    active[i] = isActive ? 1 : 0;
    this.rows = i + 1;
    return isActive;
  }
}
