/**
 * Causal forward-marching solver of the discrete-time DMFT (theory.md §4–5).
 * N Monte-Carlo trajectories of the sample process advance in lockstep; after each step the
 * kernels Q, Γ, Γ* close the Gaussian parameter process, which gives the next row of C, M, R.
 */
import { drain } from '../slices';
import { getModel, glmModel } from '../models';
import { SampleHistogramRecorder } from './sampleHistogram';
import { noiseStrength, validateParams, type Params } from '../params';
import type { IndexedRow } from '../series';
import { BlockHost } from './blockHost';
import { DmftCoordinator } from './coordinator';
import { dmftLayout } from './layout';
import type { DmftOptions, InProcessDmftResult, ResolvedEstimator } from './types';

/**
 * Below this many trajectories 'auto' prefers the pathwise estimator to Stein. Stein needs N ≳ 5·10⁴ for 2%
 * (theory.md §5); the pathwise one, with its diagonal from all N and 3000 response samples, is more accurate
 * than Stein up to ~10⁵–2·10⁵ at similar cost (measured at the defaults with N = 5·10⁴, 24 solves: MC error
 * of q 0.40% vs 0.77%, of m 0.19% vs 0.50%, 1.08 s vs 0.97 s).
 */
export const steinMinimumSamples = 200_000;

/** Which estimator 'auto' means for these parameters. */
export function resolveEstimator(params: Params): ResolvedEstimator {
  if (params.estimator !== 'auto') return params.estimator;
  // Epochs: the kicks of one epoch are dependent, so neither the exact linear response nor Stein's factoring holds (theory.md §9).
  if (params.theoryAlgorithm === 'sgd' && params.sampling === 'epoch' && params.batchFraction < 1) return 'pathwise';
  if (getModel(params.model).exactResponse) return 'exact';
  if (params.theoryAlgorithm === 'gd' || noiseStrength(params) === 0) return 'pathwise';
  return params.samples >= steinMinimumSamples ? 'stein' : 'pathwise';
}

/**
 * Mean of x with a control variate c of known mean μ_c: x̄ − β(c̄ − μ_c), β = Cov(x, c)/Var(c) from the
 * same samples (bias O(1/N)). Returns the estimate and its standard error √((1 − ρ²) Var x / N).
 */
export function controlled(
  sum: number,
  squareSum: number,
  controlSum: number,
  controlSquareSum: number,
  crossSum: number,
  controlMean: number,
  count: number,
): { mean: number; standardError: number } {
  const mean = sum / count;
  const variance = Math.max(0, squareSum / count - mean * mean);
  const control = controlSum / count;
  const controlVariance = Math.max(0, controlSquareSum / count - control * control);
  const covariance = crossSum / count - mean * control;
  if (!(controlVariance > 1e-300) || !Number.isFinite(controlMean)) return { mean, standardError: Math.sqrt(variance / count) };
  const coefficient = covariance / controlVariance;
  const residualVariance = Math.max(0, variance - coefficient * covariance);
  return { mean: mean - coefficient * (control - controlMean), standardError: Math.sqrt(residualVariance / count) };
}

/** Solves the DMFT, calling options.onRow with every row as soon as it is computed. */
export function solveDmft(input: Params, options: DmftOptions = {}): InProcessDmftResult {
  return drain(dmftRows(input, options), ({ row, k }) => options.onRow?.(row, k));
}

/** Validated parameters of a DMFT solve, or a thrown error saying what is wrong. */
export function dmftParams(input: Params): Params {
  const validation = validateParams(input);
  if (!validation.ok) throw new Error(validation.problems.map((p) => p.message).join('; '));
  // The one-pass limit is a deterministic map with no sample process (theory/online.ts).
  if (validation.params.theoryAlgorithm === 'online') throw new Error('the one-pass limit is solved by theory/online.ts (solveOnline), not by the DMFT solver');
  return validation.params;
}

/**
 * The solve as a generator, in this thread (every block here; parallel.ts spreads them over workers, with
 * the same bits): yields each row as soon as it is computed and returns the result. A worker can then
 * give its event loop a turn between rows (so that terminating it takes effect at once).
 */
export function* dmftRows(input: Params, options: Pick<DmftOptions, 'shouldStop' | 'kernels' | 'pathwiseWindow' | 'forceControl'> = {}): Generator<IndexedRow, InProcessDmftResult, void> {
  const params = dmftParams(input);
  const host = new BlockHost(params, dmftLayout(params, options).blocks.map((block) => block.index), options);
  const coordinator = new DmftCoordinator(host.layout);
  const { steps, dt, samples } = host.layout;
  const histograms = new SampleHistogramRecorder(glmModel(params.model).classifier, steps, dt, samples, true); // margins or residuals of r_k and ω_k
  coordinator.begin([host.firstLatentSums()]);
  for (let k = 0; k <= steps; k++) {
    if (options.shouldStop?.()) break;
    const row = coordinator.close(k, [host.step(k, coordinator.input(k))]);
    if (!row) break;
    histograms.recordParts(k, host.histogramParts());
    yield { row, k };
  }
  return { ...coordinator.result(host.backend), sampleHistograms: histograms.result() };
}
