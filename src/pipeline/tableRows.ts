/** The rows of a column-oriented series table, one ObservableRow each. */
import { seriesNames, type ObservableRow, type SeriesTable } from '../core/series';

export function* tableRows(table: SeriesTable): Generator<ObservableRow> {
  for (let k = 0; k < table.t.length; k++) {
    const row = {} as ObservableRow;
    for (const name of seriesNames) row[name] = table[name][k];
    yield row;
  }
}
