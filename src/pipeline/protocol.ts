/**
 * Messages streamed from the workers to the main thread (design.md "Streamed results").
 * Rows travel as one transferred Float64Array per batch, row-major in `seriesNames` order,
 * and every message carries the run id that asked for it so the store can drop stale ones.
 */
import { sgdTheoryCoincidence, sgdTheoryParams } from '../core/dmft/twoTheories';
import type { Params } from '../core/params';
import { valueNames, type ValueName } from '../core/sim/seedStatistics';
import { seriesNames, type Divergence, type ObservableRow } from '../core/series';

/**
 * Where a series comes from: the DMFT of the SGF (`theory`), the DMFT of minibatch SGD itself
 * (`sgdTheory`, theory.md §9), one of the finite-d simulations, or an overlay: the exact deterministic
 * theory of the linear model (theory.md §8), or the one-pass limit, SGD on fresh samples at the same batch
 * size (`online`, theory.md §11).
 */
export type SourceKind = 'theory' | 'sgdTheory' | 'sgf' | 'sgd' | 'exact' | 'online';
/** Every drawn source, bottom layer first. */
export const sourceKinds: readonly SourceKind[] = ['exact', 'online', 'sgd', 'sgf', 'sgdTheory', 'theory'];
/** Order of legends, readouts, labels and exports: the theories first. */
export const sourceReadingOrder: readonly SourceKind[] = ['theory', 'sgdTheory', 'online', 'exact', 'sgf', 'sgd'];

/** Sources computed as one job (not a mean over seeds). */
export type SingleSource = 'theory' | 'sgdTheory' | 'exact' | 'online';
export const singleSources: readonly SingleSource[] = ['theory', 'sgdTheory', 'exact', 'online'];

/** Overlays: deterministic theories computed beside the run, outside its progress. */
export type OverlaySource = 'exact' | 'online';
export function isSingleSource(source: SourceKind): source is SingleSource {
  return (singleSources as readonly SourceKind[]).includes(source);
}

/** The theories a user can show or hide. */
export type TheorySource = 'theory' | 'sgdTheory';
export const theorySources: readonly TheorySource[] = ['theory', 'sgdTheory'];

/** The theories of `among` that a run of `params` solves, in order: the SGF's, and SGD's unless the two coincide. */
export function solvedTheories(params: Params, among: readonly TheorySource[] = theorySources): TheorySource[] {
  return among.filter((source) => source === 'theory' || sgdTheoryCoincidence(params) === null);
}

/** The parameters of theory `source` of a run of `params`. */
export function theoryParams(params: Params, source: TheorySource): Params {
  return source === 'sgdTheory' ? sgdTheoryParams(params) : params;
}

/** Sources whose jobs make up a run's progress (the overlays are optional and quick). */
export type JobSource = Exclude<SourceKind, OverlaySource>;
export const jobSources: readonly JobSource[] = ['theory', 'sgdTheory', 'sgf', 'sgd'];

/** Simulated algorithms the app runs (gradient descent is SGF/SGD at b = 1). */
export type SimulatedAlgorithm = Exclude<JobSource, TheorySource>;
export const simulatedAlgorithms: readonly SimulatedAlgorithm[] = ['sgf', 'sgd'];

/** Identifies one job of one run. */
export interface JobTag {
  /** Run that asked for this job; messages of other runs are ignored. */
  runId: number;
  /** Theory or simulated algorithm. */
  source: SourceKind;
  /** Simulation seed index (0 for the theory). */
  seedIndex: number;
}

/** A batch of consecutive rows. */
export interface RowsMessage extends JobTag {
  type: 'rows';
  /** Index of the first row of the batch within its job's stream. */
  firstIndex: number;
  /** `rowCount × columnCount` values, row-major, columns in `seriesNames` order. */
  rows: Float64Array;
}

/** The job finished (all rows were sent before this message, on the same channel). */
export interface EndMessage extends JobTag {
  type: 'end';
  /** Rows sent in all. */
  rowCount: number;
  /** Where the job stopped because its values became invalid, if it did. */
  diverged: Divergence | null;
}

/**
 * A job's two-time functions on its grid (core/sim/twoTime.ts), sent once before its end message: the theory's C and
 * R, or one seed's C = θ(t)·θ(t′)/d. Its arrays are transferred.
 */
