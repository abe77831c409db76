/**
 * What the coordinator and the blocks exchange at each step k (flat Float64Arrays, so that a worker can
 * transfer them): the step's input, the same for every block, and each block's partial sums.
 */
import type { DmftLayout } from './layout';
import { stepSumCount } from './sampleStep';
import { ForceControlSum } from './forceControl';

/** Offsets of step k's input: row k+1 of the Cholesky factor, row k of R, the error twin's weights and scalars. */
export function inputLayout(k: number) {
  const factor = 0; // L_{k+1, 0..k+1}: ω_k = Σ_j L_{k+1,j} z_j
  const response = factor + k + 2; // R_{k, 0..k−1}
  const twinField = response + k; // weights of z_0..z_{k+1} in the twin field (errorTwin.ts)
  const twinNoise = twinField + k + 2; // B_{k, 0..k−1}
  const twinShift = twinNoise + k;
  const useTwin = twinShift + 1; // 1: the train error's control is the error twin; 0: the field twin
  return { factor, response, twinField, twinNoise, twinShift, useTwin, length: useTwin + 1 };
}
export type InputLayout = ReturnType<typeof inputLayout>;

/** Sums of the error twin's regression of the pull σ = −y f on x = y ω (errorTwin.ts). */
export const TwinSum = { x: 0, pull: 1, xSquare: 2, pullSquare: 3, cross: 4 } as const;
export const twinSumCount = 5;

/** Stein's moments E[f_k z_j] run over j = 0..k+1; the others need only j = 0 (the teacher's). */
export function latentMomentCount(layout: DmftLayout, k: number): number {
  return layout.estimator === 'stein' ? k + 2 : 1;
}

/** The first m whose λ_m the exact pathwise sweep of step k computes; older lags are probed. */
export function nearestExactLag(layout: DmftLayout, k: number): number {
  return layout.probed ? Math.max(0, k - layout.window) : 0;
}

/**
 * Offsets of a block's partial sums at step k, each a plain sum over the block's trajectories (means are
 * the coordinator's): the StepSum sums, Σ z_{k+1}, the twin's sums, Σ w_k f_k, Σ u_k u_l or Σ f_k u_l,
 * Q's control sums (ForceControlSum, then Σ u_k g_k² u_l or Σ f_k g_k² u_l: forceControl.ts), Σ f_k z_j, and (k < K, pathwise) the adjoint's Σ ℓ''(r_k) λ_m and Σ ℓ''(r_k)² λ_m (m = nearest..k) and
 * the probe's far sums (m < nearest).
 */
export function partialLayout(layout: DmftLayout, k: number) {
  const responses = layout.estimator === 'pathwise' && k < layout.steps;
  const nearest = responses ? nearestExactLag(layout, k) : 0;
  const stepSums = 0;
  const latentSum = stepSums + stepSumCount;
  const twinSums = latentSum + 1;
  const weightedForceSum = twinSums + twinSumCount;
  const crossMoments = weightedForceSum + 1;
  const forceControl = crossMoments + k + 1;
  const controlCross = forceControl + (layout.forceControl ? ForceControlSum.count : 0);
  const moments = controlCross + (layout.forceControl ? k + 1 : 0);
  const exactResponse = moments + latentMomentCount(layout, k);
  const exactCross = exactResponse + (responses ? k - nearest + 1 : 0);
  const probedResponse = exactCross + (responses ? k - nearest + 1 : 0);
  return { responses, nearest, stepSums, latentSum, twinSums, weightedForceSum, crossMoments, forceControl, controlCross, moments, exactResponse, exactCross, probedResponse, length: probedResponse + nearest };
}
export type PartialLayout = ReturnType<typeof partialLayout>;

/**
 * total[i] = Σ_b (block b's partials)[i], summed in block order whatever thread computed them: `parts`
 * holds the blocks in index order, each part one or more blocks' partials of `length` one after another.
 */
export function sumBlocks(parts: readonly Float64Array[], length: number, total: Float64Array): Float64Array {
  total.fill(0, 0, length);
  for (const part of parts) {
    for (let offset = 0; offset < part.length; offset += length) {
      for (let i = 0; i < length; i++) total[i] += part[offset + i];
    }
  }
  return total;
}
