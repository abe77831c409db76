/**
 * Shared rules of the classifiers whose labels are y = ±1 with P(y = +1 | r*) = p(r*), p rising from 0
 * to 1 across r* = 0 over a width 1/β (a jump for the sign teacher β = ∞): logistic, probit, squared hinge;
 * each one a `binaryClassifier` of its loss and its p.
 */
import { expectNormalAcross, normalCdf, type IntegrandStep } from '../math/gaussian';
import { kickedNormalCdf, type KickSeries } from '../math/kickSeries';
import type { Params } from '../params';
import type { GlmModel } from './model';

/** What these classifiers declare alike: labels ±1 from a teacher of sharpness β, no exact response or theory, any start. */
const binaryClassifierTraits = {
  kind: 'glm',
  classifier: true,
  ownParameters: ['beta'],
  exactResponse: false,
  exactTheory: false,
  needsInitialOverlap: false,
} as const satisfies Partial<GlmModel>;

/** What one of these classifiers defines itself: its names, loss and Gaussian rules, and its label law p(r*) at sharpness β. */
export type BinaryClassifierDefinition = Omit<
  GlmModel,
  keyof typeof binaryClassifierTraits | 'sampleLabel' | 'marginErrorRate' | 'labelAverages' | 'parameterProblems' | 'teacherSteps'
> & {
  /** P(y = +1 | r*) = p(r*) at sharpness β: 1{r* ≥ 0} for the sign teacher β = ∞. */
  teacherProbability(teacherField: number, beta: number): number;
  /** ℓ'(r; +1) and ℓ'(r; −1) into out[0], out[1], the bits of lossDerivative, where one pass computes both for less (else two lossDerivative calls). */
  labelForces?(r: number, out: Float64Array): void;
};

/** The model: the traits, and the rules that follow from the label law p alone (label draws, margin error rate, label averages). */
export function binaryClassifier(definition: BinaryClassifierDefinition): GlmModel {
  const { teacherProbability, labelForces, ...own } = definition;
  const forces = new Float64Array(2); // ℓ' at both labels, for labelAverages
  const forcesAt =
    labelForces ??
    ((r: number, out: Float64Array): void => {
      out[0] = own.lossDerivative(r, 1);
      out[1] = own.lossDerivative(r, -1);
    });
  // labelAverages runs over an inner rule at one r* (theory/online.ts's pairMoments): p(r*) once per r*, not per node.
  let lastField = Number.NaN;
  let lastBeta = Number.NaN;
  let lastProbability = Number.NaN;
  const probabilityAt = (teacherField: number, beta: number): number => {
    if (teacherField !== lastField || beta !== lastBeta) {
      lastProbability = teacherProbability(teacherField, beta);
      lastField = teacherField;
      lastBeta = beta;
    }
    return lastProbability;
  };
  return {
    ...binaryClassifierTraits,
    ...own,
    sampleLabel: (teacherField, random, params) => {
      if (params.beta === Infinity) return teacherField >= 0 ? 1 : -1; // the sign teacher draws no random number
      return random.uniform() < teacherProbability(teacherField, params.beta) ? 1 : -1;
    },
    marginErrorRate: (overlap, spread, shift, params, kicks = null) =>
      binaryMarginErrorRate((teacherField) => teacherProbability(teacherField, params.beta), overlap, spread, shift, params, kicks),
    labelAverages: (r, teacherField, params, out) => {
      forcesAt(r, forces);
      binaryLabelAverages(forces[0], forces[1], probabilityAt(teacherField, params.beta), out);
    },
    parameterProblems: () => [],
    teacherSteps: binaryTeacherSteps,
  };
}

/** Where the label law changes sharply in r*: at 0, over the width 1/β (0 for the sign teacher). */
export function binaryTeacherSteps(params: Params): IntegrandStep[] {
  return [{ at: 0, width: 1 / params.beta }];
}

/**
 * P(y ρ + shift + S < 0) where, given r*, ρ ~ N(overlap·r*, spread²) and y = +1 with probability p(r*), and S
 * is independent kicks of the given series (none: S = 0): the error rate of a Gaussian margin
 * (Model.marginErrorRate). NaN for a degenerate margin (spread 0).
 */
function binaryMarginErrorRate(
  probability: (teacherField: number) => number,
  overlap: number,
  spread: number,
  shift: number,
  params: Params,
  kicks: KickSeries | null,
): number {
  if (!(spread > 0) || !Number.isFinite(spread) || !Number.isFinite(shift)) return Number.NaN;
  // Steps: the teacher's at r* = 0 and the margin's at r* = ∓shift/overlap (width spread/|overlap|).
  const steps = binaryTeacherSteps(params);
  if (overlap !== 0) {
    const width = spread / Math.abs(overlap);
    steps.push({ at: -shift / overlap, width }, { at: shift / overlap, width });
  }
  // Each label's term is E Φ(w − S/σ) at w = (−shift ∓ overlap·r*)/σ (math/kickSeries.ts).
  const term = kicks ? (w: number) => kickedNormalCdf(kicks, w) : normalCdf;
  return expectNormalAcross((teacherField) => {
    const p = probability(teacherField);
    return p * term((-shift - overlap * teacherField) / spread) + (1 - p) * term((-shift + overlap * teacherField) / spread);
  }, steps);
}

/**
 * E_y ℓ'(r; y) and E_y ℓ'(r; y)² into out[0], out[1], y = ±1 with P(+1) = p, from ℓ' at both labels: the label law
 * summed exactly (Model.labelAverages). ℓ' alone, as theory/online.ts's pairMoments asks thousands of times per step.
 */
function binaryLabelAverages(positive: number, negative: number, p: number, out: Float64Array): void {
  out[0] = p * positive + (1 - p) * negative;
  out[1] = p * positive * positive + (1 - p) * negative * negative;
}
