/**
 * Worker entry point: solves the DMFT of the SGF, then that of minibatch SGD (theory.md §9) unless the two
 * coincide, or the one of them it is asked for (the run manager gives each its own worker on two cores or more),
 * and streams their rows back (transferred, tagged with the run id). Where the exact theory holds it
 * first sends the exact deterministic theory (theory.md §8, a few ms) as an overlay; last, the one-pass
 * limit at the same batch size (theory.md §11, ~0.1–0.3 s), which the page draws when asked to (while it does not,
 * the run manager asks for it only after the simulations: `online`).
 */
import * as Comlink from 'comlink';
import { dmftParams, dmftRows } from '../src/core/dmft/solver';
import { dmftLayout } from '../src/core/dmft/layout';
import { assignBlocks, blockCounts, inThreadWorker, solveDmftParallel } from '../src/core/dmft/parallel';
import type { SampleHistograms } from '../src/core/dmft/sampleHistogram';
import { BlockPool } from '../src/pipeline/blockPool';
import type { Params } from '../src/core/params';
import { drainInSlices } from '../src/core/slices';
import { linearExactProblems, solveLinearExact } from '../src/core/theory/linearExact';
import { onlineRows } from '../src/core/theory/online';
import type { IndexedRow } from '../src/core/series';
import {
  bandTransferables,
  histogramTransferables,
  packBand,
  solvedTheories,
  theoryParams,
  theorySources,
  twoTimeTransferables,
  type BandMessage,
  type HistogramMessage,
  type StreamListener,
  type TheorySource,
  type SingleSource,
  type TwoTimeMessage,
} from '../src/pipeline/protocol';
import { bandRows, type TheoryBand } from '../src/core/dmft/replicas';
import type { DmftResult } from '../src/core/dmft/types';
import type { SweepTheoryRun } from '../src/core/sweepRun';
import { sampleMatrix, twoTimeIndices } from '../src/core/sim/twoTime';
import { createRowBatcher, releaseListener } from '../src/pipeline/rowBatcher';
import { tableRows } from '../src/pipeline/tableRows';
import { createStopSignal } from '../src/pipeline/stopSignal';
import { holdLifeline } from '../src/pipeline/workerLifeline';
import { getModel } from '../src/core/models';
import { streamCommitteeTheory } from './committeeJobs';
import { committeeObservableRows } from '../src/core/committee/observableRows';

holdLifeline(self.name); // lets the main thread tell when this worker dies (src/pipeline/workerLifeline.ts)

function sendExactTheory(params: Params, runId: number, listener: StreamListener): void {
  if (linearExactProblems(params).length > 0) return;
  try {
    const exact = solveLinearExact(params);
    const batcher = createRowBatcher({ runId, source: 'exact', seedIndex: 0 }, listener, Infinity);
    for (const row of tableRows(exact.table)) batcher.push(row);
    batcher.end(exact.diverged);
  } catch (error) {
    console.warn('exact linear theory unavailable:', error); // an optional overlay must not stop the DMFT
  }
}

const signal = createStopSignal();

// The parallel solve's other workers: nested in this one, so they end with it (src/pipeline/blockPool.ts).
const blockPool = new BlockPool((name) => new Worker(new URL('./dmftBlock.worker.ts', import.meta.url), { type: 'module', name }));

/** Streams one solve's rows as `source` (and, from its result, what `beforeEnd` sends); resolves false when it was stopped. */
async function stream<Result extends { diverged: { at: number } | null }>(
  rows: Generator<IndexedRow, Result, void>,
  source: SingleSource,
  runId: number,
  listener: StreamListener,
  shouldStop: () => boolean,
  beforeEnd?: (result: Result) => void,
): Promise<boolean> {
  const batcher = createRowBatcher({ runId, source, seedIndex: 0 }, listener);
  // In slices, so that a stop request (a parameter change) is taken, or a terminate takes effect, at once.
  const result = await drainInSlices(rows, ({ row }) => batcher.push(row));
  if (shouldStop()) return false;
  beforeEnd?.(result);
  batcher.end(result.diverged);
  return true;
}

/** The solve's C and R on the two-time grid (core/sim/twoTime.ts), up to its divergence. */
function sendTwoTime(result: DmftResult, source: TheorySource, runId: number, listener: StreamListener): void {
  const indices = twoTimeIndices(result.steps);
  const rows = result.table.t.length;
  const correlation = sampleMatrix(result.correlation, result.steps, indices, result.dt, rows);
  const response = sampleMatrix(result.response, result.steps, indices, result.dt, rows);
  const message: TwoTimeMessage = { runId, source, seedIndex: 0, type: 'twoTime', times: correlation.times, correlation: correlation.values, response: response.values };
  void listener(Comlink.transfer(message, twoTimeTransferables(message)));
}

/** The solve's margin (residual) histograms on the two-time grid (core/dmft/sampleHistogram.ts). */
function sendHistograms(histograms: SampleHistograms, source: TheorySource, runId: number, listener: StreamListener): void {
  const { times, counts, total, fieldCounts } = histograms;
  const message: HistogramMessage = { runId, source, seedIndex: 0, type: 'histogram', times, counts, total, fieldCounts };
  void listener(Comlink.transfer(message, histogramTransferables(message)));
}

