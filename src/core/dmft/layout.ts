/**
 * The setup of a DMFT solve (theory.md §4–5): grid, estimator, which variance reductions apply, and the
 * split of the N trajectories into fixed-size blocks with their arrays. The solver allocates from it and
 * resources.ts estimates memory from it, so the estimate cannot drift from the allocation.
 */
import { glmModel, type GlmModel } from '../models';
import { gridStep, noiseStrength, stepGrid, timeSteps, type Params } from '../params';
import { float32, float64, type ArraySpec } from '../kernels/workspace';
import { pathwiseWindow, probesPerTrajectory, probingPays } from './probedTail';
import { resolveEstimator } from './solver';
import { twinSumCount } from './exchange';
import { stepSumCount } from './sampleStep';
import { ForceControlSum } from './forceControl';
import type { DmftOptions, ResolvedEstimator } from './types';

/**
 * Trajectories per block. A constant (not a function of the number of workers W): each block has its own
 * random stream and the coordinator sums the blocks in index order, so every W gives the same bits.
 */
export const blockSize = 2048;

/** One block of trajectories: [start, start + count) of the N, the first `responseCount` of them pathwise. */
export interface BlockSpan {
  index: number;
  start: number;
  count: number;
  responseCount: number;
}

export interface DmftLayout {
  params: Params;
  model: GlmModel;
  estimator: ResolvedEstimator;
  sgd: boolean;
  /** Grid step Δt and steps K (rows 0..K); size = K + 1 rows, gaussianSize = K + 2 (r*, ω_0..ω_K). */
  dt: number;
  steps: number;
  size: number;
  gaussianSize: number;
  alpha: number;
  /** κ of the SGF noise; 0 for gradient descent and SGD. */
  kappa: number;
  /** Δt/α: Γ = (Δt/α) E[∂f/∂ω], Q_{kl} = (Δt/α) E[f_k u_l]. */
  forceScale: number;
  samples: number;
  /** Pathwise response trajectories in all (0 unless pathwise), spread over the blocks in proportion. */
  responseCount: number;
  /** Lags the pathwise adjoint sweeps exactly, and whether older ones are probed (probedTail.ts). */
  window: number;
  probed: boolean;
  /**
   * κ = 0 (gradient descent, SGD): Q is the sample Gram matrix (1/N) Σ u_k u_l of the stored kicks, exactly
   * PSD. The Rao–Blackwellized Q (double f_k against single-precision u_l, the diagonal from f_k²) is the same
   * in exact arithmetic, but its rounding makes Q indefinite where the u_k are nearly collinear, and the
   * closure amplifies that into a covariance C far from PSD (issue 10). For κ > 0 the noise term of Q_kk keeps
   * Q definite and the Rao–Blackwellized form has less variance; so does SGD's with independent draws and b < 1
   * (independentKicks: the diagonal's membership noise h²(1 − b)/b plays κ²Δt). With epochs the shortcut fails.
   */
  gramNoiseKernel: boolean;
  /**
   * A classifier with a margin error rate: the train error's error twin (errorTwin.ts), which follows the
   * kicks of twinKicks; with epochs it keeps only its drift (the epoch theory's train error then has a
   * Monte-Carlo error of 0.96% at t = 10 at the defaults, in npm run bench).
   */
  twinned: boolean;
  /**
   * The kicks the error twin follows, stored per step in the `noise` rows: the SGF's Gaussian ξ_l, or SGD's
   * memberships s_l with independent draws (their sum's law by math/kickSeries.ts); null: drift only (gradient
   * descent, epochs, whose memberships depend on one another), or no twin.
   */
  twinKicks: 'gaussian' | 'bernoulli' | null;
  /** Epoch-shuffled SGD: kicks depend on the past, responses weigh by w_k = s_k/b. */
  epochKicks: boolean;
  /** SGD with independent draws and b < 1: each s_k independent of the past, so Q's diagonal has its exact noise average. */
  independentKicks: boolean;
  /**
   * The variance of a kick's noise part, in the units of Δt² (E[u_k²] = (Δt² + kickVariance) E[f_k²]/α² where Q is not the
   * Gram matrix): κ²Δt for the SGF; h²(1 − b)/b for SGD with independent draws (b (h/(bα))² E[f_k²], s_k² = s_k); else 0.
   */
  kickVariance: number;
  /**
   * Q's control variate (forceControl.ts): each entry of row k of Q regressed on the field force's square
   * g_k² = ℓ'(ω_k; y)², whose exact mean is a Gaussian integral at (C_kk, M_k). Off with epochs (weighted kicks)
   * and for gradient descent.
   */
  forceControl: boolean;
  /** Whether the likelihood-ratio teacher moment applies (a smooth label law). */
  labelScored: boolean;
  blocks: BlockSpan[];
}

