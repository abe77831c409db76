/**
 * Pure argument parser: argv (without node and the script) → a command with validated Params,
 * or a list of readable problems. Never throws, whatever the input; range checks are validateParams'.
 */
import { models, modelsWith, type ModelId } from '../core/models';
import { theoryAlgorithms, validateParams, type Params, type TheoryAlgorithm } from '../core/params';
import { paramRow } from '../core/paramTable';
import { parseNumberText, parseParamText } from '../core/paramText';
import { algorithms, type Algorithm } from '../core/sim/types';
import { linearExactProblems } from '../core/theory/linearExact';
import type { SweepPlan } from '../core/sweep';
import { commands, maxThreads, optionFlags, outputFormats, paramFlags, type Command, type OutputFormat } from './flags';
import { problemMessage, quote } from './messages';
import { parseSweepArguments, sweepOptionNames } from './sweepArgs';

export interface RunRequest {
  ok: true;
  command: Command;
  /** Validated parameters (defaults filled in). */
  params: Params;
  format: OutputFormat;
  /** Algorithm of `simulate` (default sgf; ignored by the other commands; `theory --algo` sets params.theoryAlgorithm). */
  algorithm: Algorithm;
  /** `linear-exact --continuous`: the continuous-time SGF instead of the Δt chain. */
  continuous: boolean;
  /** `sweep`: the validated points (params is the first); with `--simulate` each is also simulated with `algorithm`. */
  sweep: SweepPlan | null;
  simulate: boolean;
  /** `theory --threads`: the threads the DMFT solve runs on; null: the machine's cores (main.ts). */
  threads: number | null;
}

export interface HelpRequest {
  ok: true;
  command: 'help';
}

export interface ArgumentProblems {
  ok: false;
  /** One readable sentence per problem, naming the flag. */
  problems: string[];
}

export type ParsedArguments = RunRequest | HelpRequest | ArgumentProblems;

const paramFlagByName = new Map(paramFlags.map((flag) => [flag.name, flag]));
const switchNames = new Set<string>([optionFlags.continuous.name, optionFlags.simulate.name]);
const valueOptionNames = new Set<string>([optionFlags.algo.name, optionFlags.format.name, optionFlags.threads.name, ...sweepOptionNames]);
const allFlagNames = [...paramFlags.map((flag) => flag.name), ...switchNames, ...valueOptionNames, optionFlags.help.name];

/** Edit distance, for "did you mean" on a mistyped flag. */
function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

function unknownFlagMessage(name: string): string {
  let best = '';
  let bestDistance = Infinity;
  for (const candidate of allFlagNames) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const hint = bestDistance <= 2 ? ` (did you mean --${best}?)` : '';
  return `unknown flag --${name}${hint}; see --help for the list of flags`;
}

function isHelpToken(token: string): boolean {
  return token === '--help' || token === '-h' || token.startsWith('--help=');
}

/** `--threads`: an integer 1 … maxThreads, for theory only; null when not given. Problems go to `problems`. */
function threadCount(command: Command | null, text: string | undefined, problems: string[]): number | null {
  if (text === undefined || text === '') return null;
  if (command !== null && command !== 'theory') {
    problems.push('--threads applies only to theory');
    return null;
  }
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= 1 && value <= maxThreads) return value;
  problems.push(`--threads ${quote(text)}: threads must be an integer 1 … ${maxThreads}`);
  return null;
}

