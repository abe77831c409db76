/**
 * Streaming mean ± standard error over simulation seeds, row by row on the common time grid.
 * O(1) per received value: running sums and sums of squares per row index.
 */
import { seriesNames, type SeriesName } from '../core/series';
import { columnCount, packedRowCount } from './protocol';

/** Observable columns (everything but time). */
export type ValueName = Exclude<SeriesName, 't'>;
export const valueNames: readonly ValueName[] = seriesNames.filter((name): name is ValueName => name !== 't');

/** Column-oriented, immutable copy of a series prefix. */
export interface AggregateView {
  /** Time t of each row (continuous-time units). */
  t: Float64Array;
  /** Mean over the seeds that reached each row. */
  mean: Record<ValueName, Float64Array>;
  /** Standard error of that mean (0 where fewer than two seeds contributed). */
  standardError: Record<ValueName, Float64Array>;
  /** Seeds that contributed to each row. */
  counts: Float64Array;
}

export class SeedAggregate {
  private readonly times: number[] = [];
  private readonly counts: number[] = [];
  private readonly sums: number[][] = valueNames.map(() => []);
  private readonly squareSums: number[][] = valueNames.map(() => []);

  /** Rows on the grid so far (the longest seed). */
  get length(): number {
    return this.times.length;
  }

  /** Adds a packed batch of one seed's rows, the first of which has index `firstIndex` in that seed's stream. */
  add(firstIndex: number, rows: Float64Array): void {
    const rowCount = packedRowCount(rows);
    for (let r = 0; r < rowCount; r++) {
      const k = firstIndex + r;
      const base = r * columnCount;
      while (this.times.length <= k) {
        this.times.push(Number.NaN);
        this.counts.push(0);
        for (let v = 0; v < valueNames.length; v++) {
          this.sums[v].push(0);
          this.squareSums[v].push(0);
        }
      }
      if (Number.isNaN(this.times[k])) this.times[k] = rows[base]; // column 0 is t
      this.counts[k] += 1;
      for (let v = 0; v < valueNames.length; v++) {
        const value = rows[base + v + 1];
        this.sums[v][k] += value;
        this.squareSums[v][k] += value * value;
      }
    }
  }

  /** Mean and standard error of rows with t < `before` (all rows when omitted). */
  view(before: number = Infinity): AggregateView {
    let length = 0;
    while (length < this.times.length && this.times[length] < before) length++;
    const mean = {} as Record<ValueName, Float64Array>;
    const standardError = {} as Record<ValueName, Float64Array>;
    valueNames.forEach((name, v) => {
      const means = new Float64Array(length);
      const errors = new Float64Array(length);
      for (let k = 0; k < length; k++) {
        const n = this.counts[k];
        const average = this.sums[v][k] / n;
        means[k] = average;
        const variance = n > 1 ? Math.max(0, (this.squareSums[v][k] - n * average * average) / (n - 1)) : 0;
        errors[k] = Math.sqrt(variance / n);
      }
      mean[name] = means;
      standardError[name] = errors;
    });
    return {
      t: Float64Array.from(this.times.slice(0, length)),
      mean,
      standardError,
      counts: Float64Array.from(this.counts.slice(0, length)),
    };
  }
}
