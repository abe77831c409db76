/**
 * The command-line vocabulary: commands, output formats and every flag with the Params key it sets.
 * One table read by both the parser (args.ts) and the help text (help.ts), so they cannot drift apart.
 */
import type { Params } from '../core/params';
import { dtFollowsStep, paramNames, type ParamName } from '../core/paramText';

export type Command = 'theory' | 'simulate' | 'linear-exact';
export const commands: readonly Command[] = ['theory', 'simulate', 'linear-exact'];

export { outputFormats, type OutputFormat } from '../core/report';

/** A flag that sets one field of Params. */
export interface ParamFlag extends ParamName {
  /** Commands whose result depends on this value (the others accept it and echo it in params). */
  usedBy: readonly Command[];
}

const allCommands = commands;
const models: readonly Command[] = ['theory', 'simulate'];

const usedBy: Partial<Record<keyof Params, readonly Command[]>> = {
  beta: models,
  initScale: models,
  samples: ['theory'],
  responseSamples: ['theory'],
  estimator: ['theory'],
  sampling: ['theory', 'simulate'],
  theoryAlgorithm: ['theory'],
  dim: ['simulate'],
  seeds: ['simulate'],
  seed: models,
};

/** CLI-specific notes appended to the shared descriptions. */
const cliNotes: Partial<Record<keyof Params, string>> = {
  model: ' (linear-exact: linear only, the default there)',
  initScale: ' (linear-exact: 0 only)',
};

export const paramFlags: readonly ParamFlag[] = paramNames.map((param) => ({
  ...param,
  description: param.description + (cliNotes[param.key] ?? ''),
  usedBy: usedBy[param.key] ?? allCommands,
}));

/** Flags that are not Params fields. */
export const optionFlags = {
  algo: {
    name: 'algo',
    description: 'algorithm simulated: sgf (Euler–Maruyama SGF), sgd (minibatch SGD) or gd; for theory, the same as --theory-algorithm',
    usedBy: ['theory', 'simulate'] as const,
  },
  format: { name: 'format', description: 'output format on stdout', usedBy: allCommands },
  continuous: {
    name: 'continuous',
    description: 'switch, no value: solve the continuous-time SGF (Volterra equations) instead of the Δt chain',
    usedBy: ['linear-exact'] as const,
  },
  help: { name: 'help', description: 'print this help (as does running with no command)', usedBy: allCommands },
} as const;

export { dtFollowsStep };

/** Flag spelling of a Params key, for messages. */
export function flagOfKey(key: keyof Params): string {
  const flag = paramFlags.find((candidate) => candidate.key === key);
  return `--${flag ? flag.name : key}`;
}
