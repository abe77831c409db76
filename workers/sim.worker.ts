/** Worker entry point: runs one finite-d simulation seed and streams its rows back (transferred, tagged with the run id). */
import * as Comlink from 'comlink';
import type { Params } from '../src/core/params';
import { seedRows, simulationGrid, summarizeRuns } from '../src/core/sim/simulate';
import type { SeedRun } from '../src/core/sim/types';
import type { SweepSimulationRun } from '../src/core/sweepRun';
import { simulationTwoTimeIndices, ThetaHistory } from '../src/core/sim/twoTime';
import { drainInSlices } from '../src/core/slices';
import { histogramTransferables, twoTimeTransferables, type HistogramMessage, type SimulatedAlgorithm, type StreamListener, type TwoTimeMessage } from '../src/pipeline/protocol';
import { getModel } from '../src/core/models';
import { sampleCount } from '../src/core/params';
import { SampleHistogramRecorder } from '../src/core/dmft/sampleHistogram';
import { createRowBatcher, releaseListener } from '../src/pipeline/rowBatcher';
import { createStopSignal } from '../src/pipeline/stopSignal';
import { holdLifeline } from '../src/pipeline/workerLifeline';
import { streamCommitteeSeed } from './committeeJobs';

holdLifeline(self.name); // lets the main thread tell when this worker dies (src/pipeline/workerLifeline.ts)

const signal = createStopSignal();

const api = {
  /** Runs seed `seedIndex` of `algorithm` for run `runId`, streaming rows to `listener`; resolves when done or stopped. */
  async simulate(params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener): Promise<void> {
    try {
      const shouldStop = signal.shouldStop();
      if (getModel(params.model).kind === 'committee') {
        await streamCommitteeSeed(params, algorithm, seedIndex, runId, listener, shouldStop);
        return;
      }
      const tag = { runId, source: algorithm, seedIndex };
      const batcher = createRowBatcher(tag, listener);
      const { dt, steps } = simulationGrid(params, algorithm);
      const history = new ThetaHistory(simulationTwoTimeIndices(steps, params.dim), dt);
      const onWeights = (k: number, weights: Float64Array): void => history.record(k, weights);
      const histograms = new SampleHistogramRecorder(getModel(params.model).classifier, steps, dt, sampleCount(params), false);
      const onFields = (k: number, fields: Float64Array, labels: Float64Array): void => histograms.record(k, fields, null, labels);
      // In slices, so that a stop request (a parameter change) is taken, or a terminate takes effect, at once.
      const run = await drainInSlices(seedRows(params, algorithm, seedIndex, { shouldStop, onWeights, onFields }), ({ row }) => batcher.push(row));
      if (shouldStop()) return;
      const { times, values } = history.correlation();
      const twoTime: TwoTimeMessage = { ...tag, type: 'twoTime', times, correlation: values, response: null };
      void listener(Comlink.transfer(twoTime, twoTimeTransferables(twoTime)));
      const { times: histogramTimes, counts, total } = histograms.result();
      const histogram: HistogramMessage = { ...tag, type: 'histogram', times: histogramTimes, counts, total, fieldCounts: null };
      void listener(Comlink.transfer(histogram, histogramTransferables(histogram)));
      batcher.end(run.diverged);
    } finally {
      releaseListener(listener);
    }
  },
  /**
   * One point of a parameter sweep: every seed of `algorithm` at `params`, summarized as core/sim/simulate.ts's
   * simulate() does (so the point equals `cli sweep --simulate`'s); null when stopped.
   */
  async sweepSimulate(params: Params, algorithm: SimulatedAlgorithm): Promise<SweepSimulationRun | null> {
    const shouldStop = signal.shouldStop();
    const runs: SeedRun[] = [];
    for (let seedIndex = 0; seedIndex < params.seeds; seedIndex++) {
      const run = await drainInSlices(seedRows(params, algorithm, seedIndex, { shouldStop }), () => {});
      if (shouldStop()) return null; // only a stop leaves a seed incomplete
      runs.push(run);
    }
    const { table, standardErrors, diverged } = summarizeRuns(params, algorithm, runs);
    return { algorithm, table, standardErrors, diverged };
  },
  /** Ends the simulation in progress at its next step (the run it belongs to was cancelled). */
  stop(): void {
    signal.stop();
  },
};

export type SimWorkerApi = typeof api;
Comlink.expose(api);
