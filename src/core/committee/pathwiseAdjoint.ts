/**
 * The pathwise (adjoint) field response of the committee DMFT (theory.md §10.4 step 5), exact per trajectory:
 * Λ_k = I, Λ_m = −[Σ_{j=m+1}^{k} Λ_j G_{j,m+1}] D_m (m = k−1, …, 0), Λ_m = ∂r_k/∂ω_m (p×p), in that order
 * (left to right), with D_m = H(r_m; y)·kick_m/α. Then Γ_km = (1/α) E[w_k H(r_k; y) Λ_m], w_k the kick's
 * mean Δt where it is independent of the past (SGF, GD, uniform SGD) and the kick itself otherwise (epochs).
 * Step-major over the N_resp trajectories, so that the sum over j is one row-kernel call per (a, c) and m
 * (the scalar solver's WebAssembly kernels), and Γ_k· one dot-product call per (a, e).
 */
import { float32, float64 } from '../kernels/workspace';
import type { RowKernels } from '../kernels/workspace';

/** Workspace arrays of the adjoint over `count` trajectories (row length count). */
export function pathwiseLayout(p: number, size: number, count: number) {
  const pp = p * p;
  return {
    /** D_m[c, c'] at row m·p² + c·p + c'. */
    drive: float64(size * pp * count),
    /** w_k H_k[a, e] at row a·p + e. */
    weightedCurvature: float64(pp * count),
    /** Λ_j[a, e] at row (a·size + j)·p + e: for fixed a the rows (j, e) are contiguous. */
    sensitivity: float32(p * size * p * count),
    /** Σ_j Λ_j G_{j,m+1} for the current m, [a, c] at row a·p + c. */
    product: float64(pp * count),
    /** G_{j,m+1}[e, c] over the rows (j, e), for one column c. */
    greenColumn: float64(size * p),
    /** Σ_n w_k H_k[a, e] Λ_m[e, c] at (m·p + c). */
    responseMoments: float64(size * p),
  };
}

export interface PathwiseArrays {
  drive: Float64Array;
  weightedCurvature: Float64Array;
  sensitivity: Float32Array;
  product: Float64Array;
  greenColumn: Float64Array;
  responseMoments: Float64Array;
}

/** Λ_k = I in the rows of step k. */
function setIdentity(k: number, p: number, size: number, count: number, lam: Float32Array): void {
  for (let a = 0; a < p; a++) {
    for (let e = 0; e < p; e++) lam.fill(a === e ? 1 : 0, ((a * size + k) * p + e) * count, ((a * size + k) * p + e + 1) * count);
  }
}

/** product[a, c] = Σ_{j=m+1}^{k} Σ_e Λ_j[a, e] G_{j,m+1}[e, c] for every trajectory. */
function sumOverLaterSteps(m: number, k: number, p: number, size: number, count: number, G: Float64Array, width: number, arrays: PathwiseArrays, kernels: RowKernels): void {
  const { sensitivity: lam, product, greenColumn } = arrays;
  const rows = (k - m) * p;
  for (let c = 0; c < p; c++) {
    for (let j = m + 1, i = 0; j <= k; j++) for (let e = 0; e < p; e++, i++) greenColumn[i] = G[(j * p + e) * width + (m + 1) * p + c];
    for (let a = 0; a < p; a++) {
      const first = ((a * size + m + 1) * p) * count;
      kernels.combineRows(product.subarray((a * p + c) * count, (a * p + c + 1) * count), lam.subarray(first, first + rows * count), count, greenColumn, rows);
    }
  }
}

/** Λ_m[a, c'] = −Σ_c product[a, c] D_m[c, c'] for every trajectory. */
function applyDrive(m: number, p: number, size: number, count: number, arrays: PathwiseArrays): void {
  const { sensitivity: lam, product, drive } = arrays;
  const pp = p * p;
  for (let a = 0; a < p; a++) {
    for (let cc = 0; cc < p; cc++) {
      const target = ((a * size + m) * p + cc) * count;
      for (let n = 0; n < count; n++) lam[target + n] = 0;
      for (let c = 0; c < p; c++) {
        const left = (a * p + c) * count;
        const right = (m * pp + c * p + cc) * count;
        for (let n = 0; n < count; n++) lam[target + n] -= product[left + n] * drive[right + n];
      }
    }
  }
}

/**
 * Writes Γ_km (m < k) into row block k of the block matrix Gamma: (1/α) mean over the `count`
 * trajectories of w_k H_k Λ_m. The diagonal block Γ_kk is the caller's (it uses all trajectories).
 */
export function pathwiseFieldResponse(
  k: number,
  p: number,
  size: number,
  count: number,
  alpha: number,
  G: Float64Array,
  Gamma: Float64Array,
  width: number,
  arrays: PathwiseArrays,
  kernels: RowKernels,
): void {
  if (k === 0 || count === 0) return;
  setIdentity(k, p, size, count, arrays.sensitivity);
  for (let m = k - 1; m >= 0; m--) {
    sumOverLaterSteps(m, k, p, size, count, G, width, arrays, kernels);
    applyDrive(m, p, size, count, arrays);
  }
  const { weightedCurvature, sensitivity: lam, responseMoments } = arrays;
  const scale = 1 / (alpha * count);
  for (let a = 0; a < p; a++) {
    for (let i = 0; i < k * p; i++) Gamma[(k * p + a) * width + i] = 0;
    for (let e = 0; e < p; e++) {
      const rowsOfE = lam.subarray(e * size * p * count, (e + 1) * size * p * count);
      kernels.dotRows(responseMoments, rowsOfE, count, weightedCurvature.subarray((a * p + e) * count, (a * p + e + 1) * count), k * p);
      for (let i = 0; i < k * p; i++) Gamma[(k * p + a) * width + i] += scale * responseMoments[i];
    }
  }
}
