/**
 * The coordinator of a DMFT solve (theory.md §5 steps 1, 4, 5): it holds the Gaussian parameter process,
 * the Cholesky factor of the fields and the error twin's constants; each step it hands the blocks their
 * input, sums their partial sums in block order, computes the observables and closes the process.
 */
import { appendRow, emptyTable, rowIsValid, type ObservableRow } from '../series';
import type { KernelBackend } from '../kernels/workspace';
import { controlled } from './solver';
import { IncrementalCholesky } from './cholesky';
import { ErrorTwin } from './errorTwin';
import { controlledMean, ForceControlSum, forceControlOf, type ForceControl } from './forceControl';
import { inputLayout, partialLayout, sumBlocks, type PartialLayout } from './exchange';
import type { DmftLayout } from './layout';
import { ParameterProcess } from './parameterProcess';
import { probesPerTrajectory } from './probedTail';
import { pairMoments } from '../theory/online';
import { responseRows } from './responseRows';
import { StepSum } from './sampleStep';
import type { DmftResult } from './types';

/** The control-variate mean of the five StepSum sums from `first` on (sum, square, field, field square, cross). */
function controlledSums(sums: Float64Array, first: number, controlMean: number, count: number): { mean: number; standardError: number } {
  return controlled(sums[first], sums[first + 1], sums[first + 2], sums[first + 3], sums[first + 4], controlMean, count);
}

/** The Gaussian integrals at (C_kk, M_k) that close(k) takes: the exact means of its control variates (theory.md §3). */
interface StepIntegrals {
  k: number;
  testLoss: number;
  testError: number;
  /** E[g_k²] of Q's control (forceControl.ts); NaN where close(k) takes none (the control off, or the last step). */
  fieldForceSquare: number;
  /** The label score's exact mean (Model.fieldScoreMean); NaN where close(k) takes none. */
  scoreMean: number;
}

export class DmftCoordinator {
  private readonly process: ParameterProcess;
  private readonly cholesky: IncrementalCholesky;
  private readonly twin: ErrorTwin | null;
  /** Sample means of z_j, so that the Stein moments are centred exactly: Σ (f − f̄) z = Σ f z − f̄ Σ z. */
  private readonly latentMeans: Float64Array;
  private readonly covarianceRow: Float64Array;
  private readonly moments: Float64Array;
  private readonly gradient: Float64Array;
  private totals = new Float64Array(0);
  /** The train error's control at the current step: the twin's rate, or NaN (the field twin). */
  private twinErrorRate = Number.NaN;
  private readonly table = emptyTable();
  private readonly trainLossSe: number[] = [];
  private readonly trainErrorSe: number[] = [];
  private diverged: DmftResult['diverged'] = null;
  private stepIntegrals: StepIntegrals | null = null;

  constructor(private readonly layout: DmftLayout) {
    const { steps, alpha, dt, params, gaussianSize } = layout;
    this.process = new ParameterProcess(steps, alpha, params.ridge, dt, params.initScale, params.initOverlap);
    this.cholesky = new IncrementalCholesky(gaussianSize);
    this.twin = layout.twinned ? new ErrorTwin(layout) : null;
    this.latentMeans = new Float64Array(gaussianSize);
    this.covarianceRow = new Float64Array(gaussianSize);
    this.moments = new Float64Array(gaussianSize);
    this.gradient = new Float64Array(gaussianSize);
  }

  /** Takes Σ z_0 of every block (in block order): z_0 is r*, whose variance is 1. */
  begin(firstLatentSums: readonly Float64Array[]): void {
    this.latentMeans[0] = sumBlocks(firstLatentSums, 1, new Float64Array(1))[0] / this.layout.samples;
    this.cholesky.appendRow([1]);
  }

