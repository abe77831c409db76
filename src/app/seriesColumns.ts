/**
 * The columns of one streamed series (a theory, the exact overlay, or one simulation seed): t and every observable,
 * each one Float64Array preallocated to the rows the run is expected to have (runResults.ts expectedRowsOf), filled
 * in place as batches arrive. Snapshots are subarray views of the rows so far, never copies.
 */
import type { Divergence } from '../core/series';
import { valueNames, type ValueName } from '../core/sim/seedStatistics';
import { columnCount, packedRowCount } from '../pipeline/protocol';

/** The rows so far of a series' columns, as views (no copies): t and each observable, `length` rows. */
export interface ColumnViews {
  length: number;
  t: Float64Array;
  values: Record<ValueName, Float64Array>;
}

/** Views of the first `length` rows of `t` and `values`. */
export function viewsOf(length: number, t: Float64Array, values: Record<ValueName, Float64Array>): ColumnViews {
  const views = {} as Record<ValueName, Float64Array>;
  for (const name of valueNames) views[name] = values[name].subarray(0, length);
  return { length, t: t.subarray(0, length), values: views };
}

/** A Float64Array of `capacity` per observable. */
export function valueColumns(capacity: number): Record<ValueName, Float64Array> {
  return Object.fromEntries(valueNames.map((name) => [name, new Float64Array(capacity)])) as Record<ValueName, Float64Array>;
}

/** Copies `columns` into arrays of `capacity` (only when a series outgrows what was expected). */
export function grownColumns(columns: Record<ValueName, Float64Array>, capacity: number): Record<ValueName, Float64Array> {
  const grown = valueColumns(capacity);
  for (const name of valueNames) grown[name].set(columns[name]);
  return grown;
}

/** One series' preallocated columns, filled by packed row batches (protocol.ts). */
export class SeriesColumns {
  t: Float64Array;
  values: Record<ValueName, Float64Array>;
  /** Rows written so far (one past the last row index received). */
  length = 0;
  /** Where the series diverged, if it did. */
  diverged: Divergence | null = null;

  constructor(expectedRows: number) {
    const capacity = Math.max(1, expectedRows);
    this.t = new Float64Array(capacity);
    this.values = valueColumns(capacity);
  }

  /** Writes a packed batch whose first row has index `firstIndex`; returns the rows it covers. */
  add(firstIndex: number, rows: Float64Array): { from: number; to: number } {
    const rowCount = packedRowCount(rows);
    const to = firstIndex + rowCount;
    if (to > this.t.length) this.grow(Math.max(to, 2 * this.t.length));
    if (firstIndex > this.length) this.fill(Number.NaN, this.length, firstIndex); // a row never received is not drawn
    for (let r = 0; r < rowCount; r++) {
      const base = r * columnCount;
      this.t[firstIndex + r] = rows[base]; // column 0 is t
      for (let v = 0; v < valueNames.length; v++) this.values[valueNames[v]][firstIndex + r] = rows[base + v + 1];
    }
    this.length = Math.max(this.length, to);
    return { from: firstIndex, to };
  }

  /** Views of the rows so far. */
  views(): ColumnViews {
    return viewsOf(this.length, this.t, this.values);
  }

  private fill(value: number, from: number, to: number): void {
    this.t.fill(value, from, to);
    for (const name of valueNames) this.values[name].fill(value, from, to);
  }

  private grow(capacity: number): void {
    const t = new Float64Array(capacity);
    t.set(this.t);
    this.t = t;
    this.values = grownColumns(this.values, capacity);
  }
}
