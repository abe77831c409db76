/**
 * Worker entry point of one share of the parallel DMFT solve (src/core/dmft/parallel.ts), started by the DMFT
 * worker (src/pipeline/blockPool.ts): one BlockHost, one reply per request, buffers transferred. Plain
 * messages rather than comlink: a solve exchanges a few hundred of them, and nothing here is an API.
 */
import { blockTransferables, serveBlocks, type BlockRequest } from '../src/core/dmft/parallel';
import { blockWorkerReady } from '../src/pipeline/blockPool';
import { holdLifeline } from '../src/pipeline/workerLifeline';

holdLifeline(self.name); // lets the DMFT worker tell when this worker dies (src/pipeline/workerLifeline.ts)

const serve = serveBlocks();
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<BlockRequest>) => {
  const reply = serve(event.data);
  scope.postMessage(reply, blockTransferables(reply));
  serve.ahead();
};
scope.postMessage(blockWorkerReady);
