/** worker_threads entry point of the parallel DMFT solve (src/core/dmft/parallel.ts): one BlockHost per thread. */
import { parentPort } from 'node:worker_threads';
import { blockTransferables, serveBlocks, type BlockRequest } from '../core/dmft/parallel';

const serve = serveBlocks();
parentPort!.on('message', (request: BlockRequest) => {
  const reply = serve(request);
  parentPort!.postMessage(reply, blockTransferables(reply));
});
