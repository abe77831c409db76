/**
 * One block of the sample process (theory.md §5 steps 2–3 and the sums of step 4): its trajectories, its
 * own random streams (seed, block index), and what it sums at each step for the coordinator.
 */
import type { HistogramPart } from './sampleHistogram';
import type { ArraysOf, RowKernels } from '../kernels/workspace';
import { createRandom, streams, type Random } from '../random';
import { inputLayout, latentMomentCount, partialLayout, twinSumCount, type InputLayout, type PartialLayout } from './exchange';
import { marginsFromTwinFields } from './errorTwin';
import type { BlockArrays, BlockSpan, DmftLayout } from './layout';
import { createMinibatchKicks } from './minibatchKicks';
import { ProbedTail } from './probedTail';
import { pathwiseSweep, type PathwiseSweep } from './response';
import { createSampleStep, drawLabels, drawLatentRow, labelScores, stepSumCount, type SampleStep } from './sampleStep';

/** The random streams of block b: its draws (2b) and its pathwise probes (2b + 1); block 0's are the single stream's of before. */
export const blockStream = (index: number): number => 2 * index;
export const blockProbeStream = (index: number): number => 2 * index + 1;

function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let p = 0; p < values.length; p++) sum += values[p];
  return sum;
}

export class DmftBlock {
  /** Σ z_0 over the block (drawn at construction, with the labels). */
  readonly firstLatentSum: number;
  private readonly random: Random;
  private readonly sampleStep: SampleStep;
  private readonly sweep: PathwiseSweep;
  private readonly probedTail: ProbedTail | null;
  /** The step whose random numbers are drawn (drawAhead), and the sum of its latent row; −1 before the first. */
  private drawnStep = -1;
  private drawnLatentSum = 0;

  /** `response` is R and `responseSingle` R in f32, whose rows k the host fills before step k. */
  constructor(
    private readonly layout: DmftLayout,
    readonly span: BlockSpan,
    private readonly arrays: ArraysOf<BlockArrays>,
    private readonly kernels: RowKernels,
    private readonly response: Float64Array,
    responseSingle: Float32Array,
  ) {
    const { model, params } = layout;
    const a = arrays;
    this.random = createRandom(params.seed, streams.theory, blockStream(span.index));
    // Row 0 of z drives r*; labels and their scores follow from it.
    this.firstLatentSum = drawLatentRow(this.kernels, a.latent, 0, span.count, this.random);
    drawLabels(model, params, a.latent, a.labels, this.random);
    if (layout.labelScored) labelScores(model, params, a.latent, a.labels, a.scores);
    this.sampleStep = this.createSampleStep();
    this.sweep = { kernels, count: span.responseCount, size: layout.size, response, responseSingle, drive: a.drive, curvature: a.currentCurvature, curvatureSquare: a.curvatureSquare, sensitivity: a.sensitivity, coefficients: a.coefficients, sums: a.fieldGradient, crossSums: a.fieldGradientCross };
    const probes = { probe: a.probe, drivenTangent: a.drivenTangent, row: a.tangentRow, near: a.tangentNear };
    this.probedTail = layout.probed ? new ProbedTail(probes, this.sweep, layout.window, createRandom(params.seed, streams.theory, blockProbeStream(span.index))) : null;
  }

  private createSampleStep(): SampleStep {
    const { model, params, sgd, dt, alpha, kappa, twinned, labelScored } = this.layout;
    const a = this.arrays;
    const count = this.span.count;
    const minibatch = sgd
      ? { kicks: createMinibatchKicks(params.sampling, params.batchFraction, count, this.random, this.kernels), membership: a.membership, batchFraction: params.batchFraction, step: params.step, weightedForce: a.weightedForce }
      : null;
    return createSampleStep({
      ...{ model, random: this.random, kernels: this.kernels, draws: a.draws, kernelSums: a.kernelSums, count, responseCount: this.span.responseCount, dt, alpha, kappa, minibatch },
      ...{ labels: a.labels, latent: a.latent, scores: labelScored ? a.scores : null, field: a.field, selfReaction: a.selfReaction, currentForce: a.currentForce, force: a.force },
      ...{ currentCurvature: a.currentCurvature, drive: a.drive, noise: this.layout.twinKicks ? a.noise : null, twinMargins: twinned ? a.twinMargins : null },
      fieldForce: this.layout.forceControl ? a.fieldForce : null,
    });
  }

  /** Its trajectories' ω_k, self-reactions and labels after step k (the margin histograms of sampleHistogram.ts). */
  histogramPart(): HistogramPart {
    return { fields: this.arrays.field, selfReaction: this.arrays.selfReaction, labels: this.arrays.labels, count: this.span.count };
  }

  /**
   * Draws step k's random numbers (z_{k+1}, then the sample step's), which depend on no input: a worker of the parallel
   * solve draws them while the coordinator closes step k − 1. The same stream order as drawing them in step(k).
   */
  drawAhead(k: number): void {
    if (this.drawnStep === k) return;
    this.drawnLatentSum = drawLatentRow(this.kernels, this.arrays.latent, k + 1, this.span.count, this.random);
    this.sampleStep.draw(k);
    this.drawnStep = k;
  }

