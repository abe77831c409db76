/**
 * Causal forward-marching solver of the committee machine's DMFT (theory.md §10.3–10.4): N trajectories of
 * the p-dimensional sample process in lockstep; at each step the block Cholesky grows by p scalars, the
 * trajectories advance, the kernels Q (sample Gram matrix), Γ (pathwise adjoint on the first N_resp) and Γ*
 * (direct forward tangent) are estimated, optionally averaged over the relabelling group, and close the
 * Gaussian parameter process, which gives the next rows of G, M, C. Algorithms: the SGF (kick Δt + κΔW),
 * gradient descent (kick Δt) and minibatch SGD (kick h s_k/b at Δt = h, theory.md §9 and §10.8 item 11).
 */
import { gridStep, noiseStrength, stepGrid, timeSteps } from '../params';
import { createRandom, streams } from '../random';
import { drain } from '../slices';
import type { Divergence } from '../series';
import type { KernelBackend } from '../kernels/workspace';
import { createMinibatchKicks, type MinibatchKicks } from '../dmft/minibatchKicks';
import { BlockCholesky } from './blockCholesky';
import type { Activation } from './activation';
import { Committee } from './committee';
import { initialOverlapMatrix, type CommitteeParams } from './config';
import { CommitteeParameterProcess } from './parameterProcess';
import { pathwiseFieldResponse } from './pathwiseAdjoint';
import { advanceFields, createSampleWorkspace, drawLatentRow, gramRow, teacherFieldsFromLatent } from './samplePaths';
import { samplePass, type StepSums } from './samplePass';
import { committeeRow, type CommitteeRow } from './series';
import { relabellingGroup, symmetrizeKernelRow, type Relabelling } from './symmetrize';
import { checkCommitteeParams } from './validate';
import { identity } from './smallMatrix';

export interface CommitteeSolveOptions {
  /** Polled once per step; returning true stops the solve early (the result holds the rows so far). */
  shouldStop?: () => boolean;
  /** Average the kernel estimates over the relabelling group (default: wherever the group is nontrivial). */
  symmetrize?: boolean;
  /** Row-kernel backend of the O(N K² p²) sums; both give the same bits. */
  kernels?: KernelBackend | 'auto';
  /** Replaces the activation params.activation names (the identity with p = p* = 1 is the linear model of the scalar solver). */
  activation?: Activation;
  /** M(0), p×p* row-major, replacing params.initOverlap·I (case (iv) of theory.md §10.6 plants a general one). */
  initialOverlap?: ArrayLike<number>;
  /** Called with every row (solveCommittee only). */
  onRow?: (row: CommitteeRow, k: number) => void;
}

export interface CommitteeSolveResult {
  params: CommitteeParams;
  /** Grid step Δt and number of steps K (rows 0..K, t_k = kΔt). */
  dt: number;
  steps: number;
  rows: CommitteeRow[];
  /** Monte-Carlo standard error of the train loss (a plain sample mean) at each row. */
  trainLossSe: number[];
  /** Size of the relabelling group the kernels were averaged over (1: not symmetrized). */
  relabellings: number;
  /** G, C, M, Q, Γ, Γ* in the block layout of theory.md §10.4 (rows beyond a stop or divergence are 0). */
  process: CommitteeParameterProcess;
  diverged: Divergence | null;
}

/** |q| beyond this is a divergence. */
export const committeeDivergenceThreshold = 1e8;

export interface CommitteeIndexedRow {
  row: CommitteeRow;
  k: number;
}

export function solveCommittee(params: CommitteeParams, options: CommitteeSolveOptions = {}): CommitteeSolveResult {
  return drain(committeeRows(params, options), ({ row, k }) => options.onRow?.(row, k));
}

/** The grid and the kick of the chosen dynamics. */
export function committeeGrid(params: CommitteeParams): { dt: number; steps: number; kappa: number } {
  if (params.theoryAlgorithm === 'sgd') return { ...stepGrid(params), kappa: 0 };
  const kappa = params.theoryAlgorithm === 'sgf' ? Math.sqrt(noiseStrength(params)) : 0;
  return { dt: gridStep(params), steps: timeSteps(params), kappa };
}

