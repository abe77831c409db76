/**
 * Mutable accumulator of one run's streamed results (kept outside React state), and the snapshot of it that the
 * plots draw, taken at most once per frame. The line series live in preallocated columns (seriesColumns.ts); a
 * snapshot holds views of them and is rebuilt only for a source that received something since the last one.
 */
import { sgdTheoryCoincidence } from '../core/dmft/twoTheories';
import { stepGrid, timeSteps, type Params } from '../core/params';
import type { Divergence } from '../core/series';
import {
  columnCount,
  isSingleSource,
  jobSources,
  packedRowCount,
  sourceKinds,
  simulatedAlgorithms,
  type JobSource,
  type SimulatedAlgorithm,
  type SingleSource,
  type SourceKind,
  type StreamMessage,
} from '../pipeline/protocol';
import { SeedAggregate, type ValueName } from './seedAggregate';
import { SeriesColumns } from './seriesColumns';
import { TwoTimeResults, type TwoTimeSnapshots } from './twoTimeResults';
import { CommitteeResults, type CommitteeSnapshots } from './committeeResults';
import { bandSnapshotOf, type BandSnapshots } from './bandResults';
import { DistributionResults, type DistributionSnapshots } from './distributionResults';

/** Rows of each source's complete series: SGD, its theory and the one-pass limit step by h; the SGF, its theory and the exact one by Δt. */
export function expectedRowsOf(params: Params): Record<SourceKind, number> {
  // The rows of the SGF grid (Δt) and of the step grid (h): simulationGrid's, without loading the simulators here.
  const fine = timeSteps(params) + 1;
  const coarse = stepGrid(params).steps + 1;
  return { theory: fine, exact: fine, sgf: fine, sgd: coarse, sgdTheory: coarse, online: coarse };
}

/** One drawn series of one run: the theory, or the seed mean of a simulated algorithm. */
export interface SeriesSnapshot {
  /** Theory, simulated algorithm or exact overlay. */
  source: SourceKind;
  /** Run that produced it. */
  runId: number;
  /** Batches of this source received so far: a new version, a new snapshot (the columns are filled in place). */
  version: number;
  /** Rows so far. */
  length: number;
  /** Time t of each row: a view of the run's preallocated column (seriesColumns.ts), `length` rows. */
  t: Float64Array;
  /** Value of each observable (the seed mean for simulations), views like `t`. */
  values: Record<ValueName, Float64Array>;
  /** Standard error of the seed mean (simulations only). */
  standardError: Record<ValueName, Float64Array> | null;
  /** Where the series stops because it diverged (earliest seed for simulations). */
  diverged: Divergence | null;
}

export type SourceState = 'waiting' | 'running' | 'done' | 'failed';

export interface SourceStatus {
  state: SourceState;
  /** Fraction of the horizon computed, 0..1 (1 once finished or diverged). */
  progress: number;
  /** Message of a failed job. */
  error: string | null;
  /** Simulation seeds finished / in all (1 / 1 for the theory). */
  jobsDone: number;
  jobsTotal: number;
}

export interface RunSnapshot {
  /** Id of the run (RunResults.runId); for the store's `current`, the current run id. */
  runId: number;
  /** Parameters that produced this run (RunResults.params, the one record of them); for the store's `current`, the current parameters. */
  params: Params;
  /** Rows of each source's complete series, on its own time grid (SGD's is h, the others' Δt), for spacing markers evenly. */
  expectedRows: Record<SourceKind, number>;
  series: Record<SourceKind, SeriesSnapshot | null>;
  status: Record<JobSource, SourceStatus>;
  /** Two-time functions C(t, t′), R(t, t′) of the theories and simulations received so far (twoTimeResults.ts). */
  twoTime: TwoTimeSnapshots;
  /** The committee machine's matrices q(t), M(t) received so far (committeeResults.ts; empty for a single-index model). */
  committee: CommitteeSnapshots;
  /** The theories' Monte-Carlo bands (bandResults.ts), once computed. */
  bands: BandSnapshots;
  /** Margin (residual) histograms of the theories and simulations received so far (distributionResults.ts). */
  distributions: DistributionSnapshots;
}

interface JobState {
  lastTime: number;
  done: boolean;
  diverged: Divergence | null;
}

