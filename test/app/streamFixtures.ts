/** Builders of streamed messages for the app tests. */
import type { ObservableRow } from '../../src/core/series';
import { packRows, type EndMessage, type RowsMessage, type SourceKind } from '../../src/pipeline/protocol';

/** A plausible row at time t, with every observable shifted by `offset`. */
export function row(t: number, offset = 0): ObservableRow {
  return {
    t,
    trainLoss: 0.7 - 0.02 * t + offset,
    trainError: 0.4 + offset,
    testLoss: 0.72 - 0.01 * t + offset,
    testError: 0.45 + offset,
    q: 0.1 * t + offset,
    m: 0.05 * t + offset,
    cosine: 0.5 + offset,
  };
}

/** A rows message of `count` rows from time index `firstIndex` on (Δt = 0.1). */
export function rowsMessage(runId: number, source: SourceKind, count: number, options: { firstIndex?: number; seedIndex?: number; offset?: number } = {}): RowsMessage {
  const firstIndex = options.firstIndex ?? 0;
  const rows = Array.from({ length: count }, (_, r) => row(0.1 * (firstIndex + r), options.offset ?? 0));
  return { type: 'rows', runId, source, seedIndex: options.seedIndex ?? 0, firstIndex, rows: packRows(rows) };
}

export function endMessage(runId: number, source: SourceKind, seedIndex = 0, divergedAt: number | null = null): EndMessage {
  return { type: 'end', runId, source, seedIndex, rowCount: 0, diverged: divergedAt === null ? null : { at: divergedAt } };
}
