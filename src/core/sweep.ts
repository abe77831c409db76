/**
 * A parameter sweep: one parameter set to each of a list of values, every point validated, and the
 * observables of each run read at one time. Pure (no solver here: sweepRun.ts runs the points, so a
 * caller that plans or checks a sweep does not load the solvers).
 */
import { ranges, validateParams, type NumericKey, type Params, type Problem } from './params';
import { seriesNames, type SeriesName, type SeriesTable } from './series';

/** A sweep varies one numeric parameter, or the grid step Δt. */
export type SweepKey = NumericKey | 'dt';
export const sweepKeys: readonly SweepKey[] = [...(Object.keys(ranges) as NumericKey[]), 'dt'];

/** Most values in one sweep: each is a full solve (and simulation). */
export const maxSweepValues = 100;

export interface SweepPlan {
  key: SweepKey;
  values: number[];
  /** Time at which every point is read (continuous-time units); null: each run's horizon. */
  at: number | null;
  /** The validated parameters of each point, in the order of values. */
  points: Params[];
}

/** A problem of one swept value (valueIndex), or of the sweep as a whole (valueIndex null). */
export interface SweepProblem {
  valueIndex: number | null;
  /** The parameter at fault, or 'at' / 'values' for the sweep's own settings. */
  name: keyof Params | 'at' | 'values';
  message: string;
}

export type SweepPlanning = { ok: true; plan: SweepPlan } | { ok: false; problems: SweepProblem[] };

function validationProblems(problems: Problem[], valueIndex: number): SweepProblem[] {
  return problems.map(({ name, message }) => ({ valueIndex, name, message }));
}

/** Validates base parameters with `key` set to each value, and the reading time against every point's horizon. */
export function planSweep(base: Readonly<Record<string, unknown>>, key: SweepKey, values: readonly unknown[], at: number | null = null): SweepPlanning {
  const problems: SweepProblem[] = [];
  if (values.length === 0) problems.push({ valueIndex: null, name: 'values', message: 'a sweep needs at least one value' });
  if (values.length > maxSweepValues) problems.push({ valueIndex: null, name: 'values', message: `at most ${maxSweepValues} values are allowed (got ${values.length})` });
  if (at !== null && !(Number.isFinite(at) && at >= 0)) problems.push({ valueIndex: null, name: 'at', message: 'the reading time must be a number ≥ 0' });
  if (problems.length > 0) return { ok: false, problems };

  const points: Params[] = [];
  values.forEach((value, valueIndex) => {
    const validation = validateParams({ ...base, [key]: value });
    if (!validation.ok) problems.push(...validationProblems(validation.problems, valueIndex));
    else if (typeof validation.params[key] !== 'number') problems.push({ valueIndex, name: key, message: `a swept ${key} must be a number` });
    else if (at !== null && at > validation.params.horizon) {
      problems.push({ valueIndex, name: 'at', message: `the reading time ${at} exceeds the horizon T = ${validation.params.horizon}` });
    } else points.push(validation.params);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, plan: { key, values: points.map((point) => point[key] as number), at, points } };
}

/** The observables of one run at one time, and the time actually read (the nearest grid point). */
export interface SweepReading {
  t: number;
  /** NaN where the run has no such row (it diverged earlier) or the value does not exist (error of a regression). */
  values: Record<Exclude<SeriesName, 't'>, number>;
}

export const observableNames = seriesNames.filter((name): name is Exclude<SeriesName, 't'> => name !== 't');

/** Row index k = round(target/Δt) of a grid t_k = kΔt; the reading is NaN when the table stops before it. */
export function readAt(table: SeriesTable, dt: number, target: number): SweepReading {
  const k = Math.round(target / dt);
  const present = k < table.t.length;
  const values = Object.fromEntries(observableNames.map((name) => [name, present ? table[name][k] : NaN])) as SweepReading['values'];
  return { t: present ? table.t[k] : k * dt, values };
}

/** Reads a list of per-row columns (standard errors) at the row readAt chose. */
export function readColumnAt(column: readonly number[], dt: number, target: number): number {
  const k = Math.round(target / dt);
  return k < column.length ? column[k] : NaN;
}

/** Time at which a point is read: the plan's, or the point's own horizon. */
export function readingTime(plan: Pick<SweepPlan, 'at'>, point: Params): number {
  return plan.at ?? point.horizon;
}