/** Parses a command line. The first positional word is the command; flags may come before or after it. */
export function parseArgs(argv: readonly string[]): ParsedArguments {
  if (argv.length === 0 || argv[0] === 'help' || argv.some((token) => isHelpToken(String(token)))) return { ok: true, command: 'help' };

  const problems: string[] = [];
  const candidate: Record<string, unknown> = {};
  const given = new Map<string, string>(); // flag name → raw value, for messages and duplicates
  let command: Command | null = null;
  let format: OutputFormat = 'json';
  let algorithm: Algorithm = 'sgf';
  let algorithmText: string | null = null; // checked once the command is known (theory and simulate take different ones)
  let unknownCommand = false;

  for (let index = 0; index < argv.length; index++) {
    const token = String(argv[index]);
    if (!token.startsWith('--')) {
      if (token.startsWith('-') && typeof parseNumberText(token) === 'string') problems.push(`unknown flag ${quote(token)} (flags start with --)`);
      else if (command === null && (commands as readonly string[]).includes(token)) command = token as Command;
      else if (command === null) {
        unknownCommand = true;
        problems.push(`unknown command ${quote(token)}: expected one of ${commands.join(', ')}`);
      } else problems.push(`unexpected argument ${quote(token)} (flags start with --)`);
      continue;
    }

    const body = token.slice(2);
    const equals = body.indexOf('=');
    const name = equals >= 0 ? body.slice(0, equals) : body;
    const isParam = paramFlagByName.has(name);
    if (!isParam && !switchNames.has(name) && !valueOptionNames.has(name)) {
      problems.push(unknownFlagMessage(name));
      if (equals < 0 && index + 1 < argv.length && !String(argv[index + 1]).startsWith('--')) index++; // skip its likely value
      continue;
    }
    if (given.has(name)) {
      problems.push(`--${name} is given more than once`);
      if (equals < 0 && !switchNames.has(name) && index + 1 < argv.length && !String(argv[index + 1]).startsWith('--')) index++;
      continue;
    }

    if (switchNames.has(name)) {
      given.set(name, '');
      if (equals >= 0) problems.push(`--${name} is a switch and takes no value (got ${quote(body.slice(equals + 1))})`);
      continue;
    }

    let value: string;
    if (equals >= 0) value = body.slice(equals + 1);
    else if (index + 1 < argv.length && !String(argv[index + 1]).startsWith('--')) value = String(argv[++index]);
    else {
      given.set(name, '');
      problems.push(`missing value for --${name}`);
      continue;
    }
    given.set(name, value);
    if (value === '') {
      problems.push(`missing value for --${name}`);
      continue;
    }

    if (name === optionFlags.format.name) {
      if ((outputFormats as readonly string[]).includes(value)) format = value as OutputFormat;
      else problems.push(`--format ${quote(value)}: format must be one of ${outputFormats.join(', ')}`);
    } else if (name === optionFlags.algo.name) {
      algorithmText = value; // read once the command is known: theory and simulate take different lists
    } else if (name === optionFlags.threads.name) {
      // Read once the command is known (threadCount).
    } else if (sweepOptionNames.has(name)) {
      // Kept in `given`; read by parseSweepArguments.
    } else {
      const flag = paramFlagByName.get(name)!;
      candidate[flag.key] = parseParamText(paramRow(flag.key), value);
    }
  }

  if (command === null && !unknownCommand) problems.push(`missing command: expected one of ${commands.join(', ')}`);
  const simulate = given.has(optionFlags.simulate.name);
  if (command !== null && algorithmText !== null) {
    if (command === 'simulate' || (command === 'sweep' && simulate)) {
      if ((algorithms as readonly string[]).includes(algorithmText)) algorithm = algorithmText as Algorithm;
      else problems.push(`--algo ${quote(algorithmText)}: simulate's algorithm must be one of ${algorithms.join(', ')}`);
    } else if (command === 'theory') {
      if ((theoryAlgorithms as readonly string[]).includes(algorithmText)) candidate.theoryAlgorithm = algorithmText as TheoryAlgorithm;
      else problems.push(`--algo ${quote(algorithmText)}: theory's algorithm must be one of ${theoryAlgorithms.join(', ')}`);
    } else problems.push('--algo applies only to theory, simulate and sweep --simulate');
  }
  for (const name of [...sweepOptionNames, optionFlags.simulate.name]) {
    if (command !== null && command !== 'sweep' && given.has(name)) problems.push(`--${name} applies only to sweep`);
  }
  const threads = threadCount(command, given.get(optionFlags.threads.name), problems);
  if (command !== null && command !== 'linear-exact' && given.has(optionFlags.continuous.name)) {
    problems.push('--continuous applies only to linear-exact');
  }
  // The exact theory holds for few models (Model.exactTheory): there the first of them is the default.
  const exactTheoryModel = modelsWith((model) => model.exactTheory)[0];
  if (command === 'linear-exact' && !('model' in candidate) && exactTheoryModel !== undefined) candidate.model = exactTheoryModel;

  if (command === 'sweep') {
    // The sweep reads single-index series; a committee run's are matrices (theory and simulate print them).
    if (typeof candidate.model === 'string' && models[candidate.model as ModelId]?.kind === 'committee') {
      problems.push('sweep: the committee machine is not swept yet; run theory or simulate at each value');
    }
    const sweep = parseSweepArguments(candidate, given);
    if (!sweep.ok) problems.push(...sweep.problems);
    if (problems.length > 0 || !sweep.ok) return { ok: false, problems };
    return { ok: true, command, params: sweep.plan.points[0], format, algorithm, continuous: false, sweep: sweep.plan, simulate, threads };
  }

  const validation = validateParams(candidate);
  if (!validation.ok) {
    for (const problem of validation.problems) {
      const message = problemMessage(problem.name, problem.message, given);
      if (message !== null) problems.push(message);
    }
  } else if (command === 'linear-exact') {
    for (const message of linearExactProblems(validation.params)) problems.push(`linear-exact: ${message}`);
  }

  if (problems.length > 0 || command === null || !validation.ok) return { ok: false, problems };
  const continuous = given.has(optionFlags.continuous.name);
  return { ok: true, command, params: validation.params, format, algorithm, continuous, sweep: null, simulate: false, threads };
}
