/**
 * What a sweep varies and shows (issue 12 item 4): the parameter, its values, the quantity plotted, the time it
 * is read at, and the simulated algorithm drawn beside the theory. The values text takes a list ("0.5, 1, 2, 4")
 * or a range "from:to:count" (linear) / "from:to:count:log" (geometric). In the URL as `sweep-param`,
 * `sweep-values`, `sweep-of`, `sweep-at` and `sweep-sim` (written only where they differ from the defaults).
 */
import { paramRow } from '../../core/paramTable';
import type { Correction } from '../../core/urlCodec';
import { maxSweepValues, observableNames, type SweepKey } from '../../core/sweep';
import type { SimulatedAlgorithm } from '../../pipeline/protocol';

/** The sweep view's id (`data-panel`, `plots=`). */
export const sweepPanelId = 'sweep';

export type SweepQuantity = (typeof observableNames)[number];

export interface SweepSettings {
  key: SweepKey;
  values: readonly number[];
  quantity: SweepQuantity;
  /** Reading time (continuous-time units); null: each point's horizon. */
  at: number | null;
  /** Simulation drawn beside the theory (with error bars over seeds); null: the theory only. */
  algorithm: SimulatedAlgorithm | null;
}

export interface SweepChoice {
  key: SweepKey;
  /** Symbol on the axis and in the readout. */
  symbol: string;
  label: string;
  /** Values offered when this parameter is chosen. */
  values: readonly number[];
}

export const sweepChoices: readonly SweepChoice[] = [
  { key: 'alpha', symbol: 'α', label: 'sample ratio α', values: [0.5, 1, 2, 4] },
  { key: 'batchFraction', symbol: 'b', label: 'batch fraction b', values: [0.05, 0.1, 0.2, 0.5, 1] },
  { key: 'step', symbol: 'h', label: 'step size h', values: [0.05, 0.1, 0.2, 0.4] },
  { key: 'ridge', symbol: 'λ', label: 'ridge λ', values: [0, 0.01, 0.1, 1] },
  { key: 'beta', symbol: 'β', label: 'teacher sharpness β', values: [0.5, 1, 2, 4] },
  { key: 'labelNoise', symbol: 'σ_ε', label: 'label noise σ_ε', values: [0, 0.25, 0.5, 1] },
  { key: 'horizon', symbol: 'T', label: 'horizon T', values: [2.5, 5, 10, 20] },
  { key: 'initScale', symbol: 'σ₀', label: 'initial scale σ₀', values: [0, 0.5, 1, 2] },
  { key: 'dt', symbol: 'Δt', label: 'grid step Δt', values: [0.025, 0.05, 0.1] },
];

export const quantityLabels: Readonly<Record<SweepQuantity, string>> = {
  trainLoss: 'train loss',
  trainError: 'train error',
  testLoss: 'test loss',
  testError: 'test error',
  q: 'norm q',
  m: 'overlap m',
  cosine: 'cosine m/√q',
};

export const defaultSweepSettings: Readonly<SweepSettings> = Object.freeze({ key: 'alpha', values: sweepChoices[0].values, quantity: 'testLoss', at: null, algorithm: 'sgd' });

export function sweepChoice(key: SweepKey): SweepChoice {
  return sweepChoices.find((choice) => choice.key === key)!;
}

/** The CLI flag (and URL) name of a swept key: `--param` of `cli sweep`. */
export function sweepFlagName(key: SweepKey): string {
  return paramRow(key).flag ?? key;
}

/** The swept key of a flag or key name, or undefined. */
export function sweepKeyOf(name: string): SweepKey | undefined {
  const wanted = name.trim();
  return sweepChoices.find((choice) => choice.key === wanted || sweepFlagName(choice.key) === wanted)?.key;
}