/** One DMFT's rows, two-time functions and histograms, on up to `threads` threads (this one and its block workers: the same bits). */
async function streamTheory(params: Params, source: TheorySource, runId: number, listener: StreamListener, shouldStop: () => boolean, threads: number): Promise<boolean> {
  const sendTables = (result: DmftResult, histograms: SampleHistograms): void => {
    sendTwoTime(result, source, runId, listener);
    sendHistograms(histograms, source, runId, listener);
  };
  const useful = threads > 1 ? assignBlocks(blockCounts(dmftLayout(dmftParams(params))), threads).length : 1;
  // Block workers still loading (the first solve after this worker started) are left out: the bits do not depend on W.
  const blockWorkers = useful > 1 ? blockPool.readyWorkers(useful - 1) : [];
  if (blockWorkers.length === 0) return stream(dmftRows(params, { shouldStop }), source, runId, listener, shouldStop, (result) => sendTables(result, result.sampleHistograms));
  const batcher = createRowBatcher({ runId, source, seedIndex: 0 }, listener);
  let result: DmftResult;
  try {
    // This thread last: it computes its share while the block workers compute theirs (parallel.ts).
    result = await solveDmftParallel(params, [...blockWorkers, inThreadWorker()], { shouldStop, histograms: true, onRow: (row) => batcher.push(row) });
  } catch (error) {
    blockPool.terminate(); // another block worker may still be computing a step of this solve
    throw error;
  }
  if (shouldStop()) return false;
  sendTables(result, result.sampleHistograms!);
  batcher.end(result.diverged);
  return true;
}

/** The theories' Monte-Carlo bands (core/dmft/replicas.ts), in slices, each refined after each replica; nothing more is sent once stopped. */
async function streamBands(theories: readonly { params: Params; source: TheorySource }[], runId: number, listener: StreamListener, shouldStop: () => boolean): Promise<void> {
  const send = (theory: number, band: TheoryBand): void => {
    const { source } = theories[theory];
    const message: BandMessage = { runId, source, seedIndex: 0, type: 'band', t: band.t, standardErrors: packBand(band.standardError, band.t.length), replicas: band.replicas, plannedReplicas: band.plannedReplicas, replicaSamples: band.replicaSamples };
    void listener(Comlink.transfer(message, bandTransferables(message)));
  };
  const onBand = (theory: number, partial: TheoryBand): void => {
    if (!shouldStop()) send(theory, partial);
  };
  const solve = getModel(theories[0].params.model).kind === 'committee' ? committeeObservableRows : undefined;
  const bands = await drainInSlices(bandRows(theories.map((theory) => theory.params), { shouldStop, onBand, solve }), () => {});
  if (!bands || shouldStop()) return;
  bands.forEach((band, theory) => send(theory, band));
}

/** The one-pass overlay; a failure there must not fail the run (it is optional). */
async function streamOnline(params: Params, runId: number, listener: StreamListener, shouldStop: () => boolean): Promise<void> {
  try {
    await stream(onlineRows(params, { shouldStop }), 'online', runId, listener, shouldStop);
  } catch (error) {
    console.warn('one-pass overlay unavailable:', error);
  }
}

const api = {
  /**
   * Solves the DMFTs `sources` of `params` (both by default; the SGD theory only where it differs from the SGF's)
   * for run `runId`, one after the other, streaming rows to `listener`; resolves when done or stopped. With the
   * SGF theory come its overlays: the exact linear theory first, the one-pass limit last (unless `withOnline` is
   * false: then `online` computes it later). `threads` > 1 spreads each DMFT over this worker and threads − 1 block
   * workers (the committee's runs here alone).
   */
  async solve(params: Params, runId: number, listener: StreamListener, threads = 1, sources: readonly TheorySource[] = theorySources, withOnline = true): Promise<void> {
    try {
      const shouldStop = signal.shouldStop();
      const solved = solvedTheories(params, sources);
      const committee = getModel(params.model).kind === 'committee';
      if (!committee && solved.includes('theory')) sendExactTheory(params, runId, listener);
      for (const source of solved) {
        // The committee machine (theory.md §10): its block DMFT.
        const finished = committee
          ? await streamCommitteeTheory(theoryParams(params, source), source, runId, listener, shouldStop)
          : await streamTheory(theoryParams(params, source), source, runId, listener, shouldStop, threads);
        if (!finished) return;
      }
      if (!committee && withOnline && solved.includes('theory')) await streamOnline(params, runId, listener, shouldStop);
    } finally {
      releaseListener(listener);
    }
  },
  /** The one-pass overlay of `params` for run `runId` alone (the SGF theory's, where `solve` left it out); none for the committee. */
  async online(params: Params, runId: number, listener: StreamListener): Promise<void> {
    try {
      if (getModel(params.model).kind !== 'committee') await streamOnline(params, runId, listener, signal.shouldStop());
    } finally {
      releaseListener(listener);
    }
  },
  /** One point of a parameter sweep: the SGF theory at `params`, only what its reading needs (src/core/sweepRun.ts); null when stopped. */
  async sweepSolve(params: Params): Promise<SweepTheoryRun | null> {
    const shouldStop = signal.shouldStop();
    const { dt, table, trainLossSe, trainErrorSe, diverged } = await drainInSlices(dmftRows(params, { shouldStop }), () => {});
    return shouldStop() ? null : { dt, table, trainLossSe, trainErrorSe, diverged };
  },
  /**
   * The Monte-Carlo bands of the theories `sources` of `params` (as `solve` solves them), for run `runId`:
   * called after `solve`, so that the bands never delay the lines.
   */
  async band(params: Params, runId: number, listener: StreamListener, sources: readonly TheorySource[] = theorySources): Promise<void> {
    try {
      const shouldStop = signal.shouldStop();
      const theories = solvedTheories(params, sources).map((source) => ({ params: theoryParams(params, source), source }));
      if (theories.length > 0) await streamBands(theories, runId, listener, shouldStop);
    } finally {
      releaseListener(listener);
    }
  },
  /** Ends the solve in progress at its next step (the run it belongs to was cancelled). */
  stop(): void {
    signal.stop();
  },
};

export type DmftWorkerApi = typeof api;
Comlink.expose(api);
