/**
 * The command-line vocabulary: commands, output formats and every flag with the Params key it sets.
 * One table read by both the parser (args.ts) and the help text (help.ts), so they cannot drift apart.
 */
import { modelsWith } from '../core/models';
import type { Params } from '../core/params';
import { flagRows, type Computation } from '../core/paramTable';

export type Command = 'theory' | 'simulate' | 'linear-exact' | 'sweep';
export const commands: readonly Command[] = ['theory', 'simulate', 'linear-exact', 'sweep'];

export { outputFormats, type OutputFormat } from '../core/report';

/** A flag that sets one field of Params (a row of paramTable.ts that has a flag). */
export interface ParamFlag {
  /** `--name` on the command line, `name=` in a URL query. */
  name: string;
  key: keyof Params;
  /** One line for the help text. */
  description: string;
  /** Commands whose result depends on this value (the others accept it and echo it in params). */
  usedBy: readonly Command[];
}

const allCommands = commands;

/** What each command computes: a flag is used by the commands that compute something it applies to. */
const commandComputations: Readonly<Record<Command, readonly Computation[]>> = {
  theory: ['dmft', 'online'],
  simulate: ['simulation'],
  'linear-exact': ['exact'],
  sweep: ['dmft', 'online', 'simulation'],
};

/** CLI-specific notes appended to the table's descriptions: what linear-exact (theory.md §8) accepts. */
const cliNotes: Partial<Record<keyof Params, () => string>> = {
  model: () => ` (linear-exact: ${modelsWith((model) => model.exactTheory).join(', ')} only, the default there)`,
  initScale: () => ' (linear-exact: 0 only)',
  initOverlap: () => ' (linear-exact: 0 only)',
};

export const paramFlags: readonly ParamFlag[] = flagRows.map((row) => ({
  name: row.flag,
  key: row.key,
  description: row.description + (cliNotes[row.key]?.() ?? ''),
  usedBy: commands.filter((command) => commandComputations[command].some((computation) => row.appliesTo.computations.includes(computation))),
}));

/** Flags that are not Params fields. */
export const optionFlags = {
  algo: {
    name: 'algo',
    description:
      'theory: the dynamics the theory describes, sgf (the DMFT of the paper\'s SGF), sgd (the DMFT of minibatch SGD itself, with --sampling, at Δt = h), gd, or online (the one-pass limit, deterministic, at τ = h/(bα)); simulate (and sweep --simulate): sgf (Euler–Maruyama SGF), sgd (minibatch SGD, with --sampling), gd, or online (one-pass SGD on B = round(bαd) fresh samples per step)',
    usedBy: ['theory', 'simulate', 'sweep'] as const,
  },
  format: { name: 'format', description: 'output format on stdout', usedBy: allCommands },
  continuous: {
    name: 'continuous',
    description: 'switch, no value: solve the continuous-time SGF (Volterra equations) instead of the Δt chain',
    usedBy: ['linear-exact'] as const,
  },
  param: { name: 'param', description: 'the parameter a sweep varies, by its flag name', usedBy: ['sweep'] as const },
  values: { name: 'values', description: 'the values of the swept parameter, comma-separated (each checked like its flag)', usedBy: ['sweep'] as const },
  at: { name: 'at', description: 'time at which a sweep reads every run (the nearest grid point)', usedBy: ['sweep'] as const },
  simulate: {
    name: 'simulate',
    description: 'switch, no value: a sweep also simulates each value at finite d (--algo, --dim, --seeds), with standard errors',
    usedBy: ['sweep'] as const,
  },
  threads: {
    name: 'threads',
    description:
      'threads the theory runs on (a runtime option, not a parameter: every number of the output is the same for every count; not in params)',
    usedBy: ['theory'] as const,
  },
  help: { name: 'help', description: 'print this help (as does running with no command)', usedBy: allCommands },
} as const;

/** Most threads `--threads` accepts (more than any machine the CLI is likely to run on has cores). */
export const maxThreads = 256;

/** Flag spelling of a Params key, for messages. */
export function flagOfKey(key: keyof Params): string {
  const flag = paramFlags.find((candidate) => candidate.key === key);
  return `--${flag ? flag.name : key}`;
}
