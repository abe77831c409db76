/**
 * The far part of the pathwise response at O(N_resp K²) in all (issue 10): the adjoint sweep of step k runs
 * exactly over the last `window` lags only, and Γ_{km} for older m comes from a probed forward tangent,
 * unbiased. Each trajectory draws a probe v_m = ±1 per step (independent of its path) and carries
 * s_k = Σ_m (∂r_k/∂ω_m) v_m, advanced causally by s_k = v_k − Σ_{l<k} R_kl D_l s_l (O(k) per step).
 * With the exact near part n_k = Σ_{m ≥ k−window} λ_m v_m subtracted, E[ℓ''(r_k)(s_k − n_k) v_m] =
 * E[ℓ''(r_k) λ_m] for every far m, since E[v_m v_m'] = δ_mm'. Its variance is E[ℓ''² Σ_far λ²] per sample.
 * The sensitivities λ decay like a power of the lag, not exponentially, so a plain truncation is biased
 * (m by −18 Monte-Carlo standard deviations at the defaults with a window of 40).
 */
import type { Random } from '../random';
import type { PathwiseSweep } from './response';

/**
 * Lags swept exactly. The probe's variance falls with the window (the far λ are smaller) and the exact cost
 * grows like window²: at 64, K = 400 costs O(N_resp K·64²) instead of O(N_resp K³/6).
 */
export const pathwiseWindow = 64;

/**
 * Independent probes per trajectory: the probe's variance falls like 1/P at O(P N_resp K²) (cheap next to
 * the exact window). At K = 400 one probe doubled the Monte-Carlo spread of q and m.
 */
export const probesPerTrajectory = 4;

/**
 * Multiply-adds per trajectory of the pathwise response over `rows` steps: the full sweeps, or probed beyond
 * the window; `probeCost` weighs the probe's operations (1: a plain count).
 */
export function pathwiseWork(rows: number, probed: boolean, probeCost = 1): number {
  if (!probed || rows <= pathwiseWindow + 1) return rows ** 3 / 6;
  const window = pathwiseWindow;
  const probing = probesPerTrajectory * ((rows - window) * window + rows * rows);
  return window ** 3 / 6 + ((rows - window) * window ** 2) / 2 + probeCost * probing;
}

/**
 * Time of a probe operation in adjoint operations: its loops are partly plain JavaScript and it draws a
 * random sign per entry (measured: the full sweeps and the probe take the same time at K ≈ 170).
 */
const probeOperationCost = 3;

/** Whether probing beyond the window is faster than the full sweeps (K ≳ 170): the default probes only then. */
export function probingPays(steps: number): boolean {
  return pathwiseWork(steps + 1, true, probeOperationCost) < pathwiseWork(steps + 1, false);
}

export interface ProbedTailArrays {
  /** v_m per probe, step-major (rows 0..K, each P·count wide: probe i of trajectory p in column i·count + p). */
  probe: Float32Array;
  /** D_l s_l per probe, step-major, the same layout. */
  drivenTangent: Float32Array;
  /** Scratch of one row (P·count): Σ_l R_kl D_l s_l, then the far weights ℓ''(r_k)(s_k − n_k). */
  row: Float64Array;
  /** Scratch of one row (P·count): the exact near part n_k. */
  near: Float64Array;
}

export class ProbedTail {
  constructor(
    private readonly arrays: ProbedTailArrays,
    /** The block's pathwise sweep: its kernels, R, drives, curvatures and (after it ran) exact λ. */
    private readonly sweep: PathwiseSweep,
    private readonly window: number,
    private readonly random: Random,
    private readonly probes: number = probesPerTrajectory,
  ) {}

  /** The first m whose λ_m the exact sweep of step k computes. */
  nearest(k: number): number {
    return Math.max(0, k - this.window);
  }

  /**
   * Advances the tangent through step k and writes the block's far sums Σ ℓ''(r_k)(s_k − n_k) v_m over its
   * P·count probes, m < nearest(k), into `farSums` (a workspace array); their mean over all blocks' probes
   * is E[ℓ''(r_k) λ_m]. The sweep's `sensitivity` holds the exact λ_m, m = nearest(k)..k.
   */
  step(k: number, farSums: Float64Array): void {
    const { probe, drivenTangent, row, near } = this.arrays;
    const { kernels, count, size, response, drive, curvature, sensitivity, coefficients } = this.sweep;
    const probes = this.probes;
    const width = count * probes;
    const offset = k * width;
    for (let c = 0; c < width; c++) probe[offset + c] = this.random.uniform() < 0.5 ? -1 : 1;
    for (let l = 0; l < k; l++) coefficients[l] = response[k * size + l];
    kernels.combineRows(row, drivenTangent, width, coefficients, k);
    const lo = this.nearest(k);
    near.fill(0);
    for (let m = lo; m <= k; m++) {
      for (let i = 0; i < probes; i++) {
        const from = m * width + i * count;
        const to = i * count;
        for (let p = 0; p < count; p++) near[to + p] += sensitivity[m * count + p] * probe[from + p];
      }
    }
    for (let i = 0; i < probes; i++) {
      for (let p = 0; p < count; p++) {
        const c = i * count + p;
        const tangent = probe[offset + c] - row[c];
        drivenTangent[offset + c] = drive[k * count + p] * tangent;
        row[c] = curvature[p] * (tangent - near[c]);
      }
    }
    if (lo > 0) kernels.dotRows(farSums, probe, width, row, lo);
  }
}
