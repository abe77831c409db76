/**
 * Causal forward-marching solver of the discrete-time DMFT (theory.md §4–5).
 * N Monte-Carlo trajectories of the sample process advance in lockstep; after each step the
 * kernels Q, Γ, Γ* close the Gaussian parameter process, which gives the next row of C, M, R.
 */
import { drain } from '../slices';
import { glmModel } from '../models';
import { gridStep, noiseStrength, stepGrid, timeSteps, validateParams, type Params } from '../params';
import { createRandom, streams } from '../random';
import { rowIsValid, emptyTable, appendRow, type IndexedRow, type ObservableRow } from '../series';
import { createWorkspace, float32, float64 } from '../kernels/workspace';
import { IncrementalCholesky } from './cholesky';
import { ErrorTwin } from './errorTwin';
import { createSampleStep, drawLabels, drawLatentRow, labelScores, StepSum, stepSumCount } from './sampleStep';
import { ParameterProcess } from './parameterProcess';
import { SampleHistogramRecorder } from './sampleHistogram';
import { createMinibatchKicks } from './minibatchKicks';
import { pathwiseWindow, ProbedTail, probesPerTrajectory, probingPays } from './probedTail';
import { linearResponseRow, pathwiseFieldGradient, steinGradient, teacherGradientFromStein } from './response';
import type { DmftOptions, DmftResult, ResolvedEstimator } from './types';

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
  if (glmModel(params.model).exactResponse) return 'exact';
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

function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let p = 0; p < values.length; p++) sum += values[p];
  return sum;
}

/** Solves the DMFT, calling options.onRow with every row as soon as it is computed. */
export function solveDmft(input: Params, options: DmftOptions = {}): DmftResult {
  return drain(dmftRows(input, options), ({ row, k }) => options.onRow?.(row, k));
}

/**
 * The solve as a generator: yields each row as soon as it is computed and returns the result.
 * A worker can then give its event loop a turn between rows (so that terminating it takes effect at once).
 */
