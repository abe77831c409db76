/** Worker entry point: runs one finite-d simulation seed and streams its rows back (transferred, tagged with the run id). */
import * as Comlink from 'comlink';
import type { Params } from '../src/core/params';
import { runSeed } from '../src/core/sim/simulate';
import type { SimulatedAlgorithm, StreamListener } from '../src/app/protocol';
import { createRowBatcher, releaseListener } from '../src/app/rowBatcher';
import { holdLifeline } from '../src/app/workerLifeline';

holdLifeline(self.name); // lets the main thread tell when this worker dies (src/app/workerLifeline.ts)

const api = {
  /** Runs seed `seedIndex` of `algorithm` for run `runId`, streaming rows to `listener`; resolves when done. */
  simulate(params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener): void {
    try {
      const batcher = createRowBatcher({ runId, source: algorithm, seedIndex }, listener);
      const run = runSeed(params, algorithm, seedIndex, { onRow: (row) => batcher.push(row) });
      batcher.end(run.diverged);
    } finally {
      releaseListener(listener);
    }
  },
};

export type SimWorkerApi = typeof api;
Comlink.expose(api);