export interface TwoTimeMessage extends JobTag {
  type: 'twoTime';
  /** Grid times t_i, n of them. */
  times: Float64Array;
  /** C(t_i, t_j), n × n row-major. */
  correlation: Float64Array;
  /** R(t_i, t_j) = ∂θ(t_i)/∂(kick at t_j), n × n row-major (theories only; null for a simulation). */
  response: Float64Array | null;
}

/**
 * A committee job's matrices (theory.md §10.2), sent once before its end message: q(t) = ΘᵀΘ/d (p×p) and
 * M(t) = ΘᵀΘ* / d (p×p*) at every row of the job, flattened in core/committee/series.ts committeeMatrixNames
 * order (q_1_1 … q_p_p, M_1_1 … M_p_p*). Its arrays are transferred.
 */
export interface CommitteeMessage extends JobTag {
  type: 'committee';
  /** Student and teacher hidden units. */
  hidden: number;
  teacherHidden: number;
  /** Row times t_i, n of them. */
  times: Float64Array;
  /** n × (p² + p·p*) entries, row-major. */
  matrices: Float64Array;
}

/**
 * A theory's Monte-Carlo band (core/dmft/replicas.ts), sent after its line by the worker's `band` call: per row, the
 * standard error of each observable of the line, from the spread of replicas at other theory seeds.
 */
export interface BandMessage extends JobTag {
  type: 'band';
  /** Row times (the line's grid). */
  t: Float64Array;
  /** rows × (columnCount − 1) standard errors, row-major, columns in `seriesNames` order without t. */
  standardErrors: Float64Array;
  /** Replicas so far, of `plannedReplicas`, and the trajectories each ran. */
  replicas: number;
  plannedReplicas: number;
  replicaSamples: number;
}

/**
 * A job's histograms of the training margins y·r (residuals r − y) on the fixed bins of core/dmft/sampleHistogram.ts,
 * sent once before its end message; a theory adds those of its Gaussian fields ω (test samples at the same q, m).
 */
export interface HistogramMessage extends JobTag {
  type: 'histogram';
  /** Recorded times, n of them. */
  times: Float64Array;
  /** n × histogramRowLength counts, row-major. */
  counts: Float64Array;
  /** Samples histogrammed at each time. */
  total: number;
  /** The theory's ω histograms (same layout), or null (a simulation). */
  fieldCounts: Float64Array | null;
}

export type StreamMessage = RowsMessage | EndMessage | TwoTimeMessage | BandMessage | HistogramMessage | CommitteeMessage;
export type StreamListener = (message: StreamMessage) => void;

export const columnCount = seriesNames.length;

/** Packs rows into one Float64Array (row-major, `seriesNames` order). */
export function packRows(rows: readonly ObservableRow[]): Float64Array {
  const packed = new Float64Array(rows.length * columnCount);
  rows.forEach((row, r) => {
    seriesNames.forEach((name, c) => {
      packed[r * columnCount + c] = row[name];
    });
  });
  return packed;
}

/** The buffers a two-time message moves to the main thread. */
export function twoTimeTransferables(message: TwoTimeMessage): ArrayBuffer[] {
  return [message.times, message.correlation, message.response].flatMap((array) => (array ? [array.buffer as ArrayBuffer] : []));
}

/** The buffers a band or histogram message moves to the main thread. */
export function bandTransferables(message: BandMessage): ArrayBuffer[] {
  return [message.t.buffer as ArrayBuffer, message.standardErrors.buffer as ArrayBuffer];
}
export function histogramTransferables(message: HistogramMessage): ArrayBuffer[] {
  return [message.times, message.counts, message.fieldCounts].flatMap((array) => (array ? [array.buffer as ArrayBuffer] : []));
}

/** Number of rows in a packed batch. */
export function packedRowCount(rows: Float64Array): number {
  return rows.length / columnCount;
}

/** Packs a band's standard errors row-major in `valueNames` order (the worker's side of bandSnapshotOf). */
export function packBand(standardError: Record<ValueName, ArrayLike<number>>, length: number): Float64Array {
  const width = valueNames.length;
  const packed = new Float64Array(length * width);
  for (let k = 0; k < length; k++) valueNames.forEach((name, v) => (packed[k * width + v] = standardError[name][k]));
  return packed;
}
