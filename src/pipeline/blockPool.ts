/**
 * Web Workers as the BlockWorkers of the parallel DMFT solve (src/core/dmft/parallel.ts): the DMFT worker
 * starts them as nested dedicated workers, so they end with it (a terminated DMFT worker takes its block
 * workers along) and the page sees one theory worker. Plain messages, one reply per request, the arrays'
 * buffers transferred (no SharedArrayBuffer). A block worker that dies without a word is told by its
 * lifeline (workerLifeline.ts): its request, and every later one, rejects with `blockWorkerDiedMessage`.
 */
import { blockTransferables, type BlockReply, type BlockWorker } from '../core/dmft/parallel';
import { uniqueWorkerName, watchLifeline } from './workerLifeline';

/** A block worker's first message: its module has loaded (before it, a solve does not wait for it but goes on without it). */
export const blockWorkerReady = { type: 'ready' } as const;

/** Rejection of a request whose block worker went away. */
export const blockWorkerDiedMessage = 'a DMFT block worker stopped unexpectedly (it crashed, ran out of memory or was closed)';

interface BlockThread {
  worker: BlockWorker;
  /** Its module has loaded: a request is answered at once. */
  readonly ready: boolean;
  /** It failed or died: its requests reject. */
  readonly failed: boolean;
  terminate(): void;
}

function blockThread(create: (name: string) => Worker): BlockThread {
  const name = uniqueWorkerName('dmft-block');
  const worker = create(name);
  let pending: { resolve: (reply: BlockReply) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  let ready = false;
  const fail = (error: Error): void => {
    failure ??= error;
    const waiting = pending;
    pending = null;
    waiting?.reject(failure);
  };
  worker.onmessage = (event: MessageEvent<BlockReply | typeof blockWorkerReady>) => {
    if (event.data.type === 'ready') {
      ready = true;
      return;
    }
    const waiting = pending;
    pending = null;
    waiting?.resolve(event.data);
  };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    fail(new Error(`a DMFT block worker failed: ${event.message || 'it did not start'}`));
  });
  worker.addEventListener('messageerror', () => fail(new Error('a DMFT block worker sent a message that could not be read')));
  const stopLifeline = watchLifeline(name, () => fail(new Error(blockWorkerDiedMessage)));
  return {
    worker: {
      request(message) {
        if (failure) return Promise.reject(failure);
        if (pending) return Promise.reject(new Error('a DMFT block worker got a request before answering the last'));
        return new Promise((resolve, reject) => {
          pending = { resolve, reject };
          worker.postMessage(message, blockTransferables(message));
        });
      },
    },
    get ready() {
      return ready && failure === null;
    },
    get failed() {
      return failure !== null;
    },
    terminate() {
      stopLifeline(); // before terminating: a death we cause is not a failure
      worker.terminate();
      fail(new Error('the DMFT block worker was terminated'));
    },
  };
}

/** The block workers of one DMFT worker, started ahead of use and kept (with their optimized code) from solve to solve. */
export class BlockPool {
  private threads: BlockThread[] = [];

  /** `create` makes one block worker with the given unique name (its global `name`, under which it holds its lifeline). */
  constructor(private readonly create: (name: string) => Worker) {}

  /**
   * Up to `count` block workers whose module has loaded; starts the missing ones (failed ones replaced) for
   * later solves. A solve can go on with fewer (the bits are the same for every W) rather than wait for loading.
   */
  readyWorkers(count: number): BlockWorker[] {
    this.threads = this.threads.filter((thread) => {
      if (thread.failed) thread.terminate();
      return !thread.failed;
    });
    while (this.threads.length < count) this.threads.push(blockThread(this.create));
    return this.threads.filter((thread) => thread.ready).slice(0, count).map((thread) => thread.worker);
  }

  /** Ends every block worker: after a failed solve, as another may still be computing a step of it. */
  terminate(): void {
    this.threads.forEach((thread) => thread.terminate());
    this.threads = [];
  }
}