/** The kick of every trajectory at step k (Δt + κΔW_k, or h s_k/b for SGD) into `kick`. */
function drawKicks(k: number, kick: Float64Array, dt: number, kappa: number, minibatch: { kicks: MinibatchKicks; membership: Uint8Array; weight: number } | null, normal: () => number): void {
  if (minibatch) {
    minibatch.kicks.draw(k, minibatch.membership);
    for (let n = 0; n < kick.length; n++) kick[n] = minibatch.membership[n] * minibatch.weight;
    return;
  }
  const noise = kappa * Math.sqrt(dt);
  if (noise === 0) kick.fill(dt);
  else for (let n = 0; n < kick.length; n++) kick[n] = dt + noise * normal();
}

/** M(0): the option's, else params.initOverlap·I. */
function initialOverlapOf(params: CommitteeParams, options: CommitteeSolveOptions): Float64Array {
  if (!options.initialOverlap) return initialOverlapMatrix(params);
  if (options.initialOverlap.length !== params.hidden * params.teacherHidden) throw new Error('initialOverlap must be a p×p* matrix');
  return Float64Array.from(options.initialOverlap);
}

/** The relabellings the kernels are averaged over. */
function kernelGroup(params: CommitteeParams, process: CommitteeParameterProcess, M0: Float64Array, symmetrize: boolean | undefined): Relabelling[] {
  const p = params.hidden;
  const C00 = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) C00[a * p + c] = process.correlation[a * process.width + c];
  const group = relabellingGroup(p, params.teacherHidden, M0, C00);
  return symmetrize === false ? group.slice(0, 1) : group;
}

