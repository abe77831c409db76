/**
 * Cholesky factor of Cov(r*, ω_0, …, ω_K) for the committee DMFT, extended one scalar at a time
 * (theory.md §10.4 step 1): the Gaussian vector is ordered (r*¹…r*^{p*}, ω_0¹…ω_0^p, ω_1¹, …).
 * A scalar whose conditional variance is below ε_piv times its variance owns no z column: it is a
 * deterministic function of the earlier ones. The row solve is the scalar solver's (dmft/cholesky.ts,
 * choleskyRowPivot); the pivot rule (the same ε_piv) also records the active columns.
 */
import { choleskyRowPivot, degeneratePivot, RowByRowFactor } from '../dmft/cholesky';

/** Row i of the factor holds the coefficients of scalar i on the z columns. */
export class BlockCholesky extends RowByRowFactor {
  /** Whether scalar i owns a z column (its diagonal entry is nonzero). */
  readonly active: Uint8Array;

  constructor(size: number) {
    super(size);
    this.active = new Uint8Array(size);
  }

  /**
   * Appends scalar i = rows given cov[j] = Cov(v_i, v_j) for j ≤ i: solves L_act x = v_act over the active
   * earlier scalars, pivot π = cov[i] − |x|²; active with diagonal √π if π > ε_piv·cov[i]. Returns whether it is active.
   */
  append(cov: ArrayLike<number>): boolean {
    const i = this.rows;
    const { size, factor: L, active } = this;
    // An inactive scalar's diagonal is 0, so the shared row solve skips it as active[j] = 0 would.
    const pivot = choleskyRowPivot(L, size, i, cov);
    const isActive = pivot > degeneratePivot * cov[i] && cov[i] > 0;
    L[i * size + i] = isActive ? Math.sqrt(pivot) : 0;
    active[i] = isActive ? 1 : 0;
    this.rows = i + 1;
    return isActive;
  }
}
