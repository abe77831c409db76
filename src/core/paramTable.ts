/**
 * The parameter table: every field of Params declared once, with its external name (the CLI flag and the URL
 * key), type, default, range or choices, one-line description with its unit, what it applies to and where the
 * app shows it. The validator, the URL codec, the CLI parser and --help, the app's sliders, advanced fields and
 * tooltips, the pinned-run labels and the README's parameter table are all read from here (TensorFlow
 * Playground's state.ts is the model). Adding a parameter is a Params field and a row; a parameter of one
 * model only (a committee's hidden units p, a choice of activation) is a row with `appliesTo.models: 'own'` that
 * the model lists in its `ownParameters`: the app shows it for that model only, the README names the model.
 */
import { modelIds, models, modelsWith, type Model, type ModelId } from './models';
import type { NumericKey, Params } from './params';
import { activationIds, activations, type ActivationId } from './committee/activation';
import { maxHiddenUnits } from './committee/validate';

export const estimators = ['auto', 'pathwise', 'stein', 'exact'] as const;
/** 'exact' is the closed-form response of the square loss with a linear teacher (Model.exactResponse). */
export type ResponseEstimator = (typeof estimators)[number];
export const samplings = ['uniform', 'epoch'] as const;
export type BatchSampling = (typeof samplings)[number];
export const theoryAlgorithms = ['sgf', 'sgd', 'gd', 'online'] as const;
/**
 * Which dynamics the theory describes: the DMFT of the paper's stochastic gradient flow, the DMFT of
 * minibatch SGD itself (with the `sampling` of its batches, at Δt = h; theory.md §9), of gradient descent
 * (b = 1 whatever batchFraction says), or the one-pass (online) limit (theory.md §11).
 */
export type TheoryAlgorithm = (typeof theoryAlgorithms)[number];

/** What a run computes: the DMFT, the one-pass map, the exact linear theory (§8), the finite-d simulations. */
export type Computation = 'dmft' | 'online' | 'exact' | 'simulation';

export interface AppliesTo {
  /** 'all' models, or only the models that list this key in their ownParameters (β, σ_ε). */
  models: 'all' | 'own';
  /** The computations whose result depends on the value (the others accept it and echo it). */
  computations: readonly Computation[];
}

/** Where the app shows a parameter. */
export type UiPlace =
  | { place: 'slider'; /** Its `controls=` name. */ id: string; label: string; hint: string }
  | {
      place: 'advanced';
      label: string;
      /** Spinner step of the field. */
      step?: number;
      /** Label of the checkbox that sets the value to ∞ (a range with allowInfinity). */
      infinityLabel?: string;
      /** Shown only when `when` holds (always when omitted); `note` says when, in words. */
      shown?: { when: (params: Params, model: Model) => boolean; note: string };
    }
  | { place: 'link' }
  | { place: 'none'; note: string };

export interface NumericRange {
  min: number;
  max: number;
  /** Integer-valued parameter. */
  integer?: boolean;
  /** Infinity is an allowed value (β = ∞ is the sign teacher). */
  allowInfinity?: boolean;
}

interface RowBase<K extends keyof Params> {
  key: K;
  /** External spelling: `--flag` on the command line, `flag=` in a URL query; null: neither (see `cli`). */
  flag: string | null;
  /** How the command line sets it when it has no flag of its own. */
  cli?: string;
  /** The symbol in the figures, theory.md and pinned-run labels. */
  symbol: string;
  /** One line for help texts and tooltips, with the unit. */
  description: string;
  appliesTo: AppliesTo;
  ui: UiPlace;
}

export interface NumberRow<K extends NumericKey = NumericKey> extends RowBase<K>, NumericRange {
  type: 'number';
  default: number;
}

/** A number that may instead follow another parameter (null): Δt = h. */
export interface FollowingNumberRow extends RowBase<'dt'>, NumericRange {
  type: 'followingNumber';
  default: null;
  /** The parameter it follows when null, and must not exceed; its flag is the word for null on the CLI and in URLs. */
  follows: 'step';
}

