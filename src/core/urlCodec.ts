/**
 * Params ⇄ URL query, under the CLI's flag names (`alpha`, `batch-fraction`, …). Decoding never
 * throws and never passes an invalid value on: a bad value is replaced by the nearest valid one
 * (out of range) or the default (not a number, unknown word), and every replacement is reported.
 */
import { getModel, modelsWith } from './models';
import { checkNumber, defaultParams, maxTimeSteps, modelProblems, ranges, validateParams, type Params } from './params';
import { flagRows, paramRow, type FollowingNumberRow, type NumberRow, type ParamRow } from './paramTable';
import { formatNumberText, formatParamText, parseParamText, shortenText } from './paramText';

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

/** Nearest valid value of a numeric row (clamped to its range, rounded if it is an integer). */
function nearestValid(value: number, range: NumberRow | FollowingNumberRow): number {
  if (value === Infinity && range.allowInfinity) return value;
  let nearest = Math.min(range.max, Math.max(range.min, value));
  if (range.integer) nearest = Math.min(range.max, Math.max(range.min, Math.round(nearest)));
  return nearest;
}

type Correct = (name: string, given: string, used: unknown, reason: string) => void;

/** One query value of a row: its valid value, or the nearest valid one or the default with a correction. */
function decodeValue(row: ParamRow & { flag: string }, text: string, correct: Correct): unknown {
  const value = parseParamText(row, text);
  if (row.type === 'choice') {
    if ((row.choices() as readonly unknown[]).includes(value)) return value;
    correct(row.flag, text, row.default, `not one of ${row.choices().join(', ')}`);
    return row.default;
  }
  if (value === null) return null;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    correct(row.flag, text, row.default, 'not a number');
    return row.default;
  }
  if (checkNumber(value, row) === null) return value;
  const nearest = nearestValid(value, row);
  const reason = row.integer && Number.isFinite(value) && value >= row.min && value <= row.max ? 'not a whole number' : `outside ${row.min} … ${row.max}`;
  correct(row.flag, text, nearest, reason);
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
    const row = flagRows.find((candidate) => candidate.flag === name);
    corrections.push({ name, given: shortenText(given), used: row ? formatParamText(row, used) : String(used), reason });
  };

  for (const row of flagRows) {
    const all = search.getAll(row.flag);
    if (all.length === 0) continue;
    const text = all[0].trim();
    if (all.length > 1) correct(row.flag, all.slice(1).join(', '), text, 'given more than once; the first value is used');
    (params as unknown as Record<string, unknown>)[row.key] = decodeValue(row, text, correct);
  }

  repairCombinations(params, correct);
  const validation = validateParams(params);
  if (validation.ok) return { params: validation.params, corrections };
  // Unreachable by construction; kept so that no invalid value can ever leave this function.
  for (const problem of validation.problems) correct(problem.name, problem.value, 'default', problem.message);
  return { params: { ...defaultParams }, corrections };
}

/** The start a link gets when its model needs a planted overlap and the link gives none. */
const plantedStart = { initOverlap: 0.1, initScale: 0.5 } as const;

/**
 * What a model needs of the other parameters and `params` lacks, as changes: a small planted start (phase
 * retrieval), a smaller step (Poisson's bound, halved until it holds). The URL codec and the model menu use it.
 */
export function modelFit(params: Params): { key: 'initOverlap' | 'initScale' | 'step'; value: number; reason: string }[] {
  const fitted = { ...params };
  const changes: { key: 'initOverlap' | 'initScale' | 'step'; value: number; reason: string }[] = [];
  for (const problem of modelProblems(fitted)) {
    if (problem.name !== 'initOverlap' && problem.name !== 'initScale') continue;
    fitted[problem.name] = plantedStart[problem.name];
    changes.push({ key: problem.name, value: fitted[problem.name], reason: problem.message });
  }
  const stepProblem = modelProblems(fitted).find((problem) => problem.name === 'step');
  if (stepProblem) {
    while (fitted.step / 2 >= ranges.step.min && modelProblems(fitted).some((problem) => problem.name === 'step')) fitted.step /= 2;
    changes.push({ key: 'step', value: fitted.step, reason: stepProblem.message });
  }
  return changes;
}

/** Fixes values that are each in range but do not fit together (dt > h, too many steps, too much work). */
function repairCombinations(params: Params, correct: Correct): void {
  if (params.dt !== null && params.dt > params.step) {
    correct('dt', formatNumberText(params.dt), null, 'larger than the step size h');
    params.dt = null;
  }
  if (params.estimator === 'exact' && !getModel(params.model).exactResponse) {
    correct('estimator', 'exact', 'auto', `exact exists only for the ${modelsWith((model) => model.exactResponse).join(', ')} model`);
    params.estimator = 'auto';
  }
  for (const { key, value, reason } of modelFit(params)) {
    correct(paramRow(key).flag ?? key, formatNumberText(params[key]), value, reason);
    params[key] = value;
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
    const row = paramRow(problem.name);
    if (row.type === 'choice' && params[problem.name] !== row.default) {
      // A choice the model refuses (a committee's ReLU): its default, not a shorter run.
      correct(row.flag ?? problem.name, String(params[problem.name]), row.default, problem.message);
      Object.assign(params, { [problem.name]: row.default });
    } else if (problem.name === 'samples' && params.samples > ranges.samples.min) {
      const samples = Math.max(ranges.samples.min, Math.floor(params.samples / 2));
      correct('samples', String(params.samples), samples, 'too much work or memory for the theory');
      params.samples = samples;
      params.responseSamples = Math.min(params.responseSamples, samples);
    } else if (problem.name === 'dim' && params.dim > ranges.dim.min) {
      const dim = Math.max(ranges.dim.min, Math.floor(params.dim / 2));
      correct('dim', String(params.dim), dim, 'too much work or memory for the simulations');
      params.dim = dim;
    } else if ((problem.name === 'samples' || problem.name === 'dim') && params.horizon > ranges.horizon.min) {
      const horizon = Math.max(ranges.horizon.min, params.horizon / 2);
      correct('horizon', formatNumberText(params.horizon), horizon, problem.message);
      params.horizon = horizon;
    } else return;
  }
}

/** The query string (without '?') of every parameter, so a link reproduces the figure even if defaults change. */
export function encodeParamsQuery(params: Params): string {
  const search = new URLSearchParams();
  for (const row of flagRows) search.set(row.flag, formatParamText(row, params[row.key]));
  return search.toString();
}
