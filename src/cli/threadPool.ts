/**
 * Node's worker_threads as BlockWorkers of the parallel DMFT solve (src/core/dmft/parallel.ts).
 * `entry` is blockThread.ts run from the sources (loaded through tsx) or the package's built blockThread.cjs; a thread
 * main.ts started early (blockThreads.ts) is taken before a new one is spawned.
 */
import type { Worker } from 'node:worker_threads';
import { releaseSpareThreads, takeBlockThread } from './blockThreads';
import { dmftLayout } from '../core/dmft/layout';
import { assignBlocks, blockCounts, blockTransferables, inThreadWorker, solveDmftParallel, type BlockReply, type BlockRequest, type BlockWorker } from '../core/dmft/parallel';
import { dmftParams, solveDmft } from '../core/dmft/solver';
import type { DmftOptions, DmftResult } from '../core/dmft/types';
import type { Params } from '../core/params';
import { pollPort } from './portPolling';

export interface ThreadPool {
  workers: BlockWorker[];
  /** Ends every thread of the pool. */
  close(): Promise<void>;
}

function threadWorker(entry: URL): { worker: BlockWorker; thread: Worker } {
  const { thread, port } = takeBlockThread(entry);
  let pending: { resolve: (reply: BlockReply) => void; reject: (error: unknown) => void } | null = null;
  const settle = (reply: BlockReply): void => {
    const waiting = pending;
    pending = null;
    waiting?.resolve(reply);
  };
  port.on('message', settle);
  thread.on('error', (error) => pending?.reject(error));
  thread.on('exit', (code) => pending?.reject(new Error(`DMFT block thread exited with code ${code}`)));
  const worker: BlockWorker = {
    request(message: BlockRequest): Promise<BlockReply> {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        port.postMessage(message, blockTransferables(message));
        // Runs once this thread's own share of the step is done (parallel.ts computes it right after this call).
        queueMicrotask(() => {
          if (!pending) return;
          const reply = pollPort(port);
          if (reply !== undefined) settle(reply as BlockReply);
        });
      });
    },
  };
  return { worker, thread };
}

/** `count` threads running `entry`. */
export function createThreadPool(count: number, entry: URL): ThreadPool {
  const threads = Array.from({ length: count }, () => threadWorker(entry));
  return {
    workers: threads.map((thread) => thread.worker),
    async close() {
      await Promise.all(threads.map(({ thread }) => thread.terminate()));
    },
  };
}

/** The DMFT solve on up to `threads` threads, this one included (no more than it has blocks; only this one when that is one). */
export async function solveDmftOnThreads(input: Params, threads: number, entry: URL, options: DmftOptions = {}): Promise<DmftResult> {
  const params = dmftParams(input);
  const workers = assignBlocks(blockCounts(dmftLayout(params, options)), threads).length;
  const pool = workers > 1 ? createThreadPool(workers - 1, entry) : null;
  // Threads main.ts started early beyond those the blocks can use.
  releaseSpareThreads();
  if (!pool) return solveDmft(params, options);
  try {
    return await solveDmftParallel(params, [...pool.workers, inThreadWorker()], options);
  } finally {
    await pool.close();
  }
}
