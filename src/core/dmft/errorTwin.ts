/**
 * The control variate of the train error of a classifier (labels ±1, a loss of the margin v = y r): a
 * Gaussian twin of each trajectory's margin,
 *
 *   ṽ_k = y ω̃_k + A_k + Σ_{l<k} B_kl ξ_l,   ω̃_k = ω_k − (Δt/α) Σ_{l<k} R_kl c_l ω_l,
 *
 * built from the trajectory's own fields z and noises ξ. The true margin is
 * v_k = y ω_k + (Δt/α) Σ_{l<k} R_kl σ_l (1 + κ ξ_l/√Δt) with the pull σ_l = −y f_l; the twin replaces σ_l by
 * its regression on y ω_l (slope −c_l) in the drift and by its root mean square in the noise, so it
 * follows the trajectory's noise kicks, which the field twin 1{y ω_k < 0} does not. Given r* and y it is
 * Gaussian, so its error rate P(ṽ_k < 0) is a one-dimensional integral (model.marginErrorRate): an exactly
 * known mean. At the defaults it cuts the Monte-Carlo error of the train error from 1.6% to about 0.9% (and
 * summed as conditional probabilities, sampleStep.ts's conditionalError, to 0.7%).
 * SGD with independent draws has Bernoulli kicks instead: the twin follows the memberships s_l with weights
 * B_kl = (h/α) R_kl rms(σ_l)/b on s_l − b, and its rate takes their sum's exact law by math/kickSeries.ts; at the
 * defaults the SGD theory's train error then has a Monte-Carlo error of 0.72% at t = 10 instead of 1.11% (drift only).
 * The constants (pull means, slopes) come from the samples of earlier steps: a bias of order 1/N.
 */
import type { RowKernels } from '../kernels/workspace';
import { bernoulliKickSeries, maxKickSeriesOrder, type KickSeries } from '../math/kickSeries';
import type { IncrementalCholesky } from './cholesky';
import type { DmftLayout } from './layout';
import { TwinSum } from './exchange';
import { PairSums } from './pairSums';

/** The twin's constants: computed by the coordinator from the factor, R and the sums over all trajectories. */
export class ErrorTwin {
  /**
   * Overlap w_0 = Cov(ω̃_k, r*), spread of ṽ_k's Gaussian part given (r*, y), and shift A_k of the last prepare();
   * the shift the blocks add to the margins (A_k − b Σ_l B_kl with Bernoulli kicks, whose rows hold s_l, not s_l − b),
   * and the series of the Bernoulli kicks' sum (null: Gaussian kicks or none).
   */
  overlap = 0;
  spread = 0;
  shift = 0;
  marginShift = 0;
  kickSeries: KickSeries | null = null;
  /** Weights of z_0..z_{k+1} in ω̃_k (length K + 2), and B_kl, l < k (length K + 1), of the last prepare(). */
  readonly fieldWeights: Float64Array;
  readonly noiseWeights: Float64Array;
  // Per step l: mean and root mean square of the pull σ_l, c_l (minus its regression slope on y ω_l), mean of y ω_l.
  private readonly pullMean: Float64Array;
  private readonly pullRms: Float64Array;
  private readonly pullDecline: Float64Array;
  private readonly marginMean: Float64Array;

  private readonly size: number;
  private readonly dt: number;
  private readonly alpha: number;
  private readonly kappa: number;
  private readonly kicks: DmftLayout['twinKicks'];
  private readonly batchFraction: number;
  private readonly series: KickSeries = { coefficients: new Float64Array(maxKickSeriesOrder + 1), order: 0, scale: 1 };

  constructor(layout: Pick<DmftLayout, 'size' | 'dt' | 'alpha' | 'kappa' | 'twinKicks' | 'params'>) {
    const { size } = layout;
    this.size = size;
    this.dt = layout.dt;
    this.alpha = layout.alpha;
    this.kappa = layout.kappa;
    this.kicks = layout.twinKicks;
    this.batchFraction = layout.params.batchFraction;
    this.fieldWeights = new Float64Array(size + 1);
    this.noiseWeights = new Float64Array(size);
    this.pullMean = new Float64Array(size);
    this.pullRms = new Float64Array(size);
    this.pullDecline = new Float64Array(size);
    this.marginMean = new Float64Array(size);
  }

