/**
 * Observable series shared by the theory, the simulations, the CLI, the plots and the exports.
 * Names are the same everywhere (design.md): t, trainLoss, trainError, testLoss, testError, q, m, cosine.
 */

export const seriesNames = ['t', 'trainLoss', 'trainError', 'testLoss', 'testError', 'q', 'm', 'cosine'] as const;
export type SeriesName = (typeof seriesNames)[number];

/** Observables at one time t (continuous-time units). Error fields are NaN for a regression model. */
export type ObservableRow = Record<SeriesName, number>;

/** One streamed row and its index k on its grid. */
export interface IndexedRow {
  row: ObservableRow;
  k: number;
}

/** How a caller follows a run row by row and stops it early (the simulations and the one-pass map). */
export interface RowStreamOptions {
  /** Called with each recorded row (k-th recorded step, time t in continuous-time units). */
  onRow?: (row: ObservableRow, k: number) => void;
  /** Polled once per step; true stops the run early (the result holds the rows so far). */
  shouldStop?: () => boolean;
}

/** Column-oriented table of rows; every column has the same length. */
export type SeriesTable = Record<SeriesName, number[]>;

/** Where a run stopped because its values became non-finite or exploded. */
export interface Divergence {
  /** Time t of the first invalid row (continuous-time units); rows before it are kept. */
  at: number;
}

export function emptyTable(): SeriesTable {
  return { t: [], trainLoss: [], trainError: [], testLoss: [], testError: [], q: [], m: [], cosine: [] };
}

export function appendRow(table: SeriesTable, row: ObservableRow): void {
  for (const name of seriesNames) table[name].push(row[name]);
}

/** Value of |q| beyond which a run is called divergent (typical values are O(1)–O(100)). */
export const divergenceThreshold = 1e8;

/** True when a row is finite where it must be (error columns may be NaN for regression) and not exploding. */
export function rowIsValid(row: ObservableRow): boolean {
  for (const name of ['t', 'trainLoss', 'testLoss', 'q', 'm'] as const) {
    const value = row[name];
    if (!Number.isFinite(value) || Math.abs(value) > divergenceThreshold) return false;
  }
  return true;
}