/** The most a job reads before its end message: under 100% as formatPercent shows it (99.9% reads 99%). */
const lastRowFraction = 0.999;

export class RunResults {
  private readonly expectedRows: Record<SourceKind, number>;
  private readonly singleTables: Record<SingleSource, SeriesColumns>;
  private readonly aggregates: Record<SimulatedAlgorithm, SeedAggregate>;
  // Batches received per source: the version a series snapshot carries.
  private readonly versions: Partial<Record<SourceKind, number>> = {};
  private readonly jobs = new Map<string, JobState>();
  private readonly errors: Partial<Record<JobSource, string>> = {};
  // Series snapshots are reused until their source receives something, so unchanged marks skip re-rendering.
  private readonly cachedSeries: Partial<Record<SourceKind, SeriesSnapshot | null>> = {};
  private readonly twoTime: TwoTimeResults;
  private readonly committee: CommitteeResults;
  private readonly distributions: DistributionResults;
  private bands: BandSnapshots = { theory: null, sgdTheory: null };

  constructor(
    // The one record of the run's id and parameters; snapshots refer to it, the store and pins keep no copies.
    readonly runId: number,
    readonly params: Params,
  ) {
    this.expectedRows = expectedRowsOf(params);
    const rows = this.expectedRows;
    this.singleTables = { theory: new SeriesColumns(rows.theory), sgdTheory: new SeriesColumns(rows.sgdTheory), exact: new SeriesColumns(rows.exact), online: new SeriesColumns(rows.online) };
    this.aggregates = { sgf: new SeedAggregate(rows.sgf), sgd: new SeedAggregate(rows.sgd) };
    this.twoTime = new TwoTimeResults(runId);
    this.committee = new CommitteeResults(runId);
    this.distributions = new DistributionResults(runId);
  }

  /** Applies one message of this run; a source that failed takes no more (its series stops where it failed). */
  receive(message: StreamMessage): void {
    // A killed worker can still deliver rows for a moment (Chromium lets a busy worker run on for up to 2 s).
    if (message.source !== 'exact' && message.source !== 'online' && this.errors[message.source]) return;
    if (message.type === 'twoTime') {
      this.twoTime.receive(message);
      return;
    }
    if (message.type === 'committee') {
      this.committee.receive(message);
      return;
    }
    if (message.type === 'histogram') {
      this.distributions.receive(message);
      return;
    }
    if (message.type === 'band') {
      if (message.source === 'theory' || message.source === 'sgdTheory') this.bands = { ...this.bands, [message.source]: bandSnapshotOf({ ...message, source: message.source }, this.runId) };
      return;
    }
    const job = this.job(message.source, message.seedIndex);
    delete this.cachedSeries[message.source];
    this.versions[message.source] = (this.versions[message.source] ?? 0) + 1;
    if (message.type === 'end') {
      job.done = true;
      job.diverged = message.diverged;
      if (!isSingleSource(message.source)) this.aggregates[message.source].end(message.seedIndex, message.diverged);
      return;
    }
    const rowCount = packedRowCount(message.rows);
    if (rowCount === 0) return;
    job.lastTime = message.rows[(rowCount - 1) * columnCount]; // column 0 is t
    if (isSingleSource(message.source)) {
      this.singleTables[message.source].add(message.firstIndex, message.rows);
    } else {
      this.aggregates[message.source].add(message.seedIndex, message.firstIndex, message.rows);
    }
  }

  /** Records that a job of this run failed; a source whose jobs have all ended is left as it is. */
  fail(source: JobSource, message: string): void {
    if (this.jobsOf(source).every((job) => job.done)) return;
    this.errors[source] = message;
  }

  /** True once every job has ended or failed. */
  get finished(): boolean {
    const status = this.status();
    return Object.values(status).every((s) => s.state === 'done' || s.state === 'failed');
  }

  snapshot(): RunSnapshot {
    return {
      runId: this.runId,
      params: this.params,
      expectedRows: this.expectedRows,
      series: Object.fromEntries(sourceKinds.map((source) => [source, this.series(source)])) as RunSnapshot['series'],
      status: this.status(),
      twoTime: this.twoTime.snapshot(),
      committee: this.committee.snapshot(),
      bands: this.bands,
      distributions: this.distributions.snapshot(),
    };
  }