export function* committeeRows(params: CommitteeParams, options: CommitteeSolveOptions = {}): Generator<CommitteeIndexedRow, CommitteeSolveResult, void> {
  checkCommitteeParams(params);
  const { dt, steps, kappa } = committeeGrid(params);
  const { hidden: p, teacherHidden: pStar, alpha } = params;
  const N = params.samples;
  const responseCount = Math.min(params.responseSamples, N);
  const size = steps + 1;
  const pp = p * p;
  const committee = new Committee(params, options.activation);
  const M0 = initialOverlapOf(params, options);
  const process = new CommitteeParameterProcess({
    steps, p, pStar, alpha, ridge: params.ridge, dt, initScale: params.initScale, initialOverlap: M0, teacherCovariance: identity(pStar),
  });
  const { width, green: G, correlation: C, overlap: M, noiseKernel: Q, fieldResponse: Gamma, teacherResponse: GammaStar } = process;
  const group = kernelGroup(params, process, M0, options.symmetrize);

  const random = createRandom(params.seed, streams.theory);
  const normal = random.normal;
  const scalars = pStar + size * p;
  const cholesky = new BlockCholesky(scalars);
  const ws = createSampleWorkspace(N, p, pStar, size, responseCount, options.kernels);
  const kick = new Float64Array(N);
  const labels = new Float64Array(N);
  const minibatch =
    params.theoryAlgorithm === 'sgd'
      ? { kicks: createMinibatchKicks(params.sampling, params.batchFraction, N, random), membership: new Uint8Array(N), weight: params.step / params.batchFraction }
      : null;
  const meanKick = minibatch && !minibatch.kicks.independent ? null : dt;
  const sums: StepSums = { loss: 0, lossSquare: 0, curvature: new Float64Array(pp), teacher: new Float64Array(p * pStar) };
  const passInput = {
    size, N, responseCount, alpha, committee, terms: committee.createTerms(), labels, kick, meanKick, ws,
    field: new Float64Array(p), teacherField: new Float64Array(pStar),
  };

  // The teacher fields r* = chol(ρ) z_* (ρ = I) and the labels y = c* Σ g(r*) + σ_ε ε.
  const covariance = new Float64Array(scalars);
  for (let b = 0; b < pStar; b++) {
    covariance.fill(0, 0, b + 1);
    covariance[b] = 1;
    if (cholesky.append(covariance)) drawLatentRow(ws.arrays.latent, b, N, normal);
  }
  teacherFieldsFromLatent(pStar, N, cholesky.factor, scalars, ws);
  const teacherField = new Float64Array(pStar);
  for (let n = 0; n < N; n++) {
    for (let b = 0; b < pStar; b++) teacherField[b] = ws.arrays.teacherFields[b * N + n];
    labels[n] = committee.sampleLabel(teacherField, 0, random);
  }

  const rows: CommitteeRow[] = [];
  const trainLossSe: number[] = [];
  const q = new Float64Array(pp);
  const overlap = new Float64Array(p * pStar);
  const scratch = new Float64Array(Math.max(pp, p * pStar));
  let diverged: Divergence | null = null;

  for (let k = 0; k <= steps; k++) {
    if (options.shouldStop?.()) break;
    const t = k * dt;
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) q[a * p + c] = C[(k * p + a) * width + k * p + c];
    for (let i = 0; i < p * pStar; i++) overlap[i] = M[k * p * pStar + i];
    if (!finiteBelow(q, committeeDivergenceThreshold) || !finiteBelow(overlap, committeeDivergenceThreshold)) {
      diverged = { at: t };
      break;
    }

    // 1. Extend the Cholesky factor by the p scalars ω_k^a (covariances with r*, then ω_0 … ω_k^{a−1}).
    for (let a = 0; a < p; a++) {
      const scalar = pStar + k * p + a;
      for (let b = 0; b < pStar; b++) covariance[b] = M[(k * p + a) * pStar + b];
      for (let j = 0; j <= k * p + a; j++) covariance[pStar + j] = C[(k * p + a) * width + j];
      if (cholesky.append(covariance)) drawLatentRow(ws.arrays.latent, scalar, N, normal);
    }
    // 2–3. r_k, S_k for every trajectory; then ℓ, f, H, B, the kicks u_k and the tangents V_k.
    advanceFields(k, p, pStar, N, cholesky.factor, scalars, G, width, ws);
    drawKicks(k, kick, dt, kappa, minibatch, normal);
    samplePass({ ...passInput, k }, sums);

    const trainLoss = sums.loss / N;
    const testLoss = committee.testLoss(q, overlap);
    if (!Number.isFinite(trainLoss) || !Number.isFinite(testLoss)) {
      diverged = { at: t };
      break;
    }
    const row = committeeRow(t, trainLoss, testLoss, q, overlap, p, pStar);
    rows.push(row);
    trainLossSe.push(Math.sqrt(Math.max(0, sums.lossSquare / N - trainLoss * trainLoss) / N));
    yield { row, k };
    if (k === steps) break;

    // 4–6. Kernels of row k: Q by the Gram matrix, Γ_k· by the adjoint (diagonal from all N), Γ*_k by the tangent.
    gramRow(k, p, N, Q, width, ws);
    pathwiseFieldResponse(k, p, size, responseCount, alpha, G, Gamma, width, ws.arrays, ws);
    for (let a = 0; a < p; a++) {
      for (let c = 0; c < p; c++) Gamma[(k * p + a) * width + k * p + c] = sums.curvature[a * p + c] / (alpha * N);
      for (let b = 0; b < pStar; b++) GammaStar[(k * p + a) * pStar + b] = sums.teacher[a * pStar + b] / (alpha * N);
    }
    // 7. Average over the relabellings that fix the setup.
    if (group.length > 1) symmetrizeKernelRow(k, process, group, scratch);
    // 8. Rows k + 1 of G, M, C.
    process.advance(k);
  }

  return { params, dt, steps, rows, trainLossSe, relabellings: group.length, process, diverged };
}

function finiteBelow(values: Float64Array, limit: number): boolean {
  for (let i = 0; i < values.length; i++) if (!(Math.abs(values[i]) <= limit)) return false;
  return true;
}
