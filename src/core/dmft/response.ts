/**
 * Response estimators of theory.md §5: Γ_{k·} = (Δt/α) E[∂f_k/∂ω_·] and Γ*_k = (Δt/α) E[∂f_k/∂r*].
 * Each fills row k of the field response and the teacher response of a ParameterProcess.
 */
import type { RowKernels } from '../kernels/workspace';
import type { IncrementalCholesky } from './cholesky';

/** Pivots this small (relative to the variance) are skipped by Stein back-substitution: they amplify noise. */
const steinPivotFloor = 1e-6;

/** The arrays of one block's pathwise adjoint sweep (all in the workspace of its kernels). */
export interface PathwiseSweep {
  kernels: RowKernels;
  /** Response trajectories of the block (its first `count`) and rows K + 1 of the step-major arrays. */
  count: number;
  size: number;
  /** R_{jm}, (K+1)×(K+1) row-major, rows up to k known. */
  response: Float64Array;
  /** The same rounded to f32: the adjoint's coefficients (its sums run in single precision). */
  responseSingle: Float32Array;
  /** D_m = ℓ''(r_m)(Δt + κΔW_m)/α, step-major. */
  drive: Float64Array;
  /** ℓ''(r_k) (times w_k for epochs) of step k. */
  curvature: Float64Array;
  /** Scratch: ℓ''(r_k)², the weights of crossSums. */
  curvatureSquare: Float64Array;
  /** λ_m, step-major, single precision. */
  sensitivity: Float32Array;
  coefficients: Float64Array;
  /** Output: Σ_p ℓ''(r_k) λ_m over the block's trajectories, at index m − nearest, m = nearest..k (λ_k = 1). */
  sums: Float64Array;
  /** Output: Σ_p ℓ''(r_k)² λ_m, the same indices: the cross moments of the diagonal's control variate (responseRows.ts). */
  crossSums: Float64Array;
}

/**
 * Pathwise (adjoint) estimator on one block's response trajectories: λ_k = 1,
 * λ_m = −D_m Σ_{j=m+1}^{k} λ_j R_{jm}, ∂f_k/∂ω_m = ℓ''(r_k) λ_m. One kernel call (RowKernels.adjointSweep)
 * runs the whole sweep, a few trajectories at a time, so their λ stay in cache. The sweep stops at m = `nearest` (0: the whole history).
 * Writes the block's sums Σ ℓ''(r_k) λ_m and Σ ℓ''(r_k)² λ_m, m = nearest..k. The diagonal m = k,
 * E[ℓ''(r_k)], is also known from all N trajectories: the coordinator uses it as a control variate of
 * the subset's means (responseRows.ts).
 */
export function pathwiseSweep(sweep: PathwiseSweep, k: number, nearest: number): void {
  const { kernels, count, size, responseSingle, drive, curvature, curvatureSquare, sensitivity, sums, crossSums } = sweep;
  kernels.adjointSweep(sensitivity, drive, responseSingle, size, count, k, nearest);
  const lags = sensitivity.subarray(nearest * count);
  kernels.dotRows(sums, lags, count, curvature, k - nearest + 1);
  for (let p = 0; p < count; p++) curvatureSquare[p] = curvature[p] * curvature[p];
  kernels.dotRows(crossSums, lags, count, curvatureSquare, k - nearest + 1);
}

/**
 * Teacher response by Stein on z_0: E[f_k z_0] = L_00 E[∂f_k/∂r*] + Σ_l E[∂f_k/∂ω_l] L_{l+1,0},
 * solved for E[∂f_k/∂r*] given the field gradient. `forceTeacherMoment` is E[(f_k − f̄_k) z_0].
 */
export function teacherGradientFromStein(
  k: number,
  cholesky: IncrementalCholesky,
  fieldGradient: Float64Array,
  forceTeacherMoment: number,
): number {
  let known = 0;
  for (let l = 0; l <= k; l++) known += fieldGradient[l] * cholesky.at(l + 1, 0);
  return (forceTeacherMoment - known) / cholesky.at(0, 0);
}

/**
 * Full Stein estimator: E[f z] = Lᵀ E[∇f] over (r*, ω_0..ω_k), solved by back-substitution.
 * `moments[i]` = E[(f_k − f̄_k) z_i] for i = 0..k+1; `diagonal` = E[∂f_k/∂ω_k], known directly
 * (it is E[ℓ''(r_k)]), so the back-substitution starts from it. Writes E[∇f] into `gradient` (index 0 = r*).
 */
export function steinGradient(k: number, cholesky: IncrementalCholesky, moments: Float64Array, diagonal: number, gradient: Float64Array): void {
  const top = k + 1;
  gradient[top] = diagonal;
  for (let i = top - 1; i >= 0; i--) {
    const pivot = cholesky.at(i, i);
    let variance = 0;
    for (let p = 0; p <= i; p++) variance += cholesky.at(i, p) * cholesky.at(i, p);
    if (pivot === 0 || pivot * pivot < steinPivotFloor * variance) {
      gradient[i] = 0;
      continue;
    }
    let sum = moments[i];
    for (let j = i + 1; j <= top; j++) sum -= cholesky.at(j, i) * gradient[j];
    gradient[i] = sum / pivot;
  }
}

/**
 * Exact response of the square loss (theory.md §5): Γ = a (I + a R)⁻¹ with a = Δt/α, row k,
 * and Γ*_k = −Σ_m Γ_{km} (the label y = r* + noise shifts every force by −1).
 * Writes J_{k·} = row k of (I + aR)⁻¹ into `row`.
 */
export function linearResponseRow(k: number, size: number, a: number, response: Float64Array, row: Float64Array): void {
  row[k] = 1;
  for (let m = k - 1; m >= 0; m--) {
    let sum = 0;
    for (let j = m + 1; j <= k; j++) sum += row[j] * response[j * size + m];
    row[m] = -a * sum;
  }
}