/** What a solve's options change in its layout (DmftOptions). */
export type LayoutOptions = Pick<DmftOptions, 'pathwiseWindow' | 'forceControl'>;

/** The layout of a solve of validated `params`; options.pathwiseWindow overrides pathwiseWindow. */
export function dmftLayout(params: Params, options: LayoutOptions = {}): DmftLayout {
  const window = options.pathwiseWindow;
  const model = glmModel(params.model);
  const estimator = resolveEstimator(params);
  // The SGD theory (theory.md §9) runs on the grid Δt = h of SGD itself; gradient descent has κ = 0.
  const sgd = params.theoryAlgorithm === 'sgd';
  const { dt, steps } = sgd ? stepGrid(params) : { dt: gridStep(params), steps: timeSteps(params) };
  const kappa = params.theoryAlgorithm === 'sgf' ? Math.sqrt(noiseStrength(params)) : 0;
  const samples = params.samples;
  const responseCount = estimator === 'pathwise' ? Math.min(params.responseSamples, samples) : 0;
  const exactWindow = window ?? pathwiseWindow;
  const twinned = model.classifier && model.marginErrorRate !== null;
  const epochKicks = sgd && params.sampling === 'epoch' && params.batchFraction < 1;
  const independentKicks = sgd && !epochKicks && params.batchFraction < 1;
  const probed = estimator === 'pathwise' && steps > exactWindow && (window !== undefined || probingPays(steps));
  return {
    params,
    model,
    estimator,
    sgd,
    dt,
    steps,
    size: steps + 1,
    gaussianSize: steps + 2,
    alpha: params.alpha,
    kappa,
    forceScale: dt / params.alpha,
    samples,
    responseCount,
    window: exactWindow,
    probed,
    gramNoiseKernel: kappa === 0 && !independentKicks,
    twinned,
    twinKicks: twinned ? (kappa > 0 ? 'gaussian' : independentKicks ? 'bernoulli' : null) : null,
    epochKicks,
    independentKicks,
    kickVariance: independentKicks ? (dt * dt * (1 - params.batchFraction)) / params.batchFraction : kappa * kappa * dt,
    // Not for gradient descent (no kicks): there Q is the Gram matrix of nearly collinear u_k, exactly PSD only as it is (gramNoiseKernel).
    forceControl: (options.forceControl ?? true) && (kappa > 0 || independentKicks),
    labelScored: params.beta !== Infinity && model.labelScore !== null,
    blocks: blockSpans(samples, responseCount),
  };
}

/** Fixed-size blocks; block b's response trajectories are its share ⌊R·end/N⌋ − ⌊R·start/N⌋ of the R. */
function blockSpans(samples: number, responseCount: number): BlockSpan[] {
  const spans: BlockSpan[] = [];
  for (let start = 0, index = 0; start < samples; start += blockSize, index++) {
    const count = Math.min(blockSize, samples - start);
    const share = (at: number): number => Math.floor((responseCount * at) / samples);
    spans.push({ index, start, count, responseCount: share(start + count) - share(start) });
  }
  return spans;
}

/**
 * The arrays of one block, step-major (row j holds every trajectory's value at step j), so that the
 * O(N K²) sums run as row kernels. Single precision for the stored z_j, u_l, ξ_l and pathwise
 * sensitivities: they only enter sums (over trajectories in double precision; over steps, for the fields, in
 * single: RowKernels.combineRowsSingle), and half the bytes halves the memory traffic.
 */
