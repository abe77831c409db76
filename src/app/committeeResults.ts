/**
 * The committee matrices of one run as they arrive (protocol.ts CommitteeMessage): each theory's q(t), M(t), and
 * each simulated algorithm's seed mean ± standard error, on the leading grid every seed received covers (a diverged
 * seed truncates it, as it truncates the line plots).
 */
import { committeeMatrixNames } from '../core/committee/series';
import type { CommitteeMessage, SimulatedAlgorithm, TheorySource } from '../pipeline/protocol';
import { viewSources, type ViewSource } from './viewSources';

export type CommitteeSource = ViewSource;
export const committeeSources = viewSources;

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

export type CommitteeSnapshots = Record<CommitteeSource, CommitteeSnapshot | null>;

/** Running sums over one algorithm's seeds. */
class SeedMatrixSums {
  private sum = new Float64Array(0);
  private squares = new Float64Array(0);
  private times = new Float64Array(0);
  private rows = Infinity;
  private width = 0;
  private shape = { hidden: 0, teacherHidden: 0 };
  private readonly received = new Set<number>();

  add(message: CommitteeMessage): void {
    if (this.received.has(message.seedIndex)) return; // a seed is sent once; a repeat must not count twice
    this.received.add(message.seedIndex);
    const width = message.matrices.length / Math.max(1, message.times.length);
    if (message.times.length > this.times.length) this.grow(message.times, width);
    this.shape = { hidden: message.hidden, teacherHidden: message.teacherHidden };
    this.rows = Math.min(this.rows, message.times.length);
    for (let i = 0; i < message.matrices.length; i++) {
      this.sum[i] += message.matrices[i];
      this.squares[i] += message.matrices[i] * message.matrices[i];
    }
  }

  snapshot(runId: number): CommitteeSnapshot | null {
    const count = this.received.size;
    if (count === 0) return null;
    const size = this.rows * this.width;
    const values = new Float64Array(size);
    const standardErrors = count > 1 ? new Float64Array(size) : null;
    for (let i = 0; i < size; i++) {
      const mean = this.sum[i] / count;
      values[i] = mean;
      if (standardErrors) standardErrors[i] = Math.sqrt(Math.max(0, this.squares[i] - count * mean * mean) / (count - 1) / count);
    }
    const { hidden, teacherHidden } = this.shape;
    return { runId, hidden, teacherHidden, names: committeeMatrixNames(hidden, teacherHidden), times: this.times.slice(0, this.rows), values, standardErrors, seeds: count };
  }

  private grow(times: Float64Array, width: number): void {
    const sum = new Float64Array(times.length * width);
    const squares = new Float64Array(times.length * width);
    sum.set(this.sum);
    squares.set(this.squares);
    this.sum = sum;
    this.squares = squares;
    this.width = width;
    this.times = Float64Array.from(times);
  }
}

export class CommitteeResults {
  private readonly theories: Partial<Record<TheorySource, CommitteeMessage>> = {};
  private readonly seeds: Record<SimulatedAlgorithm, SeedMatrixSums> = { sgf: new SeedMatrixSums(), sgd: new SeedMatrixSums() };
  private cached: CommitteeSnapshots | null = null;

  constructor(readonly runId: number) {}

  receive(message: CommitteeMessage): void {
    if (message.source === 'theory' || message.source === 'sgdTheory') this.theories[message.source] = message;
    else if (message.source === 'sgf' || message.source === 'sgd') this.seeds[message.source].add(message);
    else return;
    this.cached = null;
  }

  snapshot(): CommitteeSnapshots {
    this.cached ??= Object.fromEntries(committeeSources.map((source) => [source, this.build(source)])) as CommitteeSnapshots;
    return this.cached;
  }

  private build(source: CommitteeSource): CommitteeSnapshot | null {
    if (source === 'sgf' || source === 'sgd') return this.seeds[source].snapshot(this.runId);
    const message = this.theories[source];
    if (!message) return null;
    const names = committeeMatrixNames(message.hidden, message.teacherHidden);
    return { runId: this.runId, hidden: message.hidden, teacherHidden: message.teacherHidden, names, times: message.times, values: message.matrices, standardErrors: null, seeds: 1 };
  }
}
