/**
 * The values each prominent slider steps through: "nice" numbers spaced roughly evenly on a
 * log scale (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade), so one arrow key press is one
 * readable, meaningful change from small to large values alike.
 */
import { ranges, type NumericKey } from '../../core/params';

const mantissas = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/** Nice numbers from `min` to `max` inclusive. */
export function niceLadder(min: number, max: number): number[] {
  const values: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent++) {
    for (const mantissa of mantissas) {
      const value = Number((mantissa * 10 ** exponent).toPrecision(6));
      if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) values.push(value);
    }
  }
  return values;
}

/** Index of the ladder value closest to `value` (on a log scale). */
export function nearestIndex(ladder: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < ladder.length; i++) {
    if (Math.abs(Math.log(ladder[i] / value)) < Math.abs(Math.log(ladder[best] / value))) best = i;
  }
  return best;
}

const ladders = new Map<NumericKey, readonly number[]>();

/** The ladder of a parameter's slider: nice numbers across its range (paramTable.ts). */
export function ladderOf(key: NumericKey): readonly number[] {
  let ladder = ladders.get(key);
  if (ladder === undefined) ladders.set(key, (ladder = niceLadder(ranges[key].min, ranges[key].max)));
  return ladder;
}

export const alphaLadder = ladderOf('alpha');
export const batchFractionLadder = ladderOf('batchFraction');
export const stepLadder = ladderOf('step');

/**
 * The indices of `ladder` a slider offers: from the first to the last value that `runs` (the validator's
 * verdict at the other parameters as they are), so a drag never reaches a value that would be refused.
 * The whole ladder when no value runs.
 */
export function usableRange(ladder: readonly number[], runs: (value: number) => boolean): { first: number; last: number } {
  let first = -1;
  let last = -1;
  ladder.forEach((value, index) => {
    if (!runs(value)) return;
    if (first < 0) first = index;
    last = index;
  });
  return first < 0 ? { first: 0, last: ladder.length - 1 } : { first, last };
}