export function blockArrays(layout: DmftLayout, span: BlockSpan) {
  const { size, gaussianSize, gramNoiseKernel, epochKicks, probed, twinned, twinKicks, kappa, sgd, forceControl } = layout;
  const n = span.count;
  const responses = span.responseCount;
  const probeWidth = probed ? responses * probesPerTrajectory : 0;
  return {
    latent: float32(gaussianSize * n), // z_j, j = 0..K+1 (z_0 drives r*)
    force: float32(size * n), // u_l
    field: float64(n), // ω_k
    selfReaction: float64(n), // Σ_{l<k} R_{kl} u_l
    currentForce: float64(n), // f_k
    currentKick: float64(gramNoiseKernel ? n : 0), // u_k as stored (single precision), for the Gram matrix Q
    weightedForce: float64(epochKicks ? n : 0), // w_k f_k, w_k = s_k/b (epochs: minibatchKicks.ts)
    membership: float64(sgd ? n : 0), // SGD's s_k ∈ {0, 1} of the current step (minibatchKicks.ts)
    labels: float64(n),
    scores: float64(layout.labelScored ? n : 0), // ∂_{r*} log P(y|r*)
    coefficients: float64(gaussianSize),
    crossMoments: float64(size),
    moments: float64(gaussianSize),
    // Q's control variate (forceControl.ts): the weights u_k g_k² (or f_k g_k²) and their sums against the rows u_l.
    fieldForce: float64(forceControl ? n : 0), // ℓ'(ω_k; y), from the sample step
    controlWeights: float64(forceControl ? n : 0),
    controlSums: float64(forceControl ? ForceControlSum.count : 0),
    controlCross: float64(forceControl ? size : 0),
    currentCurvature: float64(responses), // ℓ''(r_k) on the pathwise subset
    curvatureSquare: float64(responses), // its square, the weights of the diagonal control's cross sums
    drive: float64(size * responses), // D_m = ℓ''(r_m)(Δt + κΔW_m)/α, step-major
    sensitivity: float32(size * responses), // pathwise λ_m, step-major
    fieldGradient: float64(size),
    fieldGradientCross: float64(size),
    // The probed far part of the pathwise response (probedTail.ts), when the horizon exceeds its window.
    probe: float32(size * probeWidth),
    drivenTangent: float32(size * probeWidth),
    tangentRow: float64(probeWidth),
    tangentNear: float64(probeWidth),
    farSums: float64(probed ? size : 0),
    // The train-error control variate of a classifier (errorTwin.ts): ξ_l or s_l per trajectory, and its scratch.
    noise: float32(twinKicks ? size * n : 0),
    // The sample step's kernel (sampleStep.ts): ξ_k per trajectory, and its sums.
    draws: float64(kappa > 0 ? n : 0),
    kernelSums: float64(stepSumCount + twinSumCount),
    twinMargins: float64(twinned ? n : 0),
    twinFields: float64(twinned ? n : 0),
    twinFieldWeights: float64(twinned ? gaussianSize : 0),
    twinNoiseWeights: float64(twinned ? size : 0),
  } satisfies Record<string, ArraySpec>;
}

export type BlockArrays = ReturnType<typeof blockArrays>;

const bytesOf = (spec: ArraySpec): number => spec.length * (spec.kind === 'float64' ? 8 : 4);

/** Bytes of one block's arrays. */
export function blockBytes(layout: DmftLayout, span: BlockSpan): number {
  return Object.values(blockArrays(layout, span)).reduce((total, spec) => total + bytesOf(spec), 0);
}

/**
 * Bytes of the whole solve: every block's arrays, and the coordinator's seven (K+1)² matrices of the
 * parameter process (ParameterProcess) and the (K+2)² Cholesky factor (each worker holds its own copy of R).
 */
export function dmftBytes(layout: DmftLayout): number {
  const blocks = layout.blocks.reduce((total, span) => total + blockBytes(layout, span), 0);
  return blocks + 7 * layout.size * layout.size * 8 + layout.gaussianSize * layout.gaussianSize * 8;
}
