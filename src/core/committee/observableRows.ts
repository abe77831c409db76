/**
 * The committee DMFT in the single-index columns (observableRow.ts): a row generator and result as the line plots'
 * consumers of dmftRows expect, e.g. the replicas of a theory's Monte-Carlo band (dmft/replicas.ts).
 */
import type { Params } from '../params';
import { appendRow, emptyTable, type IndexedRow, type SeriesTable } from '../series';
import type { Divergence } from '../series';
import { committeeObservableRow } from './observableRow';
import { committeeRows } from './solver';

export function* committeeObservableRows(params: Params, options: { shouldStop?: () => boolean } = {}): Generator<IndexedRow, { params: Params; table: SeriesTable; diverged: Divergence | null }, void> {
  const table = emptyTable();
  const rows = committeeRows(params, { shouldStop: options.shouldStop });
  for (let next = rows.next(); ; next = rows.next()) {
    if (next.done) return { params, table, diverged: next.value.diverged };
    const row = committeeObservableRow(next.value.row, params.hidden, params.teacherHidden);
    appendRow(table, row);
    yield { row, k: next.value.k };
  }
}