export type ChoiceKey = { [K in keyof Params]: Params[K] extends string ? K : never }[keyof Params];

export interface ChoiceRow<K extends ChoiceKey = ChoiceKey> extends RowBase<K> {
  type: 'choice';
  default: Params[K];
  /** The allowed values, in menu order (read when needed: the model registry can grow). */
  choices: () => readonly Params[K][];
  /** A choice's entry in the app's menu. */
  choiceLabel: (value: string) => string;
  /** How validator messages name it, if not by its key. */
  messageName?: string;
}

type RowOf<K extends keyof Params> = K extends NumericKey ? NumberRow<K> : K extends 'dt' ? FollowingNumberRow : K extends ChoiceKey ? ChoiceRow<K> : never;
export type ParamRow = { [K in keyof Params]: RowOf<K> }[keyof Params];

const everything: AppliesTo = { models: 'all', computations: ['dmft', 'online', 'exact', 'simulation'] };
const notExact: AppliesTo = { models: 'all', computations: ['dmft', 'online', 'simulation'] };
const classifierTeacher: AppliesTo = { models: 'own', computations: ['dmft', 'online', 'simulation'] };
const regressionTeacher: AppliesTo = { models: 'own', computations: ['dmft', 'online', 'exact', 'simulation'] };
const committeeOnly: AppliesTo = { models: 'own', computations: ['dmft', 'simulation'] };
const dmftOnly: AppliesTo = { models: 'all', computations: ['dmft'] };
const simulationOnly: AppliesTo = { models: 'all', computations: ['simulation'] };

const exactResponseModels = (): string => modelsWith((model) => model.exactResponse).join(', ');

const estimatorLabels: Record<ResponseEstimator, string> = { auto: 'automatic', pathwise: 'pathwise (adjoint)', stein: 'Stein', exact: 'exact' };
const samplingLabels: Record<BatchSampling, string> = { uniform: 'independent uniform draws', epoch: 'epochs (shuffled passes)' };

/** A row as the table writes it: its key is the table's key, its flag that key in kebab case unless it says null. */
type RowSpec<K extends keyof Params> = Omit<RowOf<K>, 'key' | 'flag'> & { flag?: null };

/** The external spelling of a key: batchFraction → batch-fraction. */
function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The rows with their keys and flags filled in, in the specs' order. */
function keyedRows(specs: { readonly [K in keyof Params]: RowSpec<K> }): { readonly [K in keyof Params]: RowOf<K> } {
  const rows = Object.entries(specs).map(([key, spec]) => [key, { key, flag: kebabCase(key), ...spec }]);
  return Object.fromEntries(rows) as { readonly [K in keyof Params]: RowOf<K> };
}

