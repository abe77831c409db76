/**
 * Step 4 of the solver for each response estimator (theory.md §5): row k of Γ and Γ*, written into the
 * parameter process from what the coordinator summed over the blocks.
 */
import type { IncrementalCholesky } from './cholesky';
import type { ResolvedEstimator } from './types';
import type { ParameterProcess } from './parameterProcess';
import { linearResponseRow, steinGradient, teacherGradientFromStein } from './response';

export interface ResponseContext {
  k: number;
  size: number;
  /** Δt/α. */
  forceScale: number;
  process: ParameterProcess;
  cholesky: IncrementalCholesky;
  /** E[∂f_k/∂ω_k] = E[ℓ''(r_k)] from all N trajectories. */
  diagonalGradient: number;
  /** E[∂f_k/∂r*] by the likelihood ratio, when the label law is smooth (else null: Stein on z_0). */
  teacherFromScore: number | null;
  /** Centred moments E[(f_k − f̄_k) z_j], j = 0..(Stein: k+1; else 0). */
  moments: Float64Array;
  /**
   * Pathwise: the blocks' summed adjoint sums Σ ℓ''(r_k) λ_m and Σ ℓ''(r_k)² λ_m (lags nearest..k, λ_k = 1)
   * and probe sums (lags 0..nearest−1).
   */
  exactSums: Float64Array;
  exactCrossSums: Float64Array;
  probedSums: Float64Array;
  nearest: number;
  responseCount: number;
  probeCount: number;
  /** Scratch of length K + 2. */
  gradient: Float64Array;
}

/** Γ_{k,l} = (Δt/α) gradient[offset + l], l = 0..k, and Γ*_k = (Δt/α) teacher. */
function writeRow(context: ResponseContext, gradient: Float64Array, offset: number, teacher: number): void {
  const { k, size, forceScale, process } = context;
  for (let l = 0; l <= k; l++) process.fieldResponse[k * size + l] = forceScale * gradient[offset + l];
  process.teacherResponse[k] = forceScale * teacher;
}

/** Square loss: Γ_{k·} = (Δt/α) row k of (I + (Δt/α) R)⁻¹, Γ*_k = −Σ_m Γ_{km}. */
function exactResponse(context: ResponseContext): void {
  const { k, size, forceScale, process, gradient } = context;
  linearResponseRow(k, size, forceScale, process.response, gradient);
  let rowSum = 0;
  for (let l = 0; l <= k; l++) {
    process.fieldResponse[k * size + l] = forceScale * gradient[l];
    rowSum += process.fieldResponse[k * size + l];
  }
  process.teacherResponse[k] = -rowSum;
}

/**
 * The adjoint's means E[ℓ''(r_k) λ_m] over the response subset, m = nearest..k−1, each controlled by the
 * diagonal ℓ''(r_k), whose mean all N trajectories give: x̄_m − β_m (ā − E_N[ℓ''(r_k)]), β_m = Cov(x_m, a)/Var(a)
 * on the subset. Estimating the diagonal on all N but the lags on the subset alone decorrelated their errors,
 * which cancel in the parameter process: at T = 40 gradient descent (N_resp = 1000) the spread of q(40) over
 * solves fell from 0.37 to 0.17, as low as with every trajectory in the subset.
 */
function controlledLagMeans(context: ResponseContext): void {
  const { k, nearest, exactSums, exactCrossSums, responseCount: n, gradient } = context;
  const diagonal = k - nearest;
  const subsetMean = exactSums[diagonal] / n;
  const subsetVariance = exactCrossSums[diagonal] / n - subsetMean * subsetMean;
  const shift = subsetMean - context.diagonalGradient;
  // A (nearly) constant curvature carries no information, and its rounding would make β noise.
  const informative = subsetVariance > 1e-12 * subsetMean * subsetMean;
  for (let m = nearest; m < k; m++) {
    const mean = exactSums[m - nearest] / n;
    const slope = informative ? (exactCrossSums[m - nearest] / n - mean * subsetMean) / subsetVariance : 0;
    gradient[m] = mean - slope * shift;
  }
}

/** Pathwise: the adjoint's controlled means (the probe's beyond the window), the diagonal from all N; the teacher by score or Stein on z_0. */
function pathwiseResponse(context: ResponseContext): void {
  const { k, nearest, probedSums, probeCount, gradient } = context;
  for (let m = 0; m < nearest; m++) gradient[m] = probedSums[m] / probeCount;
  controlledLagMeans(context);
  gradient[k] = context.diagonalGradient;
  const teacher = context.teacherFromScore ?? teacherGradientFromStein(k, context.cholesky, gradient, context.moments[0]);
  writeRow(context, gradient, 0, teacher);
}

/** Stein over (r*, ω_0..ω_k) by back-substitution from the diagonal; the teacher by score where it applies. */
function steinResponse(context: ResponseContext): void {
  const { k, cholesky, moments, diagonalGradient, gradient } = context;
  steinGradient(k, cholesky, moments, diagonalGradient, gradient);
  writeRow(context, gradient, 1, context.teacherFromScore ?? gradient[0]);
}

export const responseRows: Record<ResolvedEstimator, (context: ResponseContext) => void> = {
  exact: exactResponse,
  pathwise: pathwiseResponse,
  stein: steinResponse,
};
