/**
 * The theories' Monte-Carlo bands of one run (protocol.ts BandMessage, core/dmft/replicas.ts): per theory, the
 * standard error of each observable of its line, row by row. Drawn only with a line of the same run.
 */
import { columnCount, type BandMessage, type TheorySource } from '../pipeline/protocol';
import { valueNames, type ValueName } from './seedAggregate';

export interface BandSnapshot {
  runId: number;
  source: TheorySource;
  /** Row times, `length` of them. */
  t: Float64Array;
  length: number;
  /** Standard error of the line, per observable and row. */
  standardError: Record<ValueName, Float64Array>;
  /** Replicas so far, of `plannedReplicas` (the band is refined after each). */
  replicas: number;
  plannedReplicas: number;
  replicaSamples: number;
}

export type BandSnapshots = Record<TheorySource, BandSnapshot | null>;

/** The snapshot of a band message of run `runId` (columns unpacked). */
export function bandSnapshotOf(message: BandMessage & { source: TheorySource }, runId: number): BandSnapshot {
  const width = columnCount - 1;
  const length = message.t.length;
  const standardError = Object.fromEntries(
    valueNames.map((name, v) => [name, Float64Array.from({ length }, (_, k) => message.standardErrors[k * width + v])]),
  ) as Record<ValueName, Float64Array>;
  return { runId, source: message.source, t: message.t, length, standardError, replicas: message.replicas, plannedReplicas: message.plannedReplicas, replicaSamples: message.replicaSamples };
}

