/**
 * The margin (residual) histograms of one run as they arrive (protocol.ts HistogramMessage): each theory's, as
 * fractions of its N trajectories, with its Gaussian-field (test-sample) histogram; each simulated algorithm's as the
 * mean ± standard error over the seeds received so far of the fraction of training samples per bin, on the times all
 * of them recorded. Memory: two running sums per algorithm (at most 129 × 82 values), whatever the seed count.
 */
import { histogramRowLength } from '../core/dmft/sampleHistogram';
import type { HistogramMessage, SimulatedAlgorithm, TheorySource } from '../pipeline/protocol';
import { viewSources, type ViewSource } from './viewSources';

export type DistributionSource = ViewSource;
export const distributionSources = viewSources;

export interface DistributionSnapshot {
  runId: number;
  source: DistributionSource;
  /** Recorded times. */
  times: Float64Array;
  /** Fraction of samples per bin: times.length × histogramRowLength, row-major (underflow, bins, overflow). */
  fractions: Float64Array;
  /** Standard error of the seed mean of each fraction (simulations of two seeds or more), else null. */
  standardErrors: Float64Array | null;
  /** The theory's fractions for its Gaussian fields ω (test samples at the same q, m), else null. */
  fieldFractions: Float64Array | null;
  /** Seeds averaged (1 for a theory); samples per seed (or trajectories). */
  seeds: number;
  samples: number;
}

export type DistributionSnapshots = Record<DistributionSource, DistributionSnapshot | null>;

const fractionsOf = (counts: Float64Array, total: number): Float64Array => counts.map((count) => count / total);

/** Running sums of one algorithm's seeds. */
class SeedFractions {
  private sum = new Float64Array(0);
  private squares = new Float64Array(0);
  private times = new Float64Array(0);
  private common = Infinity;
  private samples = 0;
  private readonly received = new Set<number>();

  add(message: HistogramMessage): void {
    if (this.received.has(message.seedIndex)) return; // a seed is sent once; a repeat must not count twice
    this.received.add(message.seedIndex);
    const values = message.counts.length;
    if (values > this.sum.length) this.grow(values, message.times);
    this.common = Math.min(this.common, message.times.length);
    this.samples = message.total;
    for (let j = 0; j < values; j++) {
      const fraction = message.counts[j] / message.total;
      this.sum[j] += fraction;
      this.squares[j] += fraction * fraction;
    }
  }

  snapshot(runId: number, source: SimulatedAlgorithm): DistributionSnapshot | null {
    const count = this.received.size;
    if (count === 0) return null;
    const values = this.common * histogramRowLength;
    const fractions = new Float64Array(values);
    const standardErrors = count > 1 ? new Float64Array(values) : null;
    for (let j = 0; j < values; j++) {
      const mean = this.sum[j] / count;
      fractions[j] = mean;
      if (standardErrors) standardErrors[j] = Math.sqrt(Math.max(0, this.squares[j] - count * mean * mean) / (count - 1) / count);
    }
    return { runId, source, times: this.times.slice(0, this.common), fractions, standardErrors, fieldFractions: null, seeds: count, samples: this.samples };
  }

  private grow(values: number, times: Float64Array): void {
    const sum = new Float64Array(values);
    const squares = new Float64Array(values);
    sum.set(this.sum);
    squares.set(this.squares);
    this.sum = sum;
    this.squares = squares;
    this.times = Float64Array.from(times);
  }
}

export class DistributionResults {
  private readonly theories: Partial<Record<TheorySource, DistributionSnapshot>> = {};
  private readonly seeds: Record<SimulatedAlgorithm, SeedFractions> = { sgf: new SeedFractions(), sgd: new SeedFractions() };
  private cached: DistributionSnapshots | null = null;
  private readonly cachedSources: Partial<DistributionSnapshots> = {};

  constructor(readonly runId: number) {}

  receive(message: HistogramMessage): void {
    const source = message.source;
    if (source === 'theory' || source === 'sgdTheory') {
      this.theories[source] = {
        runId: this.runId,
        source,
        times: message.times,
        fractions: fractionsOf(message.counts, message.total),
        standardErrors: null,
        fieldFractions: message.fieldCounts && fractionsOf(message.fieldCounts, message.total),
        seeds: 1,
        samples: message.total,
      };
    } else if (source === 'sgf' || source === 'sgd') this.seeds[source].add(message);
    else return;
    delete this.cachedSources[source];
    this.cached = null;
  }

  /** Each source's snapshot keeps its identity until a message of that source arrives. */
  snapshot(): DistributionSnapshots {
    this.cached ??= Object.fromEntries(distributionSources.map((source) => [source, this.source(source)])) as DistributionSnapshots;
    return this.cached;
  }

  private source(source: DistributionSource): DistributionSnapshot | null {
    if (!(source in this.cachedSources)) {
      this.cachedSources[source] = source === 'theory' || source === 'sgdTheory' ? (this.theories[source] ?? null) : this.seeds[source].snapshot(this.runId, source);
    }
    return this.cachedSources[source] ?? null;
  }
}
