/**
 * The contract every model implements (theory.md §2): what it is (its kind, classifier or regressor, its own
 * parameters), what it can do (an exact response, an exact theory) and its label law, loss and Gaussian rules.
 * Adding a model is one file that exports a Model and one line in models/index.ts; nothing outside
 * src/core/models/ asks a model's name, only these fields.
 */
import type { IntegrandStep } from '../math/gaussian';
import type { KickSeries } from '../math/kickSeries';
import type { Params } from '../params';
import type { Random } from '../random';

/**
 * Which solver and simulators a model runs on: 'glm', one field r = x·θ of the d weights (theory.md §2), the
 * DMFT of dmft/ and the steppers of sim/; 'committee', the two-layer committee machine with p fields per sample
 * (theory.md §10), the block DMFT and the simulators of committee/.
 */
export type ModelKind = 'glm' | 'committee';

/** What every model declares, whatever its kind: what it is and what it can do. */
export interface ModelCapabilities {
  /** Id used in Params, the CLI and URLs. */
  id: Params['model'];
  kind: ModelKind;
  /** Human-readable name. */
  label: string;
  /** Its entry in the app's model menu (the name and what its labels are). */
  menuLabel: string;
  /** One line: the label law and the loss (help texts). */
  summary: string;
  /** Classification model: train and test error are defined (sign r ≠ y). */
  classifier: boolean;
  /**
   * The parameters only this model reads (its teacher's β or σ_ε): the rows of paramTable.ts whose appliesTo is
   * 'own' apply to the models that list them; the others do not change a run of this model.
   */
  ownParameters: readonly (keyof Params)[];
  /**
   * Square loss with a linear teacher, ℓ' = r − y, y = r* + noise: the response has a closed form (the DMFT's
   * estimator 'exact', which 'auto' picks), and only the kicks' first two moments enter the kernels, so the DMFT
   * of SGD with uniform batches at Δt = h is the SGF's.
   */
  exactResponse: boolean;
  /** The exact deterministic theory of theory.md §8 (homogenized SGD, `linear-exact`, the app's exact overlay) holds. */
  exactTheory: boolean;
  /**
   * The label law is even in r*, so m = 0 is invariant of the d → ∞ dynamics: a run needs a planted
   * initial overlap (initOverlap > 0) and σ₀ > 0 (the validator says so).
   */
  needsInitialOverlap: boolean;
  /**
   * What this model refuses of the other parameters, beyond the ranges (e.g. Poisson's step-size bound):
   * readable sentences naming the parameter to change; empty when the run fits.
   */
  parameterProblems(params: Params): { name: keyof Params; message: string }[];
}

/** A single-index model: its loss, label law and Gaussian rules, what dmft/ and sim/ evaluate. */
export interface GlmModel extends ModelCapabilities {
  kind: 'glm';
  /** ℓ(r; y). */
  loss(r: number, y: number): number;
  /** ℓ'(r; y) = ∂ℓ/∂r. */
  lossDerivative(r: number, y: number): number;
  /** ℓ''(r; y) = ∂²ℓ/∂r². */
  lossCurvature(r: number, y: number): number;
  /** ℓ, ℓ', ℓ'' at (r; y) written to out[0], out[1], out[2]: one evaluation for the solver's hot loop. */
  lossTerms(r: number, y: number, out: Float64Array): void;
  /** Draws a label y from the teacher field r*. */
  sampleLabel(teacherField: number, random: Random, params: Params): number;
  /**
   * Score ∂/∂r* log P(y | r*) of the label law, where it is smooth in r* (null where it is not,
   * e.g. the sign teacher). Gives the teacher response by the likelihood ratio E[f · score].
   */
  labelScore: ((y: number, teacherField: number, params: Params) => number) | null;
  /**
   * E[ℓ'(ω; y) · labelScore(y, r*)] over the Gaussian test pair (Var ω = q, Cov(ω, r*) = m): the exact
   * mean of the control variate the solver uses for the likelihood-ratio teacher moment. Null with labelScore.
   */
  fieldScoreMean: ((q: number, m: number, params: Params) => number) | null;
  /**
   * For a classifier with labels ±1: P(y ρ + shift < 0) where, given r*, ρ ~ N(overlap·r*, spread²): the
   * error rate of a Gaussian margin (the test error is shift = 0, overlap = m, spread² = q − m²). The mean
   * of the solver's train-error control variate (dmft/errorTwin.ts). NaN for a degenerate margin (spread 0),
   * where the solver uses another control; null for a regression model. With `kicks`, the margin has an
   * independent non-Gaussian term S added (SGD's Bernoulli kicks, math/kickSeries.ts).
   */
  marginErrorRate: ((overlap: number, spread: number, shift: number, params: Params, kicks?: KickSeries | null) => number) | null;
  /** Test loss E ℓ(ω; y) for the Gaussian test pair with Var ω = q, Cov(ω, r*) = m. */
  testLoss(q: number, m: number, params: Params): number;
  /** Test error P(sign ω ≠ y); NaN for a regression model. */
  testError(q: number, m: number, params: Params): number;
  /**
   * E_y ℓ'(r; y) and E_y ℓ'(r; y)² over the label law given r*, summed exactly, into out[0], out[1]:
   * the integrands of the one-pass map (theory/online.ts).
   */
  labelAverages(r: number, teacherField: number, params: Params, out: Float64Array): void;
  /** Points in r* where the label law changes sharply (quadratures split there); empty for a smooth law. */
  teacherSteps(params: Params): readonly IntegrandStep[];
  /** Points in r where ℓ'(r; y) has a kink for some label (the squared hinge's r = ±1); empty if smooth. */
  forceKinks: readonly number[];
}

/** The committee machine (theory.md §10): its maths is in committee/, keyed by the params' hidden units and activation. */
export interface CommitteeModel extends ModelCapabilities {
  kind: 'committee';
}

export type Model = GlmModel | CommitteeModel;

/** 1 when the prediction sign(r) disagrees with the label y; ½ at r = 0 (no prediction is a coin flip, as in the test error at q = 0). */
export function misclassified(r: number, y: number): number {
  const agreement = r * y;
  return agreement > 0 ? 0 : agreement < 0 ? 1 : 0.5;
}
