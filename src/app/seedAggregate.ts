/**
 * The streamed rows of one simulated algorithm, seed by seed, and their mean ± standard error over the seeds
 * (src/core/sim/seedStatistics.ts: the same numbers as `cli simulate` and the exports). Each seed and the mean and
 * error have preallocated columns (seriesColumns.ts); a batch recomputes only the rows it touched, in seed order.
 */
import { earliestDivergence, summarizeRow, valueNames } from '../core/sim/seedStatistics';
import type { Divergence } from '../core/series';
import { grownColumns, SeriesColumns, valueColumns, viewsOf, type ColumnViews } from './seriesColumns';

export { valueNames, type ValueName } from '../core/sim/seedStatistics';

/** The seed mean so far, truncated at the earliest divergence, as views of the preallocated columns. */
export interface SeedMeanViews {
  length: number;
  t: Float64Array;
  mean: ColumnViews['values'];
  standardError: ColumnViews['values'];
  diverged: Divergence | null;
}

export class SeedAggregate {
  private readonly seeds: (SeriesColumns | null)[] = [];
  // Row k of the mean, with t and its standard error; `rows` is one past the last row any seed reached.
  private t: Float64Array;
  private mean: ColumnViews['values'];
  private standardError: ColumnViews['values'];
  private rows = 0;

  /** `expectedRows`: rows of a complete seed, what the columns are allocated for (they grow past it if need be). */
  constructor(private readonly expectedRows = 0) {
    const capacity = Math.max(1, expectedRows);
    this.t = new Float64Array(capacity);
    this.mean = valueColumns(capacity);
    this.standardError = valueColumns(capacity);
  }

  /** Adds a packed batch of seed `seedIndex`'s rows, the first of which has index `firstIndex` in its stream. */
  add(seedIndex: number, firstIndex: number, rows: Float64Array): void {
    const seed = this.seed(seedIndex);
    const { from, to } = seed.add(firstIndex, rows);
    if (to > this.t.length) this.grow(seed.t.length);
    for (let k = from; k < to; k++) {
      this.t[k] = seed.t[k];
      for (const name of valueNames) summarizeRow(this.seeds, name, k, this.mean[name], this.standardError[name]);
    }
    this.rows = Math.max(this.rows, to);
  }

  /** Records where seed `seedIndex` diverged. */
  end(seedIndex: number, diverged: Divergence | null): void {
    this.seed(seedIndex).diverged = diverged;
  }

  /** Mean and standard error of the rows so far, truncated at the earliest divergence (views, not copies). */
  view(): SeedMeanViews {
    const diverged = earliestDivergence(this.seeds);
    let rows = this.rows;
    if (diverged) while (rows > 0 && this.t[rows - 1] >= diverged.at) rows--;
    const { t, values } = viewsOf(rows, this.t, this.mean);
    return { length: rows, t, mean: values, standardError: viewsOf(rows, this.t, this.standardError).values, diverged };
  }

  private seed(seedIndex: number): SeriesColumns {
    while (this.seeds.length <= seedIndex) this.seeds.push(null);
    return (this.seeds[seedIndex] ??= new SeriesColumns(this.expectedRows));
  }

  /** Mean and error columns as long as the longest seed's (only when a seed outgrows the expected rows). */
  private grow(capacity: number): void {
    const t = new Float64Array(capacity);
    t.set(this.t);
    this.t = t;
    this.mean = grownColumns(this.mean, capacity);
    this.standardError = grownColumns(this.standardError, capacity);
  }
}
