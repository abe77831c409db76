/**
 * The committee matrices of one run as they arrive (protocol.ts CommitteeMessage): each theory's q(t), M(t), and
 * each simulated algorithm's seed mean ± standard error (seedSums.ts), on the leading grid every seed received covers
 * (a diverged seed truncates it, as it truncates the line plots).
 */
import { committeeMatrixNames } from '../core/committee/series';
import type { CommitteeMessage } from '../pipeline/protocol';
import type { ViewSource } from './viewSources';
import { ViewResults } from './viewResults';

/** One source's matrices on its grid. */
export interface CommitteeSnapshot {
  runId: number;
  hidden: number;
  teacherHidden: number;
  /** Entry names, committeeMatrixNames order: the columns of `values`. */
  names: readonly string[];
  times: Float64Array;
  /** times.length × names.length, row-major (the seed mean for a simulation). */
  values: Float64Array;
  /** Standard error of the seed mean (two seeds or more), else null. */
  standardErrors: Float64Array | null;
  seeds: number;
}

export type CommitteeSnapshots = Record<ViewSource, CommitteeSnapshot | null>;

/** A run's committee snapshots, source by source. */
export class CommitteeResults extends ViewResults<CommitteeMessage, CommitteeSnapshot> {
  constructor(runId: number) {
    super(runId, {
      square: false,
      theory: (message, runId) => {
        const { hidden, teacherHidden } = message;
        return { runId, hidden, teacherHidden, names: committeeMatrixNames(hidden, teacherHidden), times: message.times, values: message.matrices, standardErrors: null, seeds: 1 };
      },
      block: (message) => ({ values: message.matrices, width: message.matrices.length / Math.max(1, message.times.length), divisor: 1 }),
      simulation: (summary, { hidden, teacherHidden }, runId) => ({
        runId,
        hidden,
        teacherHidden,
        names: committeeMatrixNames(hidden, teacherHidden),
        times: summary.times,
        values: summary.mean,
        standardErrors: summary.standardError,
        seeds: summary.seeds,
      }),
    });
  }
}
