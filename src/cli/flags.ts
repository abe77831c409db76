/**
 * The command-line vocabulary: commands, output formats and every flag with the Params key it sets.
 * One table read by both the parser (args.ts) and the help text (help.ts), so they cannot drift apart.
 */
import type { Params } from '../core/params';

export type Command = 'theory' | 'simulate' | 'linear-exact';
export const commands: readonly Command[] = ['theory', 'simulate', 'linear-exact'];

export type OutputFormat = 'json' | 'csv';
export const outputFormats: readonly OutputFormat[] = ['json', 'csv'];

/** A flag that sets one field of Params. */
export interface ParamFlag {
  /** Spelling on the command line, without the leading dashes. */
  name: string;
  key: keyof Params;
  /** One line for the help text. */
  description: string;
  /** Commands whose result depends on this value (the others accept it and echo it in params). */
  usedBy: readonly Command[];
}

const allCommands = commands;
const models: readonly Command[] = ['theory', 'simulate'];

export const paramFlags: readonly ParamFlag[] = [
  { name: 'model', key: 'model', description: 'loss and teacher (linear-exact: linear only, the default there)', usedBy: allCommands },
  { name: 'alpha', key: 'alpha', description: 'sample ratio α = n/d', usedBy: allCommands },
  { name: 'batch-fraction', key: 'batchFraction', description: 'batch fraction b = B/n; 1 is gradient descent', usedBy: allCommands },
  { name: 'step', key: 'step', description: 'step size h in continuous-time units; κ² = h(1 − b)/b', usedBy: allCommands },
  { name: 'ridge', key: 'ridge', description: 'ridge strength λ', usedBy: allCommands },
  { name: 'horizon', key: 'horizon', description: 'time horizon T', usedBy: allCommands },
  { name: 'beta', key: 'beta', description: 'logistic teacher sharpness β; inf (or Infinity) is the sign teacher', usedBy: models },
  { name: 'label-noise', key: 'labelNoise', description: 'label noise σ_ε of the linear teacher', usedBy: allCommands },
  { name: 'init-scale', key: 'initScale', description: 'initial weights θ(0) = σ₀ g (linear-exact: 0 only)', usedBy: models },
  { name: 'dt', key: 'dt', description: 'grid step Δt ≤ h of the theory and the SGF simulation; "step" (default) means Δt = h', usedBy: allCommands },
  { name: 'samples', key: 'samples', description: 'Monte-Carlo trajectories N of the DMFT', usedBy: ['theory'] },
  { name: 'response-samples', key: 'responseSamples', description: 'trajectories used by the pathwise response estimator (≤ samples)', usedBy: ['theory'] },
  { name: 'estimator', key: 'estimator', description: 'response estimator of the DMFT', usedBy: ['theory'] },
  { name: 'sampling', key: 'sampling', description: 'minibatch sampling of SGD: independent uniform batches or epoch shuffles', usedBy: ['simulate'] },
  { name: 'dim', key: 'dim', description: 'dimension d of the simulations', usedBy: ['simulate'] },
  { name: 'seeds', key: 'seeds', description: 'independent simulation seeds averaged over', usedBy: ['simulate'] },
  { name: 'seed', key: 'seed', description: 'master seed (theory and simulations are deterministic functions of it)', usedBy: models },
];

/** Flags that are not Params fields. */
export const optionFlags = {
  algo: { name: 'algo', description: 'algorithm simulated: sgf (Euler–Maruyama SGF), sgd (minibatch SGD) or gd', usedBy: ['simulate'] as const },
  format: { name: 'format', description: 'output format on stdout', usedBy: allCommands },
  continuous: {
    name: 'continuous',
    description: 'switch, no value: solve the continuous-time SGF (Volterra equations) instead of the Δt chain',
    usedBy: ['linear-exact'] as const,
  },
  help: { name: 'help', description: 'print this help (as does running with no command)', usedBy: allCommands },
} as const;

/** Value of --dt that means "Δt = h" (Params.dt = null). */
export const dtFollowsStep = 'step';

/** Flag spelling of a Params key, for messages. */
export function flagOfKey(key: keyof Params): string {
  const flag = paramFlags.find((candidate) => candidate.key === key);
  return `--${flag ? flag.name : key}`;
}
