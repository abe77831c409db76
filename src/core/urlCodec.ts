/**
 * Params ⇄ URL query, under the CLI's flag names (`alpha`, `batch-fraction`, …). Decoding never
 * throws and never passes an invalid value on: a bad value is replaced by the nearest valid one
 * (out of range) or the default (not a number, unknown word), and every replacement is reported.
 */
import { checkNumber, defaultParams, dtRange, estimators, maxTimeSteps, modelIds, ranges, samplings, theoryAlgorithms, validateParams, type NumericKey, type Params } from './params';
import { dtFollowsStep, formatNumberText, paramNames, parseNumberText } from './paramText';

export interface Correction {
  /** Query key as written in the URL (e.g. `batch-fraction`). */
  name: string;
  /** The value given, as text (shortened); render it as text only. */
  given: string;
  /** The value used instead, as text. */
  used: string;
  /** Why, in a few words. */
  reason: string;
}

export interface DecodedQuery {
  params: Params;
  corrections: Correction[];
}

const enumValues: Partial<Record<keyof Params, readonly string[]>> = {
  model: modelIds,
  estimator: estimators,
  sampling: samplings,
  theoryAlgorithm: theoryAlgorithms,
};

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function showValue(value: unknown): string {
  if (value === null) return dtFollowsStep;
  return typeof value === 'number' ? formatNumberText(value) : String(value);
}

/** Nearest valid value of a numeric field (clamped to its range, rounded if it is an integer). */
function nearestValid(value: number, key: NumericKey): number {
  const range = ranges[key];
  if (value === Infinity && range.allowInfinity) return value;
  let nearest = Math.min(range.max, Math.max(range.min, value));
  if (range.integer) nearest = Math.min(range.max, Math.max(range.min, Math.round(nearest)));
  return nearest;
}

export function decodeParamsQuery(query: string | URLSearchParams): DecodedQuery {
  // Anything else (a caller bypassing the types) reads as an empty query rather than throwing.
  const search =
    typeof query === 'string'
      ? new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)
      : query instanceof URLSearchParams
        ? query
        : new URLSearchParams();
  const params: Params = { ...defaultParams };
  const corrections: Correction[] = [];
  const correct = (name: string, given: string, used: unknown, reason: string): void => {
    corrections.push({ name, given: shorten(given), used: showValue(used), reason });
  };

  for (const { name, key } of paramNames) {
    const all = search.getAll(name);
    if (all.length === 0) continue;
    const text = all[0].trim();
    if (all.length > 1) correct(name, all.slice(1).join(', '), text, 'given more than once; the first value is used');
    const allowed = enumValues[key];
    if (allowed) {
      if (allowed.includes(text)) (params as unknown as Record<string, unknown>)[key] = text;
      else correct(name, text, defaultParams[key], `not one of ${allowed.join(', ')}`);
      continue;
    }
    if (key === 'dt') {
      if (text === dtFollowsStep || text === '') continue;
      const value = parseNumberText(text);
      if (typeof value !== 'number' || Number.isNaN(value)) correct(name, text, null, 'not a number');
      else if (checkNumber(value, dtRange) !== null) {
        const nearest = Math.min(dtRange.max, Math.max(dtRange.min, value));
        params.dt = nearest;
        correct(name, text, nearest, `outside ${dtRange.min} … ${dtRange.max}`);
      } else params.dt = value;
      continue;
    }
    const numericKey = key as NumericKey;
    const value = parseNumberText(text);
    if (typeof value !== 'number' || Number.isNaN(value)) {
      correct(name, text, defaultParams[numericKey], 'not a number');
      continue;
    }
    const range = ranges[numericKey];
    if (checkNumber(value, range) === null) {
      params[numericKey] = value;
      continue;
    }
    const nearest = nearestValid(value, numericKey);
    params[numericKey] = nearest;
    const reason = range.integer && Number.isFinite(value) && value >= range.min && value <= range.max ? 'not a whole number' : `outside ${range.min} … ${range.max}`;
    correct(name, text, nearest, reason);
  }

  repairCombinations(params, correct);
  const validation = validateParams(params);
  if (validation.ok) return { params: validation.params, corrections };
  // Unreachable by construction; kept so that no invalid value can ever leave this function.
  for (const problem of validation.problems) correct(problem.name, problem.value, 'default', problem.message);
  return { params: { ...defaultParams }, corrections };
}

/** Fixes values that are each in range but do not fit together (dt > h, too many steps, too much work). */
function repairCombinations(params: Params, correct: (name: string, given: string, used: unknown, reason: string) => void): void {
  if (params.dt !== null && params.dt > params.step) {
    correct('dt', formatNumberText(params.dt), null, 'larger than the step size h');
    params.dt = null;
  }
  if (params.estimator === 'exact' && params.model !== 'linear') {
    correct('estimator', 'exact', 'auto', 'exact exists only for the linear model');
    params.estimator = 'auto';
  }
  const dt = params.dt ?? params.step;
  if (params.horizon / dt > maxTimeSteps + 0.5) {
    const horizon = Math.floor(maxTimeSteps * dt * 1e6) / 1e6;
    correct('horizon', formatNumberText(params.horizon), horizon, `more than ${maxTimeSteps} time steps`);
    params.horizon = horizon;
  }
  // Resource limits: halve the most expensive knob until the run fits (at most a few dozen halvings).
  for (let attempt = 0; attempt < 64; attempt++) {
    const validation = validateParams(params);
    if (validation.ok) return;
    const problem = validation.problems[0];
    if (problem.name === 'samples' && params.samples > ranges.samples.min) {
      const samples = Math.max(ranges.samples.min, Math.floor(params.samples / 2));
      correct('samples', String(params.samples), samples, 'too much work or memory for the theory');
      params.samples = samples;
      params.responseSamples = Math.min(params.responseSamples, samples);
    } else if (problem.name === 'dim' && params.dim > ranges.dim.min) {
      const dim = Math.max(ranges.dim.min, Math.floor(params.dim / 2));
      correct('dim', String(params.dim), dim, 'too much work or memory for the simulations');
      params.dim = dim;
    } else if (params.horizon > ranges.horizon.min) {
      const horizon = Math.max(ranges.horizon.min, params.horizon / 2);
      correct('horizon', formatNumberText(params.horizon), horizon, problem.message);
      params.horizon = horizon;
    } else return;
  }
}

/** The query string (without '?') of every parameter, so a link reproduces the figure even if defaults change. */
export function encodeParamsQuery(params: Params): string {
  const search = new URLSearchParams();
  for (const { name, key } of paramNames) search.set(name, showValue(params[key]));
  return search.toString();
}
