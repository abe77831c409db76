/**
 * Parameters of one run: the typed object, its defaults, ranges and validator.
 * Normalization as in theory.md §1: h (`step`) is in units of continuous time,
 * n = alpha·d, B = round(b·n), kappa² = h(1 − b)/b.
 */
import { getModel, modelIds, modelsWith, type ModelId } from './models';
import { paramRows, paramTable, type BatchSampling, type NumberRow, type NumericRange, type ParamRow, type ResponseEstimator, type TheoryAlgorithm } from './paramTable';
import { shortenText } from './paramText';
import { resourceProblems } from './resources';

export type { ModelId } from './models';
import type { ActivationId } from './committee/activation';
export type { BatchSampling, NumericRange, ResponseEstimator, TheoryAlgorithm } from './paramTable';
export { estimators, samplings, theoryAlgorithms } from './paramTable';
export { modelIds };

export interface Params {
  /** Loss and teacher (theory.md §2). */
  model: ModelId;
  /** Sample ratio α = n/d. */
  alpha: number;
  /** Batch fraction b = B/n, in (0, 1]; b = 1 is gradient descent. */
  batchFraction: number;
  /** Step size h, in units of continuous time. */
  step: number;
  /** Ridge strength λ ≥ 0. */
  ridge: number;
  /** Time horizon T (continuous time). */
  horizon: number;
  /** Teacher sharpness β of the classifiers' teachers; Infinity = sign teacher. */
  beta: number;
  /** Label noise σ_ε of the regression teachers. */
  labelNoise: number;
  /** Hidden units p of the committee machine's student (theory.md §10). */
  hidden: number;
  /** Hidden units p* of the committee machine's teacher. */
  teacherHidden: number;
  /** Activation g of the committee machine's hidden units. */
  activation: ActivationId;
  /** Initial weights θ(0) = σ₀ g + ε θ*: the scale σ₀ of the part orthogonal to the teacher. */
  initScale: number;
  /** Planted initial overlap ε = m(0) (so q(0) = σ₀² + ε²). */
  initOverlap: number;
  /** Grid step Δt of the theory and of the SGF simulation; null means Δt = h (what SGD follows). */
  dt: number | null;
  /** Monte-Carlo trajectories N of the DMFT sample process. */
  samples: number;
  /** Trajectories used by the pathwise response estimator: the first min(responseSamples, N) of the N. */
  responseSamples: number;
  /** Response estimator of the DMFT solver. */
  estimator: ResponseEstimator;
  /** Dimension d of the finite-size simulations. */
  dim: number;
  /** Independent simulation seeds (datasets) averaged over. */
  seeds: number;
  /** Master seed: theory and simulations are deterministic functions of it. */
  seed: number;
  /** Minibatch sampling of SGD: independent uniform batches, or walking a shuffled permutation. */
  sampling: BatchSampling;
  /** Dynamics the theory describes (CLI `theory --algo`); the app draws the SGF and SGD theories side by side. */
  theoryAlgorithm: TheoryAlgorithm;
}

/** The defaults of paramTable.ts, in its order. */
export const defaultParams: Readonly<Params> = Object.freeze(Object.fromEntries(paramRows.map((row) => [row.key, row.default])) as unknown as Params);

export type NumericKey = {
  [K in keyof Params]: Params[K] extends number ? K : never;
}[keyof Params];

const numberRows = paramRows.filter((row): row is NumberRow => row.type === 'number');

/** Allowed ranges, inclusive (paramTable.ts). Generous but safe: every value in range runs. */
export const ranges: Readonly<Record<NumericKey, NumericRange>> = Object.freeze(
  Object.fromEntries(
    numberRows.map(({ key, min, max, integer, allowInfinity }) => [key, { min, max, ...(integer && { integer }), ...(allowInfinity && { allowInfinity }) }]),
  ) as Record<NumericKey, NumericRange>,
);

export const dtRange: Readonly<NumericRange> = Object.freeze({ min: paramTable.dt.min, max: paramTable.dt.max });

/** Time steps K on the grid: K·Δt = T (rounded). */
export const maxTimeSteps = 2000;

export interface Problem {
  /** Parameter name as in Params. */
  name: keyof Params;
  /** The offending value, as text. */
  value: string;
  /** A readable sentence: what is wrong and what is allowed. */
  message: string;
}

export type Validation = { ok: true; params: Params } | { ok: false; problems: Problem[] };

function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(shortenText(value));
  if (value === null) return 'null';
  return typeof value;
}

function describeRange(range: NumericRange): string {
  const kind = range.integer ? 'an integer' : 'a number';
  const inf = range.allowInfinity ? ' (or Infinity)' : '';
  return `${kind} from ${range.min} to ${range.max}${inf}`;
}

/** Checks one numeric value against its range; returns a problem message or null. */
export function checkNumber(value: unknown, range: NumericRange): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return `must be ${describeRange(range)}`;
  if (value === Infinity && range.allowInfinity) return null;
  if (!Number.isFinite(value)) return `must be ${describeRange(range)}`;
  if (range.integer && !Number.isInteger(value)) return `must be ${describeRange(range)}`;
  if (value < range.min || value > range.max) return `must be ${describeRange(range)}`;
  return null;
}

/** The grid step actually used (Δt = h unless a finer dt is given). */
export function gridStep(params: Pick<Params, 'dt' | 'step'>): number {
  return params.dt ?? params.step;
}

/** Number of time steps K of the grid. */
export function timeSteps(params: Pick<Params, 'dt' | 'step' | 'horizon'>): number {
  return Math.max(1, Math.round(params.horizon / gridStep(params)));
}