  /** The blocks' input of step k (inputLayout(k)): extends the factor by the row of ω_k, prepares the twin. */
  input(k: number): Float64Array {
    const { size, model, params } = this.layout;
    const { correlation: C, overlap: M, response: R } = this.process;
    this.covarianceRow[0] = M[k];
    for (let l = 0; l <= k; l++) this.covarianceRow[l + 1] = C[k * size + l];
    this.cholesky.appendRow(this.covarianceRow);
    const at = inputLayout(k);
    const input = new Float64Array(at.length);
    input.set(this.cholesky.factor.subarray((k + 1) * this.cholesky.size, (k + 1) * this.cholesky.size + k + 2), at.factor);
    input.set(R.subarray(k * size, k * size + k), at.response);
    this.twinErrorRate = Number.NaN;
    const twin = this.twin;
    if (twin) {
      twin.prepare(k, this.cholesky, R);
      this.twinErrorRate = model.marginErrorRate!(twin.overlap, twin.spread, twin.shift, params, twin.kickSeries);
      input.set(twin.fieldWeights.subarray(0, k + 2), at.twinField);
      input.set(twin.noiseWeights.subarray(0, k), at.twinNoise);
      input[at.twinShift] = twin.marginShift;
    }
    // The train error's control is the error twin, unless its margin is degenerate (no spread, e.g. at t = 0).
    input[at.useTwin] = Number.isFinite(this.twinErrorRate) ? 1 : 0;
    return input;
  }

  /**
   * The integrals close(k) takes, from row k of the process, which input(k) has fixed: the parallel solve asks for
   * them while its other workers compute step k (parallel.ts), so that they are not on the serial path; else close(k) does.
   */
  integrals(k: number): StepIntegrals {
    if (this.stepIntegrals?.k === k) return this.stepIntegrals;
    const { model, params, size, steps, forceControl, labelScored } = this.layout;
    const q = this.process.correlation[k * size + k];
    const m = this.process.overlap[k];
    const closesKernels = k < steps;
    const fieldForceSquare = closesKernels && forceControl ? pairMoments(model, params, q, m).forceSquare : Number.NaN;
    const scoreMean = closesKernels && labelScored && model.fieldScoreMean ? model.fieldScoreMean(q, m, params) : Number.NaN;
    this.stepIntegrals = { k, testLoss: model.testLoss(q, m, params), testError: model.testError(q, m, params), fieldForceSquare, scoreMean };
    return this.stepIntegrals;
  }

  /** Closes step k from the blocks' partials (in block order): its row of observables, or null when it diverged. */
  close(k: number, partials: readonly Float64Array[]): ObservableRow | null {
    const { samples: N, steps } = this.layout;
    const to = partialLayout(this.layout, k);
    if (this.totals.length < to.length) this.totals = new Float64Array(to.length);
    const totals = sumBlocks(partials, to.length, this.totals);
    this.latentMeans[k + 1] = totals[to.latentSum] / N;
    this.twin?.record(k, totals.subarray(to.twinSums), N);
    const row = this.observables(k, totals);
    if (!rowIsValid(row)) {
      this.diverged = { at: row.t };
      return null;
    }
    if (k < steps) {
      this.closeKernels(k, totals, to);
      this.process.advance(k); // 5. Row k + 1 of G, R, M, C.
    }
    return row;
  }

  /**
   * Step 3's observables. Control variates: the same quantity at the Gaussian field ω_k (no self-reaction),
   * whose exact mean is a Gaussian integral at (C_kk, M_k) (theory.md §3); for the train error the error
   * twin instead, where available.
   */
  private observables(k: number, totals: Float64Array): ObservableRow {
    const { model, samples: N, size, dt } = this.layout;
    const q = this.process.correlation[k * size + k];
    const m = this.process.overlap[k];
    const { testLoss, testError } = this.integrals(k);
    const useTwin = Number.isFinite(this.twinErrorRate);
    const loss = controlledSums(totals, StepSum.loss, testLoss, N);
    const error = model.classifier ? controlledSums(totals, StepSum.error, useTwin ? this.twinErrorRate : testError, N) : null;
    const row: ObservableRow = { t: k * dt, trainLoss: loss.mean, trainError: error ? error.mean : Number.NaN, testLoss, testError, q, m, cosine: q > 0 ? m / Math.sqrt(q) : 0 };
    if (rowIsValid(row)) {
      appendRow(this.table, row);
      this.trainLossSe.push(loss.standardError);
      this.trainErrorSe.push(error ? error.standardError : Number.NaN);
    }
    return row;
  }