  /** Advances the block through step k given the coordinator's `input` (inputLayout(k)); writes its sums (partialLayout) into `out`. */
  step(k: number, input: Float64Array, out: Float64Array): void {
    const at = inputLayout(k);
    const to = partialLayout(this.layout, k);
    const a = this.arrays;
    this.drawAhead(k);
    out[to.latentSum] = this.drawnLatentSum;
    const useTwin = input[at.useTwin] === 1;
    this.advanceFields(k, input, at, useTwin);
    if (useTwin) this.prepareTwin(k, input, at);
    // s = L_{k+1,k+1}, the weight of z_{k+1} in ω_k (advanceFields).
    const innovationScale = input[at.factor + k + 1];
    this.sampleStep.run(k, out.subarray(to.stepSums, to.stepSums + stepSumCount), useTwin, this.layout.twinned ? out.subarray(to.twinSums, to.twinSums + twinSumCount) : null, innovationScale);
    out[to.weightedForceSum] = this.layout.epochKicks ? sumOf(a.weightedForce) : 0;
    this.sumMoments(k, out, to);
    if (to.responses) this.sumResponses(k, out, to);
  }

  /** ω_k = Σ_j L_{k+1,j} z_j and the self-reaction Σ_{l<k} R_{kl} u_l of every trajectory; with the twin, ω̃_k in the same pass over z. */
  private advanceFields(k: number, input: Float64Array, at: InputLayout, useTwin: boolean): void {
    const { field, latent, selfReaction, force, coefficients, twinFields, twinFieldWeights } = this.arrays;
    const count = this.span.count;
    coefficients.set(input.subarray(at.factor, at.factor + k + 2));
    if (useTwin) {
      twinFieldWeights.set(input.subarray(at.twinField, at.twinField + k + 2));
      this.kernels.combineRowsPairSingle(field, twinFields, latent, count, coefficients, twinFieldWeights, k + 2);
    } else this.kernels.combineRowsSingle(field, latent, count, coefficients, k + 2);
    const size = this.layout.size;
    coefficients.set(this.response.subarray(k * size, k * size + k));
    this.kernels.combineRowsSingle(selfReaction, force, count, coefficients, k);
  }

  /** The error twin's margins ṽ_k (errorTwin.ts) from the coordinator's weights, given ω̃_k (advanceFields). */
  private prepareTwin(k: number, input: Float64Array, at: InputLayout): void {
    const a = this.arrays;
    a.twinNoiseWeights.set(input.subarray(at.twinNoise, at.twinNoise + k));
    const arrays = { margins: a.twinMargins, twinFields: a.twinFields, fieldWeights: a.twinFieldWeights, noiseWeights: a.twinNoiseWeights };
    marginsFromTwinFields(this.kernels, arrays, this.span.count, k, this.layout.twinKicks ? a.noise : null, a.labels, input[at.twinShift]);
  }

  /** Σ u_k u_l (gradient descent: the Gram matrix) or Σ f_k u_l for Q, and Σ f_k z_j for the teacher and Stein. */
  private sumMoments(k: number, out: Float64Array, to: PartialLayout): void {
    const { force, currentKick, currentForce, weightedForce, crossMoments, moments, latent } = this.arrays;
    const count = this.span.count;
    if (this.layout.gramNoiseKernel) {
      const row = k * count;
      for (let p = 0; p < count; p++) currentKick[p] = force[row + p];
      this.kernels.dotRows(crossMoments, force, count, currentKick, k + 1);
    } else this.kernels.dotRows(crossMoments, force, count, currentForce, k);
    out.set(crossMoments.subarray(0, k + 1), to.crossMoments);
    const latentMoments = latentMomentCount(this.layout, k);
    this.kernels.dotRows(moments, latent, count, this.layout.epochKicks ? weightedForce : currentForce, latentMoments);
    out.set(moments.subarray(0, latentMoments), to.moments);
    if (this.layout.forceControl) this.sumForceControl(k, out, to);
  }

  /** Q's control sums (forceControl.ts): Σ g², Σ g⁴, Σ f_k² g², and Σ u_k g² u_l (l ≤ k) or Σ f_k g² u_l (l < k). */
  private sumForceControl(k: number, out: Float64Array, to: PartialLayout): void {
    const { fieldForce, currentForce, currentKick, force, controlWeights, controlSums, controlCross } = this.arrays;
    const count = this.span.count;
    const gram = this.layout.gramNoiseKernel;
    this.kernels.forceControlSums(fieldForce, currentForce, gram ? currentKick : currentForce, controlWeights, count, controlSums);
    out.set(controlSums, to.forceControl);
    const rows = gram ? k + 1 : k;
    this.kernels.dotRows(controlCross, force, count, controlWeights, rows);
    out.set(controlCross.subarray(0, rows), to.controlCross);
    if (!gram) out[to.controlCross + k] = 0; // the diagonal's cross sum is Σ f_k² g² (ForceControlSum)
  }

  /** The pathwise sums of step k: the exact adjoint's over lags ≥ nearest, the probe's below. */
  private sumResponses(k: number, out: Float64Array, to: PartialLayout): void {
    pathwiseSweep(this.sweep, k, to.nearest);
    out.set(this.arrays.fieldGradient.subarray(0, to.exactCross - to.exactResponse), to.exactResponse);
    out.set(this.arrays.fieldGradientCross.subarray(0, to.probedResponse - to.exactCross), to.exactCross);
    if (!this.probedTail) return;
    this.probedTail.step(k, this.arrays.farSums);
    out.set(this.arrays.farSums.subarray(0, to.nearest), to.probedResponse);
  }
}
