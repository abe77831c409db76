/**
 * The parameters in which one run differs from another, as short text ("b = 1, h = 0.5"): a pinned run's
 * label says how it differs from the current one. Keys, symbols and their order are paramTable.ts'.
 */
import type { Params } from './params';
import { flagRows, paramTable, type ParamRow } from './paramTable';
import { formatNumberText } from './paramText';

export interface ParamDifference {
  key: keyof Params;
  /** "b = 1". */
  text: string;
}

function valueText(row: ParamRow, params: Params): string {
  const value = params[row.key];
  if (value === null && row.type === 'followingNumber') return paramTable[row.follows].symbol;
  if (value === Infinity) return '∞';
  return typeof value === 'number' ? formatNumberText(value) : String(value);
}

/** Every URL parameter whose value in `run` is not its value in `reference`, with `run`'s value. */
export function paramDifferences(run: Params, reference: Params): ParamDifference[] {
  return flagRows
    .filter(({ key }) => !Object.is(run[key], reference[key]))
    .map((row) => ({ key: row.key, text: `${row.symbol} = ${valueText(row, run)}` }));
}

/** `run`'s differing parameters joined ("b = 1, h = 0.5"), or `same` when there are none. */
export function describeDifferences(run: Params, reference: Params, same = 'same parameters'): string {
  const differences = paramDifferences(run, reference);
  return differences.length === 0 ? same : differences.map((difference) => difference.text).join(', ');
}