/** Every parameter, in the order of URLs, --help, the README table and the app's advanced settings. */
export const paramTable = keyedRows({
  model: {
    symbol: 'model', type: 'choice', default: 'logistic',
    choices: () => modelIds,
    choiceLabel: (id) => models[id as ModelId]?.menuLabel ?? id,
    description: 'loss and teacher of the run (theory.md §2), one of the registered models',
    appliesTo: everything,
    ui: { place: 'advanced', label: 'model' },
  },
  alpha: {
    symbol: 'α', type: 'number', default: 2, min: 0.1, max: 10,
    description: 'sample ratio α = n/d',
    appliesTo: everything,
    ui: { place: 'slider', id: 'alpha', label: 'sample ratio α = n/d', hint: 'training samples per dimension' },
  },
  batchFraction: {
    symbol: 'b', type: 'number', default: 0.1, min: 0.005, max: 1,
    description: 'batch fraction b = B/n; 1 is gradient descent',
    appliesTo: everything,
    ui: { place: 'slider', id: 'batch', label: 'batch fraction b = B/n', hint: 'samples per minibatch / n; b = 1 is gradient descent' },
  },
  step: {
    symbol: 'h', type: 'number', default: 0.1, min: 0.001, max: 5,
    description: 'step size h in continuous-time units; κ² = h(1 − b)/b',
    appliesTo: everything,
    ui: { place: 'slider', id: 'step', label: 'step size h', hint: 'time advanced by one SGD step (t = k·h)' },
  },
  ridge: {
    symbol: 'λ', type: 'number', default: 0.01, min: 0, max: 10,
    description: 'ridge strength λ (the term −λθ of the gradient)',
    appliesTo: everything,
    ui: { place: 'advanced', label: 'ridge λ', step: 0.01 },
  },
  horizon: {
    symbol: 'T', type: 'number', default: 10, min: 0.01, max: 200,
    description: 'time horizon T, in continuous-time units',
    appliesTo: everything,
    ui: { place: 'advanced', label: 'horizon T', step: 1 },
  },
  beta: {
    symbol: 'β', type: 'number', default: 1, min: 0.05, max: 1000, allowInfinity: true,
    description: 'teacher sharpness β of the classifiers; inf (or Infinity) is the sign teacher',
    appliesTo: classifierTeacher,
    ui: { place: 'advanced', label: 'teacher sharpness β', step: 0.5, infinityLabel: 'sign teacher (β = ∞)' },
  },
  labelNoise: {
    symbol: 'σ_ε', type: 'number', default: 0.5, min: 0, max: 5,
    description: 'label noise σ_ε added to a regression teacher\'s label: y = f(r*) + σ_ε ε, ε ~ N(0, 1)',
    appliesTo: regressionTeacher,
    ui: { place: 'advanced', label: 'label noise σ_ε', step: 0.1 },
  },
  hidden: {
    symbol: 'p', type: 'number', default: 2, min: 1, max: maxHiddenUnits, integer: true,
    description: 'hidden units p of the committee machine (second layer fixed at 1/√p)',
    appliesTo: committeeOnly,
    ui: { place: 'advanced', label: 'hidden units p', step: 1 },
  },
  teacherHidden: {
    symbol: 'p*', type: 'number', default: 2, min: 1, max: maxHiddenUnits, integer: true,
    description: 'hidden units p* of the committee teacher (orthonormal first layer, second layer 1/√p*)',
    appliesTo: committeeOnly,
    ui: { place: 'advanced', label: 'teacher hidden units p*', step: 1 },
  },
  activation: {
    symbol: 'g', type: 'choice', default: 'erf',
    choices: () => activationIds,
    choiceLabel: (value) => `g(x) = ${activations[value as ActivationId].formula}`,
    description: 'activation g of the committee machine (student and teacher)',
    appliesTo: committeeOnly,
    ui: { place: 'advanced', label: 'activation g' },
  },
  initScale: {
    symbol: 'σ₀', type: 'number', default: 0, min: 0, max: 5,
    description: 'initial weights θ(0) = σ₀ g + ε θ*: the scale σ₀ (g ⊥ θ*, |g|² = d)',
    appliesTo: notExact,
    ui: { place: 'advanced', label: 'initial weights σ₀', step: 0.1 },
  },
  initOverlap: {
    symbol: 'ε', type: 'number', default: 0, min: 0, max: 5,
    description: 'planted initial overlap ε = m(0), so q(0) = σ₀² + ε² (a label even in r* needs ε > 0)',
    appliesTo: notExact,
    ui: { place: 'advanced', label: 'initial overlap m(0) = ε', step: 0.05, shown: { when: (params, model) => model.needsInitialOverlap || params.initOverlap > 0, note: 'for a model that needs it, or ε > 0' } },
  },
  dt: {
    symbol: 'Δt', type: 'followingNumber', default: null, min: 1e-4, max: 5, follows: 'step',
    description: 'grid step Δt ≤ h of the theory and the SGF simulation; "step" (default) means Δt = h',
    appliesTo: { models: 'all', computations: ['dmft', 'exact', 'simulation'] },
    ui: { place: 'advanced', label: 'grid step Δt (≤ h)', step: 0.01 },
  },
  samples: {
    symbol: 'N', type: 'number', default: 30000, min: 100, max: 1_000_000, integer: true,
    description: 'Monte-Carlo trajectories N of the DMFT',
    appliesTo: dmftOnly,
    ui: { place: 'advanced', label: 'theory samples N', step: 1000 },
  },
  responseSamples: {
    symbol: 'N_R', type: 'number', default: 3000, min: 10, max: 1_000_000, integer: true,
    description: 'trajectories used by the pathwise response estimator (≤ samples)',
    appliesTo: dmftOnly,
    ui: { place: 'advanced', label: 'response samples N_R', step: 500 },
  },
  estimator: {
    symbol: 'estimator', type: 'choice', default: 'auto',
    choices: () => estimators,
    choiceLabel: (value) => `${estimatorLabels[value as ResponseEstimator]}${value === 'exact' ? ` (${exactResponseModels()} model)` : ''}`,
    description: 'response estimator of the DMFT',
    appliesTo: dmftOnly,
    ui: { place: 'advanced', label: 'response estimator' },
  },
  sampling: {
    symbol: 'sampling', type: 'choice', default: 'uniform',
    choices: () => samplings,
    choiceLabel: (value) => samplingLabels[value as BatchSampling],
    description: 'minibatch sampling of SGD (its simulation and its theory): independent uniform batches or epoch shuffles',
    appliesTo: { models: 'all', computations: ['dmft', 'simulation'] },
    ui: { place: 'advanced', label: 'SGD batches' },
  },
  dim: {
    symbol: 'd', type: 'number', default: 500, min: 10, max: 20_000, integer: true,
    description: 'dimension d of the simulations',
    appliesTo: simulationOnly,
    ui: { place: 'advanced', label: 'simulation dimension d', step: 100 },
  },
  seeds: {
    symbol: 'seeds', type: 'number', default: 4, min: 1, max: 64, integer: true,
    description: 'independent simulation seeds averaged over',
    appliesTo: simulationOnly,
    ui: { place: 'advanced', label: 'simulation seeds', step: 1 },
  },
  seed: {
    symbol: 'seed', type: 'number', default: 1, min: 0, max: 4_294_967_295, integer: true,
    description: 'master seed (theory and simulations are deterministic functions of it)',
    appliesTo: { models: 'all', computations: ['dmft', 'simulation'] },
    ui: { place: 'advanced', label: 'master seed', step: 1 },
  },
  theoryAlgorithm: {
    flag: null, cli: 'theory --algo', symbol: 'theory', type: 'choice', default: 'sgf', messageName: 'theory algorithm',
    choices: () => theoryAlgorithms,
    choiceLabel: (value) => value,
    description: 'dynamics the theory describes: sgf (the DMFT of the SGF), sgd (of minibatch SGD, at Δt = h), gd, or online (the one-pass limit)',
    appliesTo: { models: 'all', computations: ['dmft', 'online'] },
    ui: { place: 'none', note: 'the app draws the SGF and SGD theories side by side' },
  },
});

/** Every row, in table order. */
export const paramRows: readonly ParamRow[] = Object.values(paramTable) as ParamRow[];

/** The rows that are URL keys and CLI flags of their own. */
export const flagRows = paramRows.filter((row): row is ParamRow & { flag: string } => row.flag !== null);

export function paramRow<K extends keyof Params>(key: K): RowOf<K> {
  return paramTable[key];
}

/** Whether a parameter changes a run of `model` (all do, except another model's own parameters). */
export function appliesToModel(row: ParamRow, model: Model): boolean {
  return row.appliesTo.models === 'all' || model.ownParameters.includes(row.key);
}
