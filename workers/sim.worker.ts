/** Worker entry point: runs one finite-d simulation seed and streams its rows back (transferred, tagged with the run id). */
import * as Comlink from 'comlink';
import type { Params } from '../src/core/params';
import { seedRows } from '../src/core/sim/simulate';
import { drainInSlices } from '../src/core/slices';
import type { SimulatedAlgorithm, StreamListener } from '../src/app/protocol';
import { createRowBatcher, releaseListener } from '../src/app/rowBatcher';
import { holdLifeline } from '../src/app/workerLifeline';

holdLifeline(self.name); // lets the main thread tell when this worker dies (src/app/workerLifeline.ts)

const api = {
  /** Runs seed `seedIndex` of `algorithm` for run `runId`, streaming rows to `listener`; resolves when done. */
  async simulate(params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener): Promise<void> {
    try {
      const batcher = createRowBatcher({ runId, source: algorithm, seedIndex }, listener);
      // In slices, so that terminating this worker (a parameter change) stops it at once.
      const run = await drainInSlices(seedRows(params, algorithm, seedIndex), ({ row }) => batcher.push(row));
      batcher.end(run.diverged);
    } finally {
      releaseListener(listener);
    }
  },
};

export type SimWorkerApi = typeof api;
Comlink.expose(api);
