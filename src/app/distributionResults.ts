/**
 * The margin (residual) histograms of one run as they arrive (protocol.ts HistogramMessage): each theory's, as
 * fractions of its N trajectories, with its Gaussian-field (test-sample) histogram; each simulated algorithm's as the
 * mean ± standard error over the seeds received so far of the fraction of training samples per bin, on the times all
 * of them recorded. Memory: two running sums per algorithm (seedSums.ts, at most 129 × 82 values), whatever the seed count.
 */
import { histogramRowLength } from '../core/dmft/sampleHistogram';
import type { HistogramMessage } from '../pipeline/protocol';
import type { ViewSource } from './viewSources';
import { ViewResults } from './viewResults';

export interface DistributionSnapshot {
  runId: number;
  source: ViewSource;
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

export type DistributionSnapshots = Record<ViewSource, DistributionSnapshot | null>;

const fractionsOf = (counts: Float64Array, total: number): Float64Array => counts.map((count) => count / total);

/** A run's histogram snapshots, source by source. */
export class DistributionResults extends ViewResults<HistogramMessage, DistributionSnapshot> {
  constructor(runId: number) {
    super(runId, {
      square: false,
      theory: (message, runId) => ({
        runId,
        source: message.source,
        times: message.times,
        fractions: fractionsOf(message.counts, message.total),
        standardErrors: null,
        fieldFractions: message.fieldCounts && fractionsOf(message.fieldCounts, message.total),
        seeds: 1,
        samples: message.total,
      }),
      block: (message) => ({ values: message.counts, width: histogramRowLength, divisor: message.total }),
      simulation: (summary, last, runId, source) => ({
        runId,
        source,
        times: summary.times,
        fractions: summary.mean,
        standardErrors: summary.standardError,
        fieldFractions: null,
        seeds: summary.seeds,
        samples: last.total,
      }),
    });
  }
}
