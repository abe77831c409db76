/**
 * Parameters of one run: the typed object, its defaults, ranges and validator.
 * Normalization as in theory.md §1: h (`step`) is in units of continuous time,
 * n = alpha·d, B = round(b·n), kappa² = h(1 − b)/b.
 */
import { getModel } from './models';
import { resourceProblems } from './resources';

export type ModelId = 'logistic' | 'linear' | 'probit' | 'squared-hinge' | 'poisson' | 'phase-retrieval';
/** 'exact' is the closed-form response of the square loss (linear model only). */
export type ResponseEstimator = 'auto' | 'pathwise' | 'stein' | 'exact';
export type BatchSampling = 'uniform' | 'epoch';
/**
 * Which dynamics the theory describes: the DMFT of the paper's stochastic gradient flow, the DMFT of
 * minibatch SGD itself (with the `sampling` of its batches, at Δt = h; theory.md §9), of gradient descent
 * (b = 1 whatever batchFraction says), or the one-pass (online) limit (theory.md §11).
 */
export type TheoryAlgorithm = 'sgf' | 'sgd' | 'gd' | 'online';

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
  /** Teacher sharpness β of the logistic teacher; Infinity = sign teacher. */
  beta: number;
  /** Label noise σ_ε of the linear teacher. */
  labelNoise: number;
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

export const defaultParams: Readonly<Params> = Object.freeze({
  model: 'logistic',
  alpha: 2,
  batchFraction: 0.1,
  step: 0.1,
  ridge: 0.01,
  horizon: 10,
  beta: 1,
  labelNoise: 0.5,
  initScale: 0,
  initOverlap: 0,
  dt: null,
  samples: 20000,
  responseSamples: 3000,
  estimator: 'auto',
  dim: 500,
  seeds: 4,
  seed: 1,
  sampling: 'uniform',
  theoryAlgorithm: 'sgf',
});

export interface NumericRange {
  min: number;
  max: number;
  /** Integer-valued parameter. */
  integer?: boolean;
  /** Infinity is an allowed value (β = ∞ is the sign teacher). */
  allowInfinity?: boolean;
}

export type NumericKey = {
  [K in keyof Params]: Params[K] extends number ? K : never;
}[keyof Params];

/** Allowed ranges, inclusive. Generous but safe: every value in range runs. */
export const ranges: Readonly<Record<NumericKey, NumericRange>> = Object.freeze({
  alpha: { min: 0.1, max: 10 },
  batchFraction: { min: 0.005, max: 1 },
  step: { min: 0.001, max: 5 },
  ridge: { min: 0, max: 10 },
  horizon: { min: 0.01, max: 200 },
  beta: { min: 0.05, max: 1000, allowInfinity: true },
  labelNoise: { min: 0, max: 5 },
  initScale: { min: 0, max: 5 },
  initOverlap: { min: 0, max: 5 },
  samples: { min: 100, max: 1_000_000, integer: true },
  responseSamples: { min: 10, max: 1_000_000, integer: true },
  dim: { min: 10, max: 20_000, integer: true },
  seeds: { min: 1, max: 64, integer: true },
  seed: { min: 0, max: 4_294_967_295, integer: true },
});

export const dtRange: Readonly<NumericRange> = Object.freeze({ min: 1e-4, max: 5 });
export const modelIds: readonly ModelId[] = ['logistic', 'linear', 'probit', 'squared-hinge', 'poisson', 'phase-retrieval'];
export const estimators: readonly ResponseEstimator[] = ['auto', 'pathwise', 'stein', 'exact'];
export const samplings: readonly BatchSampling[] = ['uniform', 'epoch'];
export const theoryAlgorithms: readonly TheoryAlgorithm[] = ['sgf', 'sgd', 'gd', 'online'];

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
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
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

  const model = get('model');
  if (modelIds.includes(model as ModelId)) clean.model = model as ModelId;
  else problems.push({ name: 'model', value: show(model), message: `model must be one of ${modelIds.join(', ')}` });

  const estimator = get('estimator');
  if (estimators.includes(estimator as ResponseEstimator)) clean.estimator = estimator as ResponseEstimator;
  else problems.push({ name: 'estimator', value: show(estimator), message: `estimator must be one of ${estimators.join(', ')}` });

  const sampling = get('sampling');
  if (samplings.includes(sampling as BatchSampling)) clean.sampling = sampling as BatchSampling;
  else problems.push({ name: 'sampling', value: show(sampling), message: `sampling must be one of ${samplings.join(', ')}` });

  const theoryAlgorithm = get('theoryAlgorithm');
  if (theoryAlgorithms.includes(theoryAlgorithm as TheoryAlgorithm)) clean.theoryAlgorithm = theoryAlgorithm as TheoryAlgorithm;
  else problems.push({ name: 'theoryAlgorithm', value: show(theoryAlgorithm), message: `theory algorithm must be one of ${theoryAlgorithms.join(', ')}` });

  for (const key of Object.keys(ranges) as NumericKey[]) {
    const value = get(key);
    const message = checkNumber(value, ranges[key]);
    if (message) problems.push({ name: key, value: show(value), message: `${key} ${message}` });
    else clean[key] = value as number;
  }

  const dt = get('dt');
  if (dt === null || dt === undefined) clean.dt = null;
  else {
    const message = checkNumber(dt, dtRange);
    if (message) problems.push({ name: 'dt', value: show(dt), message: `dt ${message}, or null for dt = step` });
    else clean.dt = dt as number;
  }

  if (problems.length === 0) {
    if (clean.dt !== null && clean.dt > clean.step * (1 + 1e-12)) {
      problems.push({ name: 'dt', value: show(clean.dt), message: `dt must not exceed the step size h = ${clean.step}` });
    }
    if (clean.estimator === 'exact' && clean.model !== 'linear') {
      problems.push({ name: 'estimator', value: show(clean.estimator), message: 'estimator exact exists only for the linear model' });
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