  /**
   * 4. Kernels of row k. Q_{kl} = E[u_k u_l]: for κ = 0 the Gram matrix; otherwise (Δt/α) E[f_k u_l] (l < k),
   * ΔW_k being independent of the past, and the exact noise average on the diagonal. Then Γ, Γ*.
   */
  private closeKernels(k: number, totals: Float64Array, to: PartialLayout): void {
    const { samples: N, size, dt, alpha, forceScale, epochKicks, model } = this.layout;
    const Q = this.process.noiseKernel;
    const meanForce = (epochKicks ? totals[to.weightedForceSum] : totals[StepSum.force]) / N;
    const control = this.forceControl(k, totals, to);
    const controlled = (sum: number, cross: number): number => controlledMean(sum, cross, control, N);
    const cross = (l: number): number => (control ? totals[to.controlCross + l] : 0);
    if (this.layout.gramNoiseKernel) for (let l = 0; l <= k; l++) Q[k * size + l] = controlled(totals[to.crossMoments + l], cross(l));
    else {
      for (let l = 0; l < k; l++) Q[k * size + l] = forceScale * controlled(totals[to.crossMoments + l], cross(l));
      const forceSquare = controlled(totals[StepSum.forceSquare], control ? totals[to.forceControl + ForceControlSum.forceSquare] : 0);
      // SGD with independent draws too: s_k is independent of f_k and of the past, so E[u_k u_l] = (h/α) E[f_k u_l] (l < k).
      Q[k * size + k] = ((dt * dt + this.layout.kickVariance) * forceSquare) / (alpha * alpha);
    }
    // Stein moments E[(f_k − f̄_k) z_j]: centring f (E z_j = 0) removes the mean's noise.
    for (let j = 0; j < to.exactResponse - to.moments; j++) this.moments[j] = totals[to.moments + j] / N - meanForce * this.latentMeans[j];
    const teacherFromScore = this.layout.labelScored ? (model.fieldScoreMean ? controlledSums(totals, StepSum.score, this.integrals(k).scoreMean, N).mean : Number.NaN) : null;
    const responseCount = this.layout.responseCount;
    responseRows[this.layout.estimator]({
      ...{ k, size, forceScale, process: this.process, cholesky: this.cholesky, moments: this.moments, gradient: this.gradient, teacherFromScore },
      // E[∂f_k/∂ω_k] = E[ℓ''(r_k)] exactly (∂r_k/∂ω_k = 1): every estimator takes it from all N trajectories.
      diagonalGradient: totals[StepSum.curvature] / N,
      ...{ nearest: to.nearest, responseCount, probeCount: responseCount * probesPerTrajectory },
      exactSums: totals.subarray(to.exactResponse, to.exactCross),
      exactCrossSums: totals.subarray(to.exactCross, to.probedResponse),
      probedSums: totals.subarray(to.probedResponse, to.length),
    });
  }

  /** Q's control at step k (forceControl.ts), or null: off, or g² the same for every trajectory. */
  private forceControl(k: number, totals: Float64Array, to: PartialLayout): ForceControl | null {
    if (!this.layout.forceControl) return null;
    return forceControlOf(totals, to.forceControl, this.layout.samples, this.integrals(k).fieldForceSquare);
  }

  result(kernelBackend: KernelBackend): DmftResult {
    const { params, dt, steps, estimator, probed, window } = this.layout;
    const { table, trainLossSe, trainErrorSe, diverged } = this;
    return { params, dt, steps, estimator, table, trainLossSe, trainErrorSe, correlation: this.process.correlation, response: this.process.response, kernelBackend, probedFromLag: probed ? window : null, fieldVarianceExcess: this.cholesky.varianceExcess, diverged, sampleHistograms: null };
  }
}
