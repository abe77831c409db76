/**
 * The two-time functions of one run as they arrive (protocol.ts TwoTimeMessage): each theory's C and R, and
 * each simulated algorithm's C = θ(t)·θ(t′)/d as the mean ± standard error over the seeds received so far
 * (truncated to the shortest seed grid, as a diverged seed truncates the line plots).
 */
import type { SimulatedAlgorithm, TheorySource, TwoTimeMessage } from './protocol';

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

export type TwoTimeSource = TheorySource | SimulatedAlgorithm;
export const twoTimeSources: readonly TwoTimeSource[] = ['theory', 'sgdTheory', 'sgf', 'sgd'];

export type TwoTimeSnapshots = Record<TwoTimeSource, TwoTimeSnapshot | null>;

/** The first `n` grid points of an `size`-point square matrix. */
function leading(matrix: Float64Array, size: number, n: number): Float64Array {
  if (n === size) return matrix;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out.set(matrix.subarray(i * size, i * size + n), i * n);
  return out;
}

/** Mean and standard error over seeds of C on their common leading grid. */
function seedMean(runId: number, seeds: readonly TwoTimeMessage[]): TwoTimeSnapshot {
  const n = Math.min(...seeds.map((seed) => seed.times.length));
  const matrices = seeds.map((seed) => leading(seed.correlation, seed.times.length, n));
  const mean = new Float64Array(n * n);
  const se = seeds.length > 1 ? new Float64Array(n * n) : null;
  for (let c = 0; c < n * n; c++) {
    let sum = 0;
    for (const matrix of matrices) sum += matrix[c];
    mean[c] = sum / matrices.length;
    if (se) {
      let squares = 0;
      for (const matrix of matrices) squares += (matrix[c] - mean[c]) ** 2;
      se[c] = Math.sqrt(squares / (matrices.length - 1) / matrices.length);
    }
  }
  return { runId, times: seeds[0].times.slice(0, n), correlation: mean, correlationSe: se, response: null, seeds: seeds.length };
}

export class TwoTimeResults {
  private readonly theories: Partial<Record<TheorySource, TwoTimeMessage>> = {};
  private readonly seeds: Record<SimulatedAlgorithm, Map<number, TwoTimeMessage>> = { sgf: new Map(), sgd: new Map() };
  // Each source's snapshot keeps its identity until a message of that source arrives, so an unchanged heatmap is not redrawn.
  private readonly cachedSources: Partial<TwoTimeSnapshots> = {};
  private cached: TwoTimeSnapshots | null = null;

  constructor(readonly runId: number) {}

  receive(message: TwoTimeMessage): void {
    if (message.source === 'theory' || message.source === 'sgdTheory') this.theories[message.source] = message;
    else if (message.source === 'sgf' || message.source === 'sgd') this.seeds[message.source].set(message.seedIndex, message);
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
    const seeds = [...this.seeds[source].values()];
    return seeds.length === 0 ? null : seedMean(this.runId, seeds);
  }
}
