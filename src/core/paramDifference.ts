/**
 * The parameters in which one run differs from another, as short text ("b = 1, h = 0.5"): a pinned run's
 * label says how it differs from the current one. Keys and their order are paramNames' (src/core/paramText.ts).
 */
import type { Params } from './params';
import { formatNumberText, paramNames } from './paramText';

/** The symbol each parameter has in the figures and theory.md. */
export const paramSymbols: Readonly<Record<keyof Params, string>> = {
  model: 'model',
  alpha: 'α',
  batchFraction: 'b',
  step: 'h',
  ridge: 'λ',
  horizon: 'T',
  beta: 'β',
  labelNoise: 'σ_ε',
  initScale: 'σ₀',
  initOverlap: 'ε',
  dt: 'Δt',
  samples: 'N',
  responseSamples: 'N_R',
  estimator: 'estimator',
  sampling: 'sampling',
  dim: 'd',
  seeds: 'seeds',
  seed: 'seed',
  theoryAlgorithm: 'theory',
};

export interface ParamDifference {
  key: keyof Params;
  /** "b = 1". */
  text: string;
}

function valueText(key: keyof Params, params: Params): string {
  const value = params[key];
  if (key === 'dt' && value === null) return 'h';
  if (key === 'beta' && value === Infinity) return '∞';
  return typeof value === 'number' ? formatNumberText(value) : String(value);
}

/** Every URL parameter whose value in `run` is not its value in `reference`, with `run`'s value. */
export function paramDifferences(run: Params, reference: Params): ParamDifference[] {
  return paramNames
    .filter(({ key }) => !Object.is(run[key], reference[key]))
    .map(({ key }) => ({ key, text: `${paramSymbols[key]} = ${valueText(key, run)}` }));
}

/** `run`'s differing parameters joined ("b = 1, h = 0.5"), or `same` when there are none. */
export function describeDifferences(run: Params, reference: Params, same = 'same parameters'): string {
  const differences = paramDifferences(run, reference);
  return differences.length === 0 ? same : differences.map((difference) => difference.text).join(', ');
}
