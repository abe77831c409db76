/**
 * The two-time functions of one run as they arrive (protocol.ts TwoTimeMessage): each theory's C and R, and
 * each simulated algorithm's C = θ(t)·θ(t′)/d as the mean ± standard error over the seeds received so far
 * (truncated to the shortest seed grid, as a diverged seed truncates the line plots). Memory: per theory its two
 * matrices, per algorithm two running sums, each at most 129² doubles (core/sim/twoTime.ts), whatever the seed count.
 */
import { viewSources, type ViewSource } from './viewSources';
import type { SimulatedAlgorithm, TheorySource, TwoTimeMessage } from '../pipeline/protocol';

/** One source's two-time functions on its grid. */
export interface TwoTimeSnapshot {
  runId: number;
  /** Grid times t_i, n of them. */
  times: Float64Array;
  /** C(t_i, t_j), n × n row-major (the seed mean for a simulation). */
  correlation: Float64Array;
  /** Standard error of the seed mean of C (simulations with two seeds or more), else null. */
  correlationSe: Float64Array | null;
  /** R(t_i, t_j), n × n row-major (theories only). */
  response: Float64Array | null;
  /** Seeds averaged (1 for a theory). */
  seeds: number;
}

export type TwoTimeSource = ViewSource;
export const twoTimeSources = viewSources;

export type TwoTimeSnapshots = Record<TwoTimeSource, TwoTimeSnapshot | null>;

/**
 * Running sums of C over one algorithm's seeds, so memory stays two n × n arrays whatever the seed count. All seeds
 * share the grid; a diverged seed covers only its leading part, and the mean is taken over the part all seeds cover.
 */
class SeedSums {
  private size = 0;
  private sum = new Float64Array(0);
  private squares = new Float64Array(0);
  private times = new Float64Array(0);
  private common = Infinity;
  private readonly received = new Set<number>();

  add(message: TwoTimeMessage): void {
    if (this.received.has(message.seedIndex)) return; // a seed is sent once; a repeat must not count twice
    this.received.add(message.seedIndex);
    const n = message.times.length;
    if (n > this.size) this.grow(n, message.times);
    this.common = Math.min(this.common, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const value = message.correlation[i * n + j];
        this.sum[i * this.size + j] += value;
        this.squares[i * this.size + j] += value * value;
      }
    }
  }

  get seeds(): number {
    return this.received.size;
  }

  /** Mean and standard error of the mean (two seeds or more) on the common leading grid. */
  snapshot(runId: number): TwoTimeSnapshot | null {
    const count = this.received.size;
    if (count === 0) return null;
    const n = this.common;
    const mean = new Float64Array(n * n);
    const se = count > 1 ? new Float64Array(n * n) : null;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const at = i * this.size + j;
        const m = this.sum[at] / count;
        mean[i * n + j] = m;
        if (se) se[i * n + j] = Math.sqrt(Math.max(0, this.squares[at] - count * m * m) / (count - 1) / count);
      }
    }
    return { runId, times: this.times.slice(0, n), correlation: mean, correlationSe: se, response: null, seeds: count };
  }

  private grow(n: number, times: Float64Array): void {
    const sum = new Float64Array(n * n);
    const squares = new Float64Array(n * n);
    for (let i = 0; i < this.size; i++) {
      sum.set(this.sum.subarray(i * this.size, (i + 1) * this.size), i * n);
      squares.set(this.squares.subarray(i * this.size, (i + 1) * this.size), i * n);
    }
    this.size = n;
    this.sum = sum;
    this.squares = squares;
    this.times = Float64Array.from(times);
  }
}

export class TwoTimeResults {
  private readonly theories: Partial<Record<TheorySource, TwoTimeMessage>> = {};
  private readonly seeds: Record<SimulatedAlgorithm, SeedSums> = { sgf: new SeedSums(), sgd: new SeedSums() };
  // Each source's snapshot keeps its identity until a message of that source arrives, so an unchanged heatmap is not redrawn.
  private readonly cachedSources: Partial<TwoTimeSnapshots> = {};
  private cached: TwoTimeSnapshots | null = null;

  constructor(readonly runId: number) {}

  receive(message: TwoTimeMessage): void {
    if (message.source === 'theory' || message.source === 'sgdTheory') this.theories[message.source] = message;
    else if (message.source === 'sgf' || message.source === 'sgd') this.seeds[message.source].add(message);
    else return;
    delete this.cachedSources[message.source];
    this.cached = null;
  }

  snapshot(): TwoTimeSnapshots {
    this.cached ??= Object.fromEntries(twoTimeSources.map((source) => [source, this.source(source)])) as TwoTimeSnapshots;
    return this.cached;
  }

  private source(source: TwoTimeSource): TwoTimeSnapshot | null {
    if (!(source in this.cachedSources)) this.cachedSources[source] = this.build(source);
    return this.cachedSources[source] ?? null;
  }

  private build(source: TwoTimeSource): TwoTimeSnapshot | null {
    if (source === 'theory' || source === 'sgdTheory') {
      const message = this.theories[source];
      if (!message) return null;
      return { runId: this.runId, times: message.times, correlation: message.correlation, correlationSe: null, response: message.response, seeds: 1 };
    }
    return this.seeds[source].snapshot(this.runId);
  }
}