export function* dmftRows(input: Params, options: Pick<DmftOptions, 'shouldStop' | 'kernels' | 'pathwiseWindow'> = {}): Generator<IndexedRow, DmftResult, void> {
  const validation = validateParams(input);
  if (!validation.ok) throw new Error(validation.problems.map((p) => p.message).join('; '));
  const params = validation.params;
  // The one-pass limit is a deterministic map with no sample process (theory/online.ts).
  if (params.theoryAlgorithm === 'online') throw new Error('the one-pass limit is solved by theory/online.ts (solveOnline), not by the DMFT solver');
  const model = glmModel(params.model);
  const estimator = resolveEstimator(params);
  // The SGD theory (theory.md §9) runs on the grid Δt = h of SGD itself; gradient descent has κ = 0.
  const sgd = params.theoryAlgorithm === 'sgd';
  const { dt, steps } = sgd ? stepGrid(params) : { dt: gridStep(params), steps: timeSteps(params) };
  const alpha = params.alpha;
  const kappa = params.theoryAlgorithm === 'sgf' ? Math.sqrt(noiseStrength(params)) : 0;
  const forceScale = dt / alpha; // Γ = (Δt/α) E[∂f/∂ω], Q_{kl} = (Δt/α) E[f_k u_l]
  const N = params.samples;
  const responseCount = estimator === 'pathwise' ? Math.min(params.responseSamples, N) : 0;
  const size = steps + 1; // rows k = 0..K
  const gaussianSize = steps + 2; // (r*, ω_0..ω_K)
  // The pathwise adjoint sweeps `window` lags exactly and probes older ones (probedTail.ts): O(N_resp K²),
  // where that costs less than the full sweeps (or a window is asked for).
  const window = options.pathwiseWindow ?? pathwiseWindow;
  const probed = estimator === 'pathwise' && steps > window && (options.pathwiseWindow !== undefined || probingPays(steps));
  // Gradient descent (κ = 0): Q is the sample Gram matrix (1/N) Σ u_k u_l of the stored kicks, exactly PSD.
  // The Rao–Blackwellized Q (double f_k against single-precision u_l, the diagonal from f_k²) is the same
  // in exact arithmetic, but its rounding makes Q indefinite where the u_k are nearly collinear, and the
  // closure amplifies that into a covariance C far from PSD (Cholesky pivots −33% of C_kk by t = 20 at
  // α = 1.5, h = 0.2: fields drawn with the wrong variance, q and the train error biased; issue 10).
  // For κ > 0 the noise term of Q_kk keeps Q definite and the Rao–Blackwellized form has less variance.
  // SGD: the Gram matrix too (theory.md §9); with epochs the kick at k depends on the past, so the shortcut fails.
  const gramNoiseKernel = kappa === 0;

  const random = createRandom(params.seed, streams.theory);
  const cholesky = new IncrementalCholesky(gaussianSize);
  const process = new ParameterProcess(steps, alpha, params.ridge, dt, params.initScale, params.initOverlap);
  const { correlation: C, overlap: M, response: R, noiseKernel: Q, fieldResponse: Gamma, teacherResponse: GammaStar } = process;

  // Per-trajectory state, step-major (row j holds every trajectory's value at step j), so that the
  // O(N K²) sums run as row kernels (src/core/kernels). Single precision for the stored z_j, u_l and
  // pathwise sensitivities: they only enter sums (accumulated in double precision), and half the bytes
  // halves the memory traffic. The error twin's Gaussian kicks are the SGF's: with SGD's Bernoulli kicks
  // (κ = 0 here) it keeps only its drift, still Gaussian given (r*, y); that twin cuts the train error's
  // Monte-Carlo error of the SGD theory at the defaults from 1.4% to 1.0% (uniform), 1.6% to 0.6% (epochs).
  const twinned = model.classifier && model.marginErrorRate !== null;
  const epochKicks = sgd && params.sampling === 'epoch' && params.batchFraction < 1;
  const workspace = createWorkspace({
    latent: float32(gaussianSize * N), // z_j, j = 0..K+1 (z_0 drives r*)
    force: float32(size * N), // u_l
    field: float64(N), // ω_k
    selfReaction: float64(N), // Σ_{l<k} R_{kl} u_l
    currentForce: float64(N), // f_k
    currentKick: float64(gramNoiseKernel ? N : 0),
    weightedForce: float64(epochKicks ? N : 0), // w_k f_k, w_k = s_k/b (epochs: minibatchKicks.ts) // u_k as stored (single precision), for the Gram matrix Q
    coefficients: float64(gaussianSize),
    crossMoments: float64(size),
    moments: float64(gaussianSize),
    currentCurvature: float64(responseCount), // ℓ''(r_k) on the pathwise subset
    sensitivity: float32(size * responseCount), // pathwise λ_m, step-major
    accumulator: float64(responseCount),
    fieldGradient: float64(size),
    // The probed far part of the pathwise response (probedTail.ts), when the horizon exceeds its window.
    probe: float32(probed ? size * responseCount * probesPerTrajectory : 0),
    drivenTangent: float32(probed ? size * responseCount * probesPerTrajectory : 0),
    tangentRow: float64(probed ? responseCount * probesPerTrajectory : 0),
    tangentNear: float64(probed ? responseCount * probesPerTrajectory : 0),
    // The train-error control variate of a classifier (errorTwin.ts): ξ_l per trajectory, and its scratch.
    noise: float32(twinned && kappa > 0 ? size * N : 0),
    twinMargins: float64(twinned ? N : 0),
    twinFields: float64(twinned ? N : 0),
    twinFieldWeights: float64(twinned ? gaussianSize : 0),
    twinNoiseWeights: float64(twinned ? size : 0),
  }, { backend: options.kernels });
  const { currentKick, weightedForce } = workspace.arrays;
  const { latent, force, field, selfReaction, currentForce, coefficients, crossMoments, moments, currentCurvature, sensitivity, accumulator, fieldGradient, noise } =
    workspace.arrays;
  const { twinMargins, twinFields, twinFieldWeights, twinNoiseWeights } = workspace.arrays;
  const steinForce = epochKicks ? weightedForce : currentForce; // the force whose moments E[· z_j] Stein uses
  const labels = new Float64Array(N);
  // Pathwise estimator: D_m = ℓ''(r_m)(Δt + κΔW_m)/α, step-major.
  const drive = new Float64Array(responseCount * size);
  const covarianceRow = new Float64Array(gaussianSize);
  const gradient = new Float64Array(gaussianSize);

  // Sample means of z_j, kept so the Stein moments can be centred exactly: Σ (f − f̄) z = Σ f z − f̄ Σ z.
  const latentMeans = new Float64Array(gaussianSize);

  // Row 0 of z drives r*; labels and their scores follow from it (in plain functions: V8 optimizes
  // their loops there, not inside this generator).
  latentMeans[0] = drawLatentRow(latent, 0, N, random) / N;
  cholesky.appendRow([1]);
  drawLabels(model, params, latent, labels, random);
  // Teacher response by the likelihood ratio E[f_k · ∂_{r*} log P(y|r*)] where the label law is smooth:
  // its variance is several times below Stein's on z_0. Otherwise (sign teacher) Stein on z_0.
  const labelScore = params.beta === Infinity ? null : model.labelScore;
  const scoreControlMean = labelScore ? model.fieldScoreMean : null;
  const scores = labelScore ? labelScores(model, params, latent, labels) : null;
  const sampleStep = createSampleStep({
    model,
    random,
    count: N,
    responseCount,
    dt,
    alpha,
    kappa,
    labels,
    scores,
    field,
    selfReaction,
    currentForce,
    force,
    currentCurvature,
    drive,
    noise: twinned && kappa > 0 ? noise : null,
    twinMargins: twinned ? twinMargins : null,
    minibatch: sgd
      ? {
          kicks: createMinibatchKicks(params.sampling, params.batchFraction, N, random),
          membership: new Uint8Array(N),
          batchFraction: params.batchFraction,
          step: params.step,
          weightedForce: workspace.arrays.weightedForce,
        }
      : null,
  });
  const sums = new Float64Array(stepSumCount);
  const probedTail = probed
    ? new ProbedTail(workspace, { probe: workspace.arrays.probe, drivenTangent: workspace.arrays.drivenTangent, row: workspace.arrays.tangentRow, near: workspace.arrays.tangentNear }, responseCount, size, window, createRandom(params.seed, streams.theory, 1))
    : null;
  const errorTwin = twinned
    ? new ErrorTwin(workspace, { margins: twinMargins, twinFields, fieldWeights: twinFieldWeights, noiseWeights: twinNoiseWeights }, N, size, dt, alpha, kappa)
    : null;

  const table = emptyTable();
  const trainLossSe: number[] = [];
  const trainErrorSe: number[] = [];
  let diverged: DmftResult['diverged'] = null;
  const histograms = new SampleHistogramRecorder(model.classifier, steps, dt, N, true); // margins or residuals of r_k and ω_k (sampleHistogram.ts)

  for (let k = 0; k <= steps; k++) {
    if (options.shouldStop?.()) break;
    const t = k * dt;

    // 1. Extend the Cholesky factor by the row of ω_k.
    covarianceRow[0] = M[k];
    for (let l = 0; l <= k; l++) covarianceRow[l + 1] = C[k * size + l];
    cholesky.appendRow(covarianceRow);
    const factorRow = cholesky.factor.subarray((k + 1) * gaussianSize, (k + 1) * gaussianSize + k + 2);

    // 2. Draw z_{k+1}; ω_k = Σ_j L_{k+1,j} z_j and the self-reaction Σ_{l<k} R_{kl} u_l for every trajectory.
    latentMeans[k + 1] = drawLatentRow(latent, k + 1, N, random) / N;
    coefficients.set(factorRow);
    workspace.combineRows(field, latent, N, coefficients, k + 2);
    coefficients.set(R.subarray(k * size, k * size + k));
    workspace.combineRows(selfReaction, force, N, coefficients, k);

    // 3. Advance r_k, f_k, u_k and sum the observables and the one-point moments. The train error's control
    // is the error twin, unless its margin is degenerate (no spread, e.g. at t = 0): then the field twin.
    let twinErrorRate = Number.NaN;
    if (errorTwin) {
      errorTwin.prepare(k, cholesky, R, latent, noise, labels);
      twinErrorRate = model.marginErrorRate!(errorTwin.overlap, errorTwin.spread, errorTwin.shift, params);
    }
    const useTwin = Number.isFinite(twinErrorRate);
    sampleStep(k, sums, useTwin);
    errorTwin?.record(k, labels, field, currentForce);

    // Two-point moments (part of step 4): E[u_k u_l] (gradient descent) or E[f_k u_l] for Q and, for Stein, E[f_k z_j].
    if (gramNoiseKernel) {
      const row = k * N;
      for (let p = 0; p < N; p++) currentKick[p] = force[row + p];
      workspace.dotRows(crossMoments, force, N, currentKick, k + 1);
    } else workspace.dotRows(crossMoments, force, N, currentForce, k);
    const latentMomentCount = estimator === 'stein' ? k + 2 : 1;
    workspace.dotRows(moments, latent, N, steinForce, latentMomentCount);

    const q = C[k * size + k];
    const m = M[k];
    const testLoss = model.testLoss(q, m, params);
    const testError = model.testError(q, m, params);
    // Control variates: the same quantity at the Gaussian field ω_k (no self-reaction), whose exact mean
    // is a Gaussian integral at (C_kk, M_k): the test-loss and test-error rules (theory.md §3) for the
    // train loss and error, model.fieldScoreMean for the likelihood-ratio teacher moment; for the train
    // error the error twin instead, where available (its rate is twinErrorRate).
    const lossEstimate = controlled(sums[StepSum.loss], sums[StepSum.lossSquare], sums[StepSum.fieldLoss], sums[StepSum.fieldLossSquare], sums[StepSum.lossCross], testLoss, N);
    const errorEstimate = model.classifier
      ? controlled(sums[StepSum.error], sums[StepSum.errorSquare], sums[StepSum.fieldError], sums[StepSum.fieldErrorSquare], sums[StepSum.errorCross], useTwin ? twinErrorRate : testError, N)
      : null;
    const trainLoss = lossEstimate.mean;
    const row: ObservableRow = {
      t,
      trainLoss,
      trainError: errorEstimate ? errorEstimate.mean : Number.NaN,
      testLoss,
      testError,
      q,
      m,
      cosine: q > 0 ? m / Math.sqrt(q) : 0,
    };
    if (!rowIsValid(row)) {
      diverged = { at: t };
      break;
    }
    appendRow(table, row);
    histograms.record(k, field, selfReaction, labels);
    trainLossSe.push(lossEstimate.standardError);
    trainErrorSe.push(errorEstimate ? errorEstimate.standardError : Number.NaN);
    yield { row, k };
    if (k === steps) break;

    // 4. Kernels of row k. Q_{kl} = E[u_k u_l]: for κ = 0 the Gram matrix; otherwise (Δt/α) E[f_k u_l] (l < k),
    // ΔW_k being independent of the past, and the exact noise average on the diagonal.
    const meanForce = epochKicks ? sumOf(weightedForce) / N : sums[StepSum.force] / N;
    if (gramNoiseKernel) for (let l = 0; l <= k; l++) Q[k * size + l] = crossMoments[l] / N;
    else {
      for (let l = 0; l < k; l++) Q[k * size + l] = (forceScale * crossMoments[l]) / N;
      Q[k * size + k] = ((dt * dt + kappa * kappa * dt) * (sums[StepSum.forceSquare] / N)) / (alpha * alpha);
    }
    // Stein moments E[(f_k − f̄_k) z_j]: centring f (E z_j = 0) removes the mean's noise.
    for (let j = 0; j < latentMomentCount; j++) moments[j] = moments[j] / N - meanForce * latentMeans[j];
    // E[∂f_k/∂ω_k] = E[ℓ''(r_k)] exactly (∂r_k/∂ω_k = 1): every estimator takes it from all N trajectories.
    const diagonalGradient = sums[StepSum.curvature] / N;
    const teacherFromScore =
      labelScore && scoreControlMean
        ? controlled(sums[StepSum.score], sums[StepSum.scoreSquare], sums[StepSum.fieldScore], sums[StepSum.fieldScoreSquare], sums[StepSum.scoreCross], scoreControlMean(q, m, params), N).mean
        : Number.NaN;

    if (estimator === 'exact') {
      // Square loss: Γ_{k·} = (Δt/α) row k of (I + (Δt/α) R)⁻¹, Γ*_k = −Σ_m Γ_{km}.
      linearResponseRow(k, size, forceScale, R, fieldGradient);
      let rowSum = 0;
      for (let l = 0; l <= k; l++) {
        Gamma[k * size + l] = forceScale * fieldGradient[l];
        rowSum += Gamma[k * size + l];
      }
      GammaStar[k] = -rowSum;
    } else if (estimator === 'pathwise') {
      const nearest = probedTail ? probedTail.nearest(k) : 0;
      pathwiseFieldGradient(workspace, k, responseCount, size, R, drive, currentCurvature, sensitivity, accumulator, coefficients, fieldGradient, nearest);
      probedTail?.step(k, R, drive, currentCurvature, sensitivity, coefficients, fieldGradient);
      fieldGradient[k] = diagonalGradient;
      const teacherGradient = labelScore ? teacherFromScore : teacherGradientFromStein(k, cholesky, fieldGradient, moments[0]);
      for (let l = 0; l <= k; l++) Gamma[k * size + l] = forceScale * fieldGradient[l];
      GammaStar[k] = forceScale * teacherGradient;
    } else {
      steinGradient(k, cholesky, moments, diagonalGradient, gradient);
      for (let l = 0; l <= k; l++) Gamma[k * size + l] = forceScale * gradient[l + 1];
      GammaStar[k] = forceScale * (labelScore ? teacherFromScore : gradient[0]);
    }

    // 5. Row k + 1 of G, R, M, C.
    process.advance(k);
  }

  return {
    params,
    dt,
    steps,
    estimator,
    table,
    trainLossSe,
    trainErrorSe,
    correlation: C,
    response: R,
    kernelBackend: workspace.backend,
    probedFromLag: probed ? window : null,
    diverged,
    sampleHistograms: histograms.result(),
  };
}
