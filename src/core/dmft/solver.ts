/**
 * Causal forward-marching solver of the discrete-time DMFT (theory.md §4–5).
 * N Monte-Carlo trajectories of the sample process advance in lockstep; after each step the
 * kernels Q, Γ, Γ* close the Gaussian parameter process, which gives the next row of C, M, R.
 */
import { getModel, misclassified } from '../models';
import { gridStep, noiseStrength, timeSteps, validateParams, type Params } from '../params';
import { createRandom, streams } from '../random';
import { rowIsValid, emptyTable, appendRow, type IndexedRow, type ObservableRow } from '../series';
import { IncrementalCholesky } from './cholesky';
import { ParameterProcess } from './parameterProcess';
import { linearResponseRow, pathwiseFieldGradient, steinGradient, teacherGradientFromStein } from './response';
import type { DmftOptions, DmftResult, ResolvedEstimator } from './types';

/** Below this many trajectories the Stein estimator is too noisy to be chosen automatically (theory.md §5). */
export const steinMinimumSamples = 50_000;

/** Which estimator 'auto' means for these parameters. */
export function resolveEstimator(params: Params): ResolvedEstimator {
  if (params.estimator !== 'auto') return params.estimator;
  if (params.model === 'linear') return 'exact';
  if (noiseStrength(params) === 0) return 'pathwise';
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
export function solveDmft(input: Params, options: DmftOptions = {}): DmftResult {
  const rows = dmftRows(input, options);
  for (;;) {
    const next = rows.next();
    if (next.done) return next.value;
    options.onRow?.(next.value.row, next.value.k);
  }
}

/**
 * The solve as a generator: yields each row as soon as it is computed and returns the result.
 * A worker can then give its event loop a turn between rows (so that terminating it takes effect at once).
 */
export function* dmftRows(input: Params, options: Pick<DmftOptions, 'shouldStop'> = {}): Generator<IndexedRow, DmftResult, void> {
  const validation = validateParams(input);
  if (!validation.ok) throw new Error(validation.problems.map((p) => p.message).join('; '));
  const params = validation.params;
  const model = getModel(params.model);
  const estimator = resolveEstimator(params);
  const dt = gridStep(params);
  const steps = timeSteps(params);
  const alpha = params.alpha;
  const kappa = Math.sqrt(noiseStrength(params));
  const sqrtDt = Math.sqrt(dt);
  const forceScale = dt / alpha; // Γ = (Δt/α) E[∂f/∂ω], Q_{kl} = (Δt/α) E[f_k u_l]
  const N = params.samples;
  const responseCount = estimator === 'pathwise' ? Math.min(params.responseSamples, N) : 0;
  const size = steps + 1; // rows k = 0..K
  const gaussianSize = steps + 2; // (r*, ω_0..ω_K)

  const random = createRandom(params.seed, streams.theory);
  const cholesky = new IncrementalCholesky(gaussianSize);
  const process = new ParameterProcess(steps, alpha, params.ridge, dt, params.initScale);
  const { correlation: C, overlap: M, response: R, noiseKernel: Q, fieldResponse: Gamma, teacherResponse: GammaStar } = process;

  // Per-trajectory state, trajectory-major so the inner sums over time are contiguous.
  // z_j, j = 0..k+1, stored in single precision: they are only ever multiplied into sums, and half the bytes halves the memory traffic of the hot loop.
  const latent = new Float32Array(N * gaussianSize);
  const force = new Float64Array(N * size); // u_l
  const labels = new Float64Array(N);
  const currentCurvature = new Float64Array(responseCount); // ℓ''(r_k) on the pathwise subset
  // Pathwise estimator: D_m = ℓ''(r_m)(Δt + κΔW_m)/α and the sensitivities, step-major.
  const drive = new Float64Array(responseCount * size);
  const sensitivity = new Float64Array(responseCount * size);
  const accumulator = new Float64Array(responseCount);

  const covarianceRow = new Float64Array(gaussianSize);
  const moments = new Float64Array(gaussianSize);
  const gradient = new Float64Array(gaussianSize);
  const fieldGradient = new Float64Array(size);
  const crossMoments = new Float64Array(size);

  // Hoisted so the hot loop calls them directly.
  const lossOf = model.loss;
  const lossDerivative = model.lossDerivative;
  const lossCurvature = model.lossCurvature;
  const classifier = model.classifier;
  // Sample means of z_j, kept so the Stein moments can be centred exactly: Σ (f − f̄) z = Σ f z − f̄ Σ z.
  const latentMeans = new Float64Array(gaussianSize);

  let teacherFieldSum = 0;
  for (let p = 0; p < N; p++) {
    latent[p * gaussianSize] = random.normal();
    teacherFieldSum += latent[p * gaussianSize];
  }
  latentMeans[0] = teacherFieldSum / N;
  cholesky.appendRow([1]);
  for (let p = 0; p < N; p++) labels[p] = model.sampleLabel(latent[p * gaussianSize], random, params);
  // Teacher response by the likelihood ratio E[f_k · ∂_{r*} log P(y|r*)] where the label law is smooth:
  // its variance is several times below Stein's on z_0. Otherwise (sign teacher) Stein on z_0.
  const labelScore = params.beta === Infinity ? null : model.labelScore;
  const scores = new Float64Array(labelScore ? N : 0);
  let meanScore = 0;
  if (labelScore) {
    for (let p = 0; p < N; p++) {
      scores[p] = labelScore(labels[p], latent[p * gaussianSize], params);
      meanScore += scores[p] / N;
    }
  }

  const table = emptyTable();
  const trainLossSe: number[] = [];
  const trainErrorSe: number[] = [];
  let diverged: DmftResult['diverged'] = null;

  for (let k = 0; k <= steps; k++) {
    if (options.shouldStop?.()) break;
    const t = k * dt;

    // 1. Extend the Cholesky factor by the row of ω_k.
    covarianceRow[0] = M[k];
    for (let l = 0; l <= k; l++) covarianceRow[l + 1] = C[k * size + l];
    cholesky.appendRow(covarianceRow);
    const factorRow = cholesky.factor.subarray((k + 1) * gaussianSize, (k + 1) * gaussianSize + k + 2);

    // 2–3. Draw ω_k, advance r_k, f_k, u_k; in the same pass (the trajectory's rows are in cache)
    // accumulate the observables and the cross moments E[f_k u_l] (for Q) and E[f_k z_j] (for Stein).
    const needLatentMoments = estimator === 'stein';
    crossMoments.fill(0, 0, k);
    moments.fill(0, 0, k + 2);
    let lossSum = 0;
    let lossSquareSum = 0;
    let errorSum = 0;
    let forceSum = 0;
    let forceSquareSum = 0;
    let freshSum = 0;
    let scoreMoment = 0;
    // Control variates: the same loss and error at the Gaussian field ω_k, whose exact means are the
    // test-loss and test-error rules at (C_kk, M_k) (theory.md §3).
    let fieldLossSum = 0;
    let fieldLossSquareSum = 0;
    let lossCrossSum = 0;
    let errorSquareSum = 0;
    let fieldErrorSum = 0;
    let fieldErrorSquareSum = 0;
    let errorCrossSum = 0;
    const responseRow = k * size;
    for (let p = 0; p < N; p++) {
      const latentOffset = p * gaussianSize;
      const fresh = Math.fround(random.normal());
      latent[latentOffset + k + 1] = fresh;
      freshSum += fresh;
      let omega = 0;
      for (let j = 0; j <= k + 1; j++) omega += factorRow[j] * latent[latentOffset + j];
      const forceOffset = p * size;
      let selfReaction = 0;
      for (let l = 0; l < k; l++) selfReaction += R[responseRow + l] * force[forceOffset + l];
      const r = omega - selfReaction;
      const y = labels[p];
      const f = lossDerivative(r, y);
      const noiseIncrement = kappa === 0 ? 0 : kappa * sqrtDt * random.normal();
      const increment = (dt + noiseIncrement) / alpha;
      for (let l = 0; l < k; l++) crossMoments[l] += f * force[forceOffset + l];
      if (needLatentMoments) for (let j = 0; j <= k + 1; j++) moments[j] += f * latent[latentOffset + j];
      else moments[0] += f * latent[latentOffset];
      if (labelScore) scoreMoment += f * scores[p];
      force[forceOffset + k] = f * increment;
      if (p < responseCount) {
        const curvature = lossCurvature(r, y);
        currentCurvature[p] = curvature;
        drive[k * responseCount + p] = curvature * increment;
      }
      const loss = lossOf(r, y);
      const fieldLoss = lossOf(omega, y);
      lossSum += loss;
      lossSquareSum += loss * loss;
      fieldLossSum += fieldLoss;
      fieldLossSquareSum += fieldLoss * fieldLoss;
      lossCrossSum += loss * fieldLoss;
      if (classifier) {
        const error = misclassified(r, y);
        const fieldError = misclassified(omega, y);
        errorSum += error;
        errorSquareSum += error * error;
        fieldErrorSum += fieldError;
        fieldErrorSquareSum += fieldError * fieldError;
        errorCrossSum += error * fieldError;
      }
      forceSum += f;
      forceSquareSum += f * f;
    }

    latentMeans[k + 1] = freshSum / N;
    const q = C[k * size + k];
    const m = M[k];
    const testLoss = model.testLoss(q, m, params);
    const testError = model.testError(q, m, params);
    const lossEstimate = controlled(lossSum, lossSquareSum, fieldLossSum, fieldLossSquareSum, lossCrossSum, testLoss, N);
    const errorEstimate = classifier ? controlled(errorSum, errorSquareSum, fieldErrorSum, fieldErrorSquareSum, errorCrossSum, testError, N) : null;
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
    trainLossSe.push(lossEstimate.standardError);
    trainErrorSe.push(errorEstimate ? errorEstimate.standardError : Number.NaN);
    yield { row, k };
    if (k === steps) break;

    // 4. Kernels of row k. Q_{kl} = (Δt/α) E[f_k u_l] (l < k): ΔW_k is independent of the past.
    const meanForce = forceSum / N;
    for (let l = 0; l < k; l++) Q[k * size + l] = (forceScale * crossMoments[l]) / N;
    Q[k * size + k] = ((dt * dt + kappa * kappa * dt) * (forceSquareSum / N)) / (alpha * alpha);
    // Stein moments E[(f_k − f̄_k) z_j]: centring f (E z_j = 0) removes the mean's noise.
    for (let j = 0; j <= k + 1; j++) moments[j] = moments[j] / N - meanForce * latentMeans[j];
    const teacherFromScore = labelScore ? scoreMoment / N - meanForce * meanScore : Number.NaN;

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
      pathwiseFieldGradient(k, responseCount, size, R, drive, currentCurvature, sensitivity, accumulator, fieldGradient);
      const teacherGradient = labelScore ? teacherFromScore : teacherGradientFromStein(k, cholesky, fieldGradient, moments[0]);
      for (let l = 0; l <= k; l++) Gamma[k * size + l] = forceScale * fieldGradient[l];
      GammaStar[k] = forceScale * teacherGradient;
    } else {
      steinGradient(k, cholesky, moments, gradient);
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
    diverged,
  };
}
