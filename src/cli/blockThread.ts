/** worker_threads entry point of the parallel DMFT solve (src/core/dmft/parallel.ts): one BlockHost per thread. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { blockTransferables, serveBlocks, type BlockRequest } from '../core/dmft/parallel';
import { pollPort } from './portPolling';

const serve = serveBlocks();
const port: MessagePort = workerData.port;

/** Answers `request`, then every request that follows within the poll (the next step's comes about 1 ms later), drawing ahead between them. */
function answer(request: BlockRequest): void {
  for (let next: BlockRequest | undefined = request; next !== undefined; next = pollPort(port) as BlockRequest | undefined) {
    const reply = serve(next);
    port.postMessage(reply, blockTransferables(reply));
    serve.ahead();
  }
}

port.on('message', answer);
