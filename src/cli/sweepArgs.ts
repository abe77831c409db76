/**
 * The options of `sweep` (--param, --values, --at) → a validated SweepPlan, or readable problems naming
 * the flag to change. Every value is checked by validateParams together with the other flags.
 */
import { parseNumberText } from '../core/paramText';
import { planSweep, sweepKeys, type SweepPlan, type SweepProblem } from '../core/sweep';
import { optionFlags, paramFlags, type ParamFlag } from './flags';
import { problemMessage, quote } from './messages';

export const sweepOptionNames: ReadonlySet<string> = new Set([optionFlags.param.name, optionFlags.values.name, optionFlags.at.name]);

const sweepableFlags = paramFlags.filter((flag) => (sweepKeys as readonly string[]).includes(flag.key));

export type SweepArguments = { ok: true; plan: SweepPlan } | { ok: false; problems: string[] };

/** The flag --param names (by its flag name or its Params key), or a problem. */
function sweptFlag(raw: string | undefined): ParamFlag | string {
  const names = sweepableFlags.map((flag) => flag.name).join(', ');
  if (raw === undefined) return `sweep needs --param <name>, one of ${names}`;
  const flag = paramFlags.find((candidate) => candidate.name === raw || candidate.key === raw);
  if (!flag) return `--param ${quote(raw)}: unknown parameter; a sweep varies one of ${names}`;
  if (!sweepableFlags.includes(flag)) return `--param ${quote(raw)}: a sweep varies a numeric parameter, one of ${names}`;
  return flag;
}

/** "0.5, 1,2" → [0.5, 1, 2] (non-numbers kept as text, for the validator to name). */
function splitValues(raw: string): { texts: string[]; problem: string | null } {
  const texts = raw.split(',').map((text) => text.trim());
  const empty = texts.findIndex((text) => text === '');
  return { texts, problem: empty >= 0 ? `--values ${quote(raw)}: value ${empty + 1} is empty (give numbers separated by commas)` : null };
}

function describe(problem: SweepProblem, flag: ParamFlag, texts: string[], given: ReadonlyMap<string, string>): string | null {
  if (problem.valueIndex === null || problem.name === 'values') return `--${problem.name} ${quote(given.get(problem.name) ?? '')}: ${problem.message}`;
  const value = texts[problem.valueIndex];
  if (problem.name === flag.key) return `--values ${quote(value)}: ${problem.message}`;
  if (problem.name === 'at') return `--at ${quote(given.get('at') ?? '')}: ${problem.message} (at --${flag.name} ${value})`;
  const message = problemMessage(problem.name, problem.message, given);
  return message === null ? null : `${message} (at --${flag.name} ${value})`;
}

/** A problem that every value shares is said once, without naming a value. */
function withoutRepeats(messages: string[], values: string[], flag: ParamFlag): string[] {
  const general = (message: string): string => values.reduce((text, value) => text.replace(` (at --${flag.name} ${value})`, ''), message);
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(general(message), (counts.get(general(message)) ?? 0) + 1);
  const out = new Set<string>();
  for (const message of messages) out.add(values.length > 1 && counts.get(general(message)) === values.length ? general(message) : message);
  return [...out];
}

/** Reads --param, --values and --at from the flags given, and plans the sweep over `candidate` (the other flags' values). */
export function parseSweepArguments(candidate: Readonly<Record<string, unknown>>, given: ReadonlyMap<string, string>): SweepArguments {
  const problems: string[] = [];
  const rawParam = given.get(optionFlags.param.name);
  const flag = rawParam === '' ? null : sweptFlag(rawParam);
  if (typeof flag === 'string') problems.push(flag);
  else if (flag && given.has(flag.name)) problems.push(`--${flag.name} is the swept parameter (--param ${rawParam}): give its values in --values only`);

  const rawValues = given.get(optionFlags.values.name);
  const split = rawValues === undefined || rawValues === '' ? null : splitValues(rawValues);
  if (rawValues === undefined) problems.push('sweep needs --values v1,v2,… (the values of the swept parameter)');
  if (split?.problem) problems.push(split.problem);

  const rawAt = given.get(optionFlags.at.name);
  const at = rawAt === undefined || rawAt === '' ? null : parseNumberText(rawAt);
  if (typeof at === 'string') problems.push(`--at ${quote(rawAt!)}: the reading time must be a number ≥ 0`);

  if (problems.length > 0 || typeof flag !== 'object' || flag === null || split === null || typeof at === 'string' || rawAt === '') return { ok: false, problems };
  const values = split.texts.map(parseNumberText);
  const planning = planSweep(candidate, flag.key as SweepPlan['key'], values, at);
  if (planning.ok) return planning;
  const messages = planning.problems.map((problem) => describe(problem, flag, split.texts, given)).filter((message): message is string => message !== null);
  return { ok: false, problems: withoutRepeats(messages, split.texts, flag) };
}
