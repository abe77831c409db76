/**
 * Histograms of the training samples' margins y·r (classifiers) or residuals r − y (regression models) on
 * fixed bins, at the steps of a coarse grid (the two-time grid, at most 129 times): from the DMFT's sample
 * process (its N trajectories r_k, y at step k) and from a simulation's n training samples (r = x_i·θ).
 * The DMFT also histograms its Gaussian fields ω_k (the same quantity with ω_k for r_k): the distribution of a
 * fresh test sample at (q, m) = (C_kk, M_k), theory.md §3, drawn for contrast. Counts, not densities, so that
 * the multinomial error of each bin is known (count/total, total = the samples histogrammed).
 */
import { twoTimeIndices } from '../sim/twoTime';
import { countBins, histogramBin } from '../kernels/rowsJs';
import type { RowKernels } from '../kernels/workspace';

/** The fixed bins: `binCount` of width (high − low)/binCount on [low, high), plus an underflow and an overflow bin. */
export const histogramBins = { low: -8, high: 8, binCount: 80 } as const;
/** Values per recorded step: underflow, the bins, overflow. */
export const histogramRowLength = histogramBins.binCount + 2;

/** Lower edge of bin j (0 ≤ j ≤ binCount; j = binCount is the upper edge of the last bin). */
export function binEdge(j: number): number {
  return histogramBins.low + ((histogramBins.high - histogramBins.low) * j) / histogramBins.binCount;
}

/** Index in a row (0: underflow, 1..binCount: the bins, binCount + 1: overflow; NaN counts as overflow). */
export function binIndex(value: number): number {
  return histogramBin(value, histogramBins);
}

/** One source's histograms: `counts[i·histogramRowLength + j]` is bin j at times[i], out of `total` samples. */
export interface SampleHistograms {
  /** Recorded times (continuous-time units). */
  times: Float64Array;
  /** Counts per recorded time and bin (histogramRowLength per time). */
  counts: Float64Array;
  /** Samples per recorded time (the DMFT's N trajectories, or the simulation's n training samples). */
  total: number;
  /** The DMFT only: the same histograms of the Gaussian fields ω_k (test samples at (C_kk, M_k)); null for a simulation. */
  fieldCounts: Float64Array | null;
}

/**
 * Some of the samples of one step: fields, the self-reactions to subtract (or null), labels, how many; and, for
 * samples in a workspace, its kernels with 2 × histogramRowLength of its memory to count into (`bins`).
 */
export interface HistogramPart {
  fields: Float64Array;
  selfReaction: Float64Array | null;
  labels: Float64Array;
  count: number;
  counting?: { kernels: RowKernels; bins: Float64Array };
}

/**
 * Records the histograms at the grid steps of a run of `steps` steps of size dt, as the steps arrive in order.
 * The DMFT passes its fields ω_k and self-reactions (r_k = ω_k − self-reaction); a simulation its fields r alone.
 */
export class SampleHistogramRecorder {
  private readonly indices: number[];
  private readonly counts: Float64Array;
  private readonly fieldCounts: Float64Array | null;
  private recorded = 0;

  constructor(
    private readonly classifier: boolean,
    steps: number,
    private readonly dt: number,
    private readonly total: number,
    withFields: boolean,
  ) {
    this.indices = twoTimeIndices(steps);
    this.counts = new Float64Array(this.indices.length * histogramRowLength);
    this.fieldCounts = withFields ? new Float64Array(this.indices.length * histogramRowLength) : null;
  }

  /** Offers step k: r = fields − selfReaction (or fields when null) with labels, counted when k is a grid step. */
  record(k: number, fields: Float64Array, selfReaction: Float64Array | null, labels: Float64Array): void {
    this.recordParts(k, [{ fields, selfReaction, labels, count: this.total }]);
  }

  /** The same for samples held in parts (the DMFT's blocks of trajectories), counted together. */
  recordParts(k: number, parts: readonly HistogramPart[]): void {
    if (this.recorded >= this.indices.length || k !== this.indices[this.recorded]) return;
    const offset = this.recorded * histogramRowLength;
    const row = this.counts.subarray(offset, offset + histogramRowLength);
    const fieldRow = this.fieldCounts ? this.fieldCounts.subarray(offset, offset + histogramRowLength) : null;
    for (const { fields, selfReaction, labels, count, counting } of parts) {
      if (!counting) {
        countBins(row, fieldRow, histogramBins, this.classifier, fields, selfReaction, labels, count);
        continue;
      }
      // Counted in the workspace's memory (where the WebAssembly kernel reads and writes), then added: counts are exact.
      const bins = counting.bins.subarray(0, histogramRowLength);
      const fieldBins = fieldRow ? counting.bins.subarray(histogramRowLength, 2 * histogramRowLength) : null;
      counting.bins.fill(0);
      counting.kernels.countBins(bins, fieldBins, histogramBins, this.classifier, fields, selfReaction, labels, count);
      for (let j = 0; j < histogramRowLength; j++) row[j] += bins[j];
      if (fieldRow && fieldBins) for (let j = 0; j < histogramRowLength; j++) fieldRow[j] += fieldBins[j];
    }
    this.recorded++;
  }

  /** The histograms of the grid steps recorded so far (all of them, unless the run diverged or stopped). */
  result(): SampleHistograms {
    const rows = this.recorded * histogramRowLength;
    return {
      times: Float64Array.from(this.indices.slice(0, this.recorded), (k) => k * this.dt),
      counts: this.counts.slice(0, rows),
      total: this.total,
      fieldCounts: this.fieldCounts ? this.fieldCounts.slice(0, rows) : null,
    };
  }
}
