/**
 * Mean over simulation seeds and standard error of that mean, row by row: the one rule that the CLI's
 * `simulate`, the app's live curves and its exports share, so that they print the same numbers.
 *
 * - Row k averages the seeds that reached it, in seed order (so the result does not depend on the order in
 *   which seeds finished); the standard error is the sample standard deviation over √(seeds), 0 for one seed
 *   (NaN where the values are: the error columns of a regression model).
 * - A divergence truncates: rows at or after the earliest divergence of any seed are left out, since the
 *   surviving seeds alone would give a biased mean there.
 */
import { seriesNames, type Divergence, type SeriesName } from '../series';

/** Observable columns (everything but time). */
export type ValueName = Exclude<SeriesName, 't'>;
export const valueNames: readonly ValueName[] = seriesNames.filter((name): name is ValueName => name !== 't');

/** The rows of one seed so far, column by column (N: the observable names; the single-index ones by default). */
export interface SeedColumns<N extends string = ValueName> {
  t: ArrayLike<number>;
  values: Record<N, ArrayLike<number>>;
  /** Rows recorded so far. */
  length: number;
  /** Where the seed diverged, if it did. */
  diverged: Divergence | null;
}

export interface SeedSummary<N extends string = ValueName> {
  /** Time of each row (continuous-time units). */
  t: Float64Array;
  mean: Record<N, Float64Array>;
  standardError: Record<N, Float64Array>;
  /** Seeds that contributed to each row. */
  counts: Float64Array;
  /** Earliest divergence among the seeds. */
  diverged: Divergence | null;
}

/** Earliest divergence among the seeds, or null. */
export function earliestDivergence(seeds: readonly ({ diverged: Divergence | null } | null)[]): Divergence | null {
  let earliest: Divergence | null = null;
  for (const seed of seeds) if (seed?.diverged && (!earliest || seed.diverged.at < earliest.at)) earliest = { at: seed.diverged.at };
  return earliest;
}

/**
 * Mean ± standard error of the seeds (null: not started) on every row some seed reached before the earliest divergence,
 * for the observables `names` (the single-index series by default; the committee's in committee/simulate.ts).
 */
export function summarizeSeeds<N extends string = ValueName>(
  seeds: readonly (SeedColumns<N> | null)[],
  names: readonly N[] = valueNames as readonly string[] as readonly N[],
): SeedSummary<N> {
  const diverged = earliestDivergence(seeds);
  const present = seeds.filter((seed): seed is SeedColumns<N> => seed !== null && seed.length > 0);
  const longest = present.reduce((most, seed) => (seed.length > most.length ? seed : most), present[0]);
  let rows = longest ? longest.length : 0;
  if (diverged && longest) while (rows > 0 && longest.t[rows - 1] >= diverged.at) rows--;

  const t = new Float64Array(rows);
  const counts = new Float64Array(rows);
  for (let k = 0; k < rows; k++) {
    t[k] = longest.t[k];
    for (const seed of present) if (k < seed.length) counts[k]++;
  }
  const mean = {} as Record<N, Float64Array>;
  const standardError = {} as Record<N, Float64Array>;
  for (const name of names) {
    mean[name] = new Float64Array(rows);
    standardError[name] = new Float64Array(rows);
    for (let k = 0; k < rows; k++) summarizeRow(present, name, k, mean[name], standardError[name]);
  }
  return { t, mean, standardError, counts, diverged };
}

/**
 * Row k of observable `name`: writes into mean[k] and standardError[k] the mean of the seeds that reached row k, in
 * seed order, and the standard error of that mean (two-pass); the app updates only the rows a batch touched with it.
 */
export function summarizeRow<N extends string>(
  seeds: readonly (SeedColumns<N> | null)[],
  name: N,
  k: number,
  mean: { [k: number]: number },
  standardError: { [k: number]: number },
): void {
  let sum = 0;
  let n = 0;
  for (const seed of seeds) {
    if (seed && k < seed.length) {
      sum += seed.values[name][k];
      n++;
    }
  }
  const average = sum / n;
  let squares = 0;
  for (const seed of seeds) if (seed && k < seed.length) squares += (seed.values[name][k] - average) ** 2;
  mean[k] = average;
  standardError[k] = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Number.isNaN(average) ? Number.NaN : 0;
}
