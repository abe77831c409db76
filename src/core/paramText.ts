/**
 * Parameters as text: the external name of every Params field (the same in CLI flags and URL
 * queries), a one-line description (help text, tooltips), and the one number parser both use.
 */
import type { Params } from './params';

export interface ParamName {
  /** External spelling: `--name` on the command line, `name=` in a URL query. */
  name: string;
  key: keyof Params;
  /** One line for help texts and tooltips. */
  description: string;
}

export const paramNames: readonly ParamName[] = [
  { name: 'model', key: 'model', description: 'loss and teacher: logistic or linear' },
  { name: 'alpha', key: 'alpha', description: 'sample ratio α = n/d' },
  { name: 'batch-fraction', key: 'batchFraction', description: 'batch fraction b = B/n; 1 is gradient descent' },
  { name: 'step', key: 'step', description: 'step size h in continuous-time units; κ² = h(1 − b)/b' },
  { name: 'ridge', key: 'ridge', description: 'ridge strength λ' },
  { name: 'horizon', key: 'horizon', description: 'time horizon T' },
  { name: 'beta', key: 'beta', description: 'logistic teacher sharpness β; inf (or Infinity) is the sign teacher' },
  { name: 'label-noise', key: 'labelNoise', description: 'label noise σ_ε of the linear teacher' },
  { name: 'init-scale', key: 'initScale', description: 'initial weights θ(0) = σ₀ g' },
  { name: 'dt', key: 'dt', description: 'grid step Δt ≤ h of the theory and the SGF simulation; "step" (default) means Δt = h' },
  { name: 'samples', key: 'samples', description: 'Monte-Carlo trajectories N of the DMFT' },
  { name: 'response-samples', key: 'responseSamples', description: 'trajectories used by the pathwise response estimator (≤ samples)' },
  { name: 'estimator', key: 'estimator', description: 'response estimator of the DMFT' },
  { name: 'sampling', key: 'sampling', description: 'minibatch sampling of SGD: independent uniform batches or epoch shuffles' },
  { name: 'theory-algorithm', key: 'theoryAlgorithm', description: 'dynamics the theory describes: sgf, sgd (minibatch SGD at Δt = h, following sampling) or gd (b = 1)' },
  { name: 'dim', key: 'dim', description: 'dimension d of the simulations' },
  { name: 'seeds', key: 'seeds', description: 'independent simulation seeds averaged over' },
  { name: 'seed', key: 'seed', description: 'master seed (theory and simulations are deterministic functions of it)' },
];

/** Value of `dt` that means "Δt = h" (Params.dt = null). */
export const dtFollowsStep = 'step';

/** Decimal numbers only: "", "0x10", "1_000" and "12abc" are not numbers here (Number() would accept some). */
const decimalNumber = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const infinity = /^[+-]?inf(inity)?$/i;

/** Text → number, or the text itself when it is not one (so the validator reports it as such). */
export function parseNumberText(text: string): number | string {
  if (decimalNumber.test(text)) return Number(text);
  if (infinity.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return text;
}

/** Number → text that parseNumberText reads back exactly (Infinity as "inf"). */
export function formatNumberText(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}
