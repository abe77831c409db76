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
import type { RowKernels } from '../kernels/workspace';
import type { Random } from '../random';

/**
 * Lags swept exactly. The probe's variance falls with the window (the far λ are smaller) and the exact cost
 * grows like window²: at 64 the default solve (K = 100) probes only m < k − 64 and its Monte-Carlo error is
 * unchanged, while K = 400 costs O(N_resp K·64²) instead of O(N_resp K³/6).
 */
export const pathwiseWindow = 64;

export interface ProbedTailArrays {
  /** v_m per trajectory, step-major (rows 0..K). */
  probe: Float32Array;
  /** D_l s_l per trajectory, step-major. */
  drivenTangent: Float32Array;
  /** Scratch of one row: Σ_l R_kl D_l s_l, then the far weights ℓ''(r_k)(s_k − n_k). */
  row: Float64Array;
}

export class ProbedTail {
  constructor(
    private readonly kernels: RowKernels,
    private readonly arrays: ProbedTailArrays,
    private readonly count: number,
    private readonly size: number,
    private readonly window: number,
    private readonly random: Random,
  ) {}

  /** The first m whose λ_m the exact sweep of step k computes. */
  nearest(k: number): number {
    return Math.max(0, k - this.window);
  }

  /**
   * Advances the tangent through step k and adds the far estimate E[ℓ''(r_k) λ_m], m < nearest(k), to
   * `gradient` (which the caller zeroed there). `sensitivity` holds the exact λ_m, m = nearest(k)..k.
   */
  step(k: number, response: Float64Array, drive: Float64Array, curvature: Float64Array, sensitivity: Float32Array, coefficients: Float64Array, gradient: Float64Array): void {
    const { probe, drivenTangent, row } = this.arrays;
    const { count, size } = this;
    const offset = k * count;
    for (let p = 0; p < count; p++) probe[offset + p] = this.random.uniform() < 0.5 ? -1 : 1;
    for (let l = 0; l < k; l++) coefficients[l] = response[k * size + l];
    this.kernels.combineRows(row, drivenTangent, count, coefficients, k);
    const lo = this.nearest(k);
    for (let p = 0; p < count; p++) {
      const tangent = probe[offset + p] - row[p];
      drivenTangent[offset + p] = drive[offset + p] * tangent;
      let near = 0;
      for (let m = lo; m <= k; m++) near += sensitivity[m * count + p] * probe[m * count + p];
      row[p] = curvature[p] * (tangent - near);
    }
    if (lo === 0) return;
    this.kernels.dotRows(coefficients, probe, count, row, lo);
    for (let m = 0; m < lo; m++) gradient[m] += coefficients[m] / count;
  }
}