  private series(source: SourceKind): SeriesSnapshot | null {
    if (!(source in this.cachedSeries)) {
      this.cachedSeries[source] = isSingleSource(source) ? this.singleSeries(source) : this.simulationSeries(source);
    }
    return this.cachedSeries[source] ?? null;
  }

  private job(source: SourceKind, seedIndex: number): JobState {
    const key = `${source}:${seedIndex}`;
    let job = this.jobs.get(key);
    if (!job) {
      job = { lastTime: Number.NaN, done: false, diverged: null };
      this.jobs.set(key, job);
    }
    return job;
  }

  /** Jobs a source has in this run: none for an SGD theory that coincides with the SGF's (the worker skips it). */
  private jobCount(source: SourceKind): number {
    if (source === 'sgdTheory') return sgdTheoryCoincidence(this.params) === null ? 1 : 0;
    return isSingleSource(source) ? 1 : this.params.seeds;
  }

  private jobsOf(source: SourceKind): JobState[] {
    const count = this.jobCount(source);
    return Array.from({ length: count }, (_, seedIndex) => this.jobs.get(`${source}:${seedIndex}`) ?? null).map(
      (job) => job ?? { lastTime: Number.NaN, done: false, diverged: null },
    );
  }

  private earliestDivergence(source: SourceKind): Divergence | null {
    let earliest: Divergence | null = null;
    for (const job of this.jobsOf(source)) {
      if (job.diverged && (!earliest || job.diverged.at < earliest.at)) earliest = job.diverged;
    }
    return earliest;
  }

  private singleSeries(source: SingleSource): SeriesSnapshot | null {
    const table = this.singleTables[source];
    if (table.length === 0) return null;
    return { source, runId: this.runId, version: this.versions[source] ?? 0, ...table.views(), standardError: null, diverged: this.earliestDivergence(source) };
  }

  private simulationSeries(algorithm: SimulatedAlgorithm): SeriesSnapshot | null {
    // Truncated at the first divergence, as `cli simulate` is (core/sim/seedStatistics.ts).
    const { length, t, mean: values, standardError } = this.aggregates[algorithm].view();
    if (length === 0) return null;
    return { source: algorithm, runId: this.runId, version: this.versions[algorithm] ?? 0, length, t, values, standardError, diverged: this.earliestDivergence(algorithm) };
  }

  private status(): Record<JobSource, SourceStatus> {
    const horizon = this.params.horizon;
    const statusOf = (source: JobSource): SourceStatus => {
      const jobs = this.jobsOf(source);
      const error = this.errors[source] ?? null;
      // A job that has sent its last row but not ended (its two-time functions and histograms come after it) is not done.
      const fractions = jobs.map((job) => (job.done ? 1 : Number.isNaN(job.lastTime) ? 0 : Math.min(lastRowFraction, job.lastTime / horizon)));
      const jobsDone = jobs.filter((job) => job.done).length;
      const started = jobs.some((job) => !Number.isNaN(job.lastTime) || job.done);
      const state: SourceState = error ? 'failed' : jobsDone === jobs.length ? 'done' : started ? 'running' : 'waiting';
      return {
        state,
        progress: jobs.length === 0 ? 1 : fractions.reduce((sum, f) => sum + f, 0) / jobs.length,
        error,
        jobsDone,
        jobsTotal: jobs.length,
      };
    };
    return Object.fromEntries(jobSources.map((source) => [source, statusOf(source)])) as Record<JobSource, SourceStatus>;
  }
}

/** Overall theory progress (the SGF's and, where it has a job, the SGD's), 0..1. */
export function theoryProgress(status: RunSnapshot['status']): number {
  const sources = (['theory', 'sgdTheory'] as const).filter((source) => status[source].jobsTotal > 0);
  return sources.reduce((sum, source) => sum + status[source].progress, 0) / sources.length;
}

/** Overall simulation progress (SGF and SGD jobs together), 0..1. */
export function simulationProgress(status: RunSnapshot['status']): number {
  const total = simulatedAlgorithms.reduce((sum, a) => sum + status[a].jobsTotal, 0);
  return simulatedAlgorithms.reduce((sum, a) => sum + status[a].progress * status[a].jobsTotal, 0) / total;
}
