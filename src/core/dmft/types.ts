/** Contract of the DMFT solver (theory.md §4–5). */
import type { Params, ResponseEstimator } from '../params';

export type ResolvedEstimator = Exclude<ResponseEstimator, 'auto'>;
import type { Divergence, ObservableRow, SeriesTable } from '../series';
import type { KernelBackend } from '../kernels/workspace';
import type { SampleHistograms } from './sampleHistogram';

export interface DmftOptions {
  /** Called with every time row as soon as it is computed (k = 0..K, t = kΔt). */
  onRow?: (row: ObservableRow, k: number) => void;
  /** Polled once per step; returning true stops the solve early (the result holds the rows so far). */
  shouldStop?: () => boolean;
  /** Row-kernel backend: 'auto' (default) is WebAssembly SIMD where it compiles; both give the same bits. */
  kernels?: KernelBackend | 'auto';
  /**
   * Lags the pathwise adjoint sweeps exactly before probing older ones (Infinity: the full O(K³) sweeps).
   * Default: pathwiseWindow, probing only where that costs less (probingPays).
   */
  pathwiseWindow?: number;
  /** Q's control variate by the field force (forceControl.ts); default true. Off only to measure what it gains. */
  forceControl?: boolean;
}

export interface DmftResult {
  /** The validated parameters the solve used. */
  params: Params;
  /** Grid step Δt and number of steps K (rows 0..K). */
  dt: number;
  steps: number;
  /** The response estimator actually used ('auto' resolved). */
  estimator: ResolvedEstimator;
  /** Observables on the grid t_k = kΔt; truncated at a divergence. */
  table: SeriesTable;
  /** Monte-Carlo standard error of the train loss at each row. */
  trainLossSe: number[];
  /** Monte-Carlo standard error of the train error at each row (NaN for a regression model). */
  trainErrorSe: number[];
  /** Two-time correlation C_{kl} = E[θ_k θ_l], (K+1)×(K+1) row-major, rows beyond a divergence are 0. */
  correlation: Float64Array;
  /** Response R_{kl} = ∂θ_k/∂(kick at step l), (K+1)×(K+1) row-major, nonzero for l < k. */
  response: Float64Array;
  /** The row-kernel backend the solve ran on. */
  kernelBackend: KernelBackend;
  /** Lags beyond which the pathwise response was probed (probedTail.ts), or null when every sweep was exact. */
  probedFromLag: number | null;
  /**
   * How far the sampled fields' variances exceeded C_kk (the worst −pivot/C_kk of the Cholesky factor, 0 when
   * every pivot was ≥ 0): a factor that lost its accuracy shows here (cholesky.ts, degeneratePivot).
   */
  fieldVarianceExcess: number;
  /** Set when the solve diverged. */
  diverged: Divergence | null;
  /** Histograms of the training margins y·r_k (or residuals r_k − y) and of y·ω_k on the two-time grid (sampleHistogram.ts); null from the threaded solve (parallel.ts), which does not gather them. */
  sampleHistograms: SampleHistograms | null;
}

/** The in-process solve (solver.ts), which gathers the margin histograms too. */
export type InProcessDmftResult = DmftResult & { sampleHistograms: SampleHistograms };