  /** The weights, spread, overlap and shift of ṽ_k, before step k (the blocks then build the margins: twinMargins). */
  prepare(k: number, cholesky: IncrementalCholesky, response: Float64Array): void {
    const { fieldWeights, noiseWeights, size, dt, alpha } = this;
    const driftScale = dt / alpha;
    for (let j = 0; j <= k + 1; j++) fieldWeights[j] = cholesky.at(k + 1, j);
    let shift = 0;
    for (let l = 0; l < k; l++) {
      const R = response[k * size + l];
      const drift = driftScale * R * this.pullDecline[l];
      for (let j = 0; j <= l + 1; j++) fieldWeights[j] -= drift * cholesky.at(l + 1, j);
      shift += driftScale * R * (this.pullMean[l] + this.pullDecline[l] * this.marginMean[l]);
    }
    let fieldVariance = 0;
    for (let j = 1; j <= k + 1; j++) fieldVariance += fieldWeights[j] * fieldWeights[j];
    this.overlap = fieldWeights[0];
    this.shift = shift;
    this.marginShift = shift;
    this.kickSeries = null;
    noiseWeights.fill(0, 0, k);
    if (this.kicks === 'gaussian') this.spread = Math.sqrt(fieldVariance + this.gaussianKicks(k, response));
    else {
      this.spread = Math.sqrt(fieldVariance);
      if (this.kicks === 'bernoulli') this.bernoulliKicks(k, response);
    }
  }

  /** The SGF's B_kl = R_kl rms(σ_l) κ√Δt/α on ξ_l; returns their variance Σ_l B_kl². */
  private gaussianKicks(k: number, response: Float64Array): number {
    let variance = 0;
    for (let l = 0; l < k; l++) {
      this.noiseWeights[l] = (response[k * this.size + l] * this.pullRms[l] * this.kappa * Math.sqrt(this.dt)) / this.alpha;
      variance += this.noiseWeights[l] * this.noiseWeights[l];
    }
    return variance;
  }

  /** SGD's B_kl = (h/α) R_kl rms(σ_l)/b on s_l − b, with their sum's series; none where the series does not settle. */
  private bernoulliKicks(k: number, response: Float64Array): void {
    const { noiseWeights, batchFraction: b } = this;
    if (!(this.spread > 0)) return;
    let weightSum = 0;
    for (let l = 0; l < k; l++) {
      noiseWeights[l] = (this.dt * response[k * this.size + l] * this.pullRms[l]) / (this.alpha * b);
      weightSum += noiseWeights[l];
    }
    bernoulliKickSeries(noiseWeights, k, b, this.spread, this.series);
    if (this.series.order === 0) {
      noiseWeights.fill(0, 0, k);
      return;
    }
    this.kickSeries = this.series;
    this.marginShift = this.shift - b * weightSum;
  }

  /** Records step k's pull statistics from the TwinSum sums over all `count` trajectories (twinSums). */
  record(k: number, sums: Float64Array, count: number): void {
    const xMean = sums[TwinSum.x] / count;
    const pullMean = sums[TwinSum.pull] / count;
    const xVariance = sums[TwinSum.xSquare] / count - xMean * xMean;
    const covariance = sums[TwinSum.cross] / count - xMean * pullMean;
    this.pullMean[k] = pullMean;
    this.pullRms[k] = Math.sqrt(sums[TwinSum.pullSquare] / count);
    this.pullDecline[k] = xVariance > 1e-300 ? -covariance / xVariance : 0;
    this.marginMean[k] = xMean;
  }
}

export interface TwinMarginArrays {
  /** ṽ_k per trajectory (output). */
  margins: Float64Array;
  /** Scratch: ω̃_k per trajectory. */
  twinFields: Float64Array;
  /** The coordinator's fieldWeights and noiseWeights, copied into the kernels' workspace. */
  fieldWeights: Float64Array;
  noiseWeights: Float64Array;
}

/** ṽ_k of a block's trajectories from z_0..z_{k+1} (`latent`) and ξ_0..ξ_{k−1} (`noise`; κ > 0), given the weights. */
export function twinMargins(kernels: RowKernels, arrays: TwinMarginArrays, count: number, k: number, latent: Float32Array, noise: Float32Array | null, labels: Float64Array, shift: number): void {
  kernels.combineRowsSingle(arrays.twinFields, latent, count, arrays.fieldWeights, k + 2);
  marginsFromTwinFields(kernels, arrays, count, k, noise, labels, shift);
}

/** The same given ω̃_k in `arrays.twinFields` (the block computes them with ω_k, in one pass over z: combineRowsPairSingle). */
export function marginsFromTwinFields(kernels: RowKernels, arrays: TwinMarginArrays, count: number, k: number, noise: Float32Array | null, labels: Float64Array, shift: number): void {
  const { margins, twinFields, noiseWeights } = arrays;
  if (noise) kernels.combineRowsSingle(margins, noise, count, noiseWeights, k);
  else margins.fill(0); // no kicks (gradient descent, epochs)
  kernels.addLabelledFields(margins, labels, twinFields, shift, count);
}

/** A block's TwinSum sums of step k (after its sample step): σ = −y f against x = y ω. */
export function twinSums(labels: Float64Array, field: Float64Array, currentForce: Float64Array, count: number, out: Float64Array): void {
  const sums = new PairSums();
  for (let p = 0; p < count; p++) sums.add(labels[p] * field[p], -labels[p] * currentForce[p]);
  out[TwinSum.x] = sums.first;
  out[TwinSum.pull] = sums.second;
  out[TwinSum.xSquare] = sums.firstSquare;
  out[TwinSum.pullSquare] = sums.secondSquare;
  out[TwinSum.cross] = sums.cross;
}