/** The grid of what steps by h (SGD, GD, the SGD theory, the one-pass map): Δt = h, K = round(T/h) ≥ 1. */
export function stepGrid(params: Pick<Params, 'step' | 'horizon'>): { dt: number; steps: number } {
  return { dt: params.step, steps: Math.max(1, Math.round(params.horizon / params.step)) };
}

/** Noise strength κ² = h(1 − b)/b of the SGF (0 for gradient descent). */
export function noiseStrength(params: Pick<Params, 'step' | 'batchFraction'>): number {
  return (params.step * (1 - params.batchFraction)) / params.batchFraction;
}

/** Number of samples n = round(α d) of a simulation. */
export function sampleCount(params: Pick<Params, 'alpha' | 'dim'>): number {
  return Math.max(1, Math.round(params.alpha * params.dim));
}

/** Minibatch size B = round(b n), at least 1. */
export function batchSize(params: Pick<Params, 'alpha' | 'dim' | 'batchFraction'>): number {
  const n = sampleCount(params);
  return Math.min(n, Math.max(1, Math.round(params.batchFraction * n)));
}

/** What is wrong with one value by its row alone (its type, range or choices), or null. */
function rowProblem(row: ParamRow, value: unknown): string | null {
  switch (row.type) {
    case 'choice':
      return (row.choices() as readonly unknown[]).includes(value) ? null : `${row.messageName ?? row.key} must be one of ${row.choices().join(', ')}`;
    case 'number': {
      const message = checkNumber(value, row);
      return message && `${row.key} ${message}`;
    }
    case 'followingNumber': {
      if (value === null || value === undefined) return null;
      const message = checkNumber(value, row);
      return message && `${row.key} ${message}, or null for ${row.key} = ${row.follows}`;
    }
  }
}

/**
 * Validates a candidate parameter object. Never throws: returns clean params
 * (a fresh object holding only known keys) or a list of readable problems.
 */
export function validateParams(candidate: unknown): Validation {
  const problems: Problem[] = [];
  if (typeof candidate !== 'object' || candidate === null) {
    return { ok: false, problems: [{ name: 'model', value: show(candidate), message: 'parameters must be an object' }] };
  }
  // Read every known key once, up front: a hostile object (a throwing getter, a revoked Proxy) is refused, not thrown.
  const input: Record<string, unknown> = Object.create(null);
  try {
    for (const key of Object.keys(defaultParams)) {
      if (Object.prototype.hasOwnProperty.call(candidate, key)) input[key] = (candidate as Record<string, unknown>)[key];
    }
  } catch {
    return { ok: false, problems: [{ name: 'model', value: 'object', message: 'parameters could not be read (an object whose properties throw)' }] };
  }
  const clean: Params = { ...defaultParams };
  const get = (key: keyof Params): unknown => (key in input ? input[key] : defaultParams[key]);

  for (const row of paramRows) {
    const value = get(row.key);
    const message = rowProblem(row, value);
    if (message) problems.push({ name: row.key, value: show(value), message });
    else (clean as unknown as Record<string, unknown>)[row.key] = value ?? null;
  }

  if (problems.length === 0) {
    if (clean.dt !== null && clean.dt > clean.step * (1 + 1e-12)) {
      problems.push({ name: 'dt', value: show(clean.dt), message: `dt must not exceed the step size h = ${clean.step}` });
    }
    if (clean.estimator === 'exact' && !getModel(clean.model).exactResponse) {
      problems.push({ name: 'estimator', value: show(clean.estimator), message: `estimator exact exists only for the ${modelsWith((model) => model.exactResponse).join(', ')} model` });
    }
    if (clean.estimator === 'exact' && clean.theoryAlgorithm === 'sgd' && clean.sampling === 'epoch' && clean.batchFraction < 1) {
      problems.push({ name: 'estimator', value: show(clean.estimator), message: 'estimator exact does not hold for epoch-shuffled SGD (the kicks of one epoch are dependent); use pathwise' });
    }
    if (clean.dt !== null && clean.dt !== clean.step && clean.theoryAlgorithm === 'sgd') {
      problems.push({ name: 'dt', value: show(clean.dt), message: 'the SGD theory runs on its own steps (Δt = h): dt applies to the SGF only' });
    }
    for (const problem of modelProblems(clean)) problems.push({ ...problem, value: show(clean[problem.name]) });
    const steps = timeSteps(clean);
    if (steps > maxTimeSteps) {
      problems.push({
        name: 'horizon',
        value: show(clean.horizon),
        message: `horizon / dt gives ${steps} time steps; at most ${maxTimeSteps} are allowed (lower the horizon or raise the step)`,
      });
    } else {
      for (const { name, message } of resourceProblems(clean)) {
        // The theory's limits are the DMFT's (named 'samples'); the one-pass map has no Monte Carlo and costs O(K).
        if (clean.theoryAlgorithm === 'online' && name === 'samples') continue;
        problems.push({ name, value: show(clean[name]), message });
      }
    }
  }
  return problems.length === 0 ? { ok: true, params: clean } : { ok: false, problems };
}

/** What a model needs of the other parameters (models/model.ts): readable refusals, empty when the run fits. */
export function modelProblems(params: Params): { name: keyof Params; message: string }[] {
  const model = getModel(params.model);
  const problems: { name: keyof Params; message: string }[] = [];
  if (model.needsInitialOverlap) {
    const why = `${model.label}: the label is even in r*, so m = 0 never moves in the d → ∞ dynamics`;
    if (!(params.initOverlap > 0)) problems.push({ name: 'initOverlap', message: `${why}; plant an initial overlap initOverlap = m(0) > 0 (e.g. 0.1)` });
    if (!(params.initScale > 0)) problems.push({ name: 'initScale', message: `${why}; it also needs initScale σ₀ > 0 (e.g. 0.5)` });
  }
  for (const problem of model.parameterProblems(params)) problems.push(problem);
  return problems;
}