/** The values of a list "0.5, 1, 2" or a range "from:to:count[:log]", or why not. */
export function parseSweepValues(text: string): number[] | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'give values separated by commas, or a range from:to:count';
  if (trimmed.includes(':')) {
    const [from, to, count, spacing, ...rest] = trimmed.split(':').map((part) => part.trim());
    const [a, b, n] = [Number(from), Number(to), Number(count)];
    if (rest.length > 0 || ![a, b, n].every(Number.isFinite) || !Number.isInteger(n) || n < 2) return 'a range is from:to:count (count ≥ 2), optionally :log';
    if (n > maxSweepValues) return `at most ${maxSweepValues} values`;
    if (spacing === 'log') {
      if (!(a > 0 && b > 0)) return 'a log range needs from and to > 0';
      return Array.from({ length: n }, (_, i) => Number((a * (b / a) ** (i / (n - 1))).toPrecision(6)));
    }
    if (spacing !== undefined && spacing !== 'lin') return 'a range is from:to:count, optionally :log';
    return Array.from({ length: n }, (_, i) => Number((a + ((b - a) * i) / (n - 1)).toPrecision(12)));
  }
  const parts = trimmed.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  const bad = parts.findIndex((part, i) => part === '' || !Number.isFinite(values[i]));
  if (bad >= 0) return `value ${bad + 1} (“${parts[bad]}”) is not a number`;
  if (values.length > maxSweepValues) return `at most ${maxSweepValues} values`;
  return values;
}

export function formatSweepValues(values: readonly number[]): string {
  return values.map(String).join(', ');
}

const simulationNames: Record<string, SimulatedAlgorithm | null> = { sgf: 'sgf', sgd: 'sgd', none: null };
export const sweepUrlKeys = ['sweep-param', 'sweep-values', 'sweep-of', 'sweep-at', 'sweep-sim'] as const;

/** Sweep settings of a query, with a correction for every value that was replaced. */
export function readSweepSettings(search: URLSearchParams): { settings: SweepSettings; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const settings: SweepSettings = { ...defaultSweepSettings };
  const param = search.get('sweep-param');
  if (param !== null) {
    const key = sweepKeyOf(param);
    if (key) settings.key = key;
    else corrections.push({ name: 'sweep-param', given: param.slice(0, 40), used: sweepFlagName(settings.key), reason: `not one of ${sweepChoices.map((choice) => sweepFlagName(choice.key)).join(', ')}` });
    settings.values = sweepChoice(settings.key).values;
  }
  const valuesText = search.get('sweep-values');
  if (valuesText !== null) {
    const values = parseSweepValues(valuesText);
    if (typeof values === 'string') corrections.push({ name: 'sweep-values', given: valuesText.slice(0, 40), used: formatSweepValues(settings.values), reason: values });
    else settings.values = values;
  }
  const of = search.get('sweep-of');
  if (of !== null) {
    if ((observableNames as readonly string[]).includes(of)) settings.quantity = of as SweepQuantity;
    else corrections.push({ name: 'sweep-of', given: of.slice(0, 40), used: settings.quantity, reason: `not one of ${observableNames.join(', ')}` });
  }
  const at = search.get('sweep-at');
  if (at !== null && at !== 'last') {
    const value = Number(at);
    if (at.trim() !== '' && Number.isFinite(value) && value >= 0) settings.at = value;
    else corrections.push({ name: 'sweep-at', given: at.slice(0, 40), used: 'last', reason: 'not a time ≥ 0' });
  }
  const sim = search.get('sweep-sim');
  if (sim !== null) {
    if (sim in simulationNames) settings.algorithm = simulationNames[sim];
    else corrections.push({ name: 'sweep-sim', given: sim.slice(0, 40), used: settings.algorithm ?? 'none', reason: 'not one of sgf, sgd, none' });
  }
  return { settings, corrections };
}

/** Writes the settings that differ from the defaults into `search` (and removes the others). */
export function writeSweepSettings(settings: SweepSettings, search: URLSearchParams): void {
  for (const name of sweepUrlKeys) search.delete(name);
  if (settings.key !== defaultSweepSettings.key) search.set('sweep-param', sweepFlagName(settings.key));
  if (formatSweepValues(settings.values) !== formatSweepValues(sweepChoice(settings.key).values)) search.set('sweep-values', settings.values.join(','));
  if (settings.quantity !== defaultSweepSettings.quantity) search.set('sweep-of', settings.quantity);
  if (settings.at !== null) search.set('sweep-at', String(settings.at));
  if (settings.algorithm !== defaultSweepSettings.algorithm) search.set('sweep-sim', settings.algorithm ?? 'none');
}
