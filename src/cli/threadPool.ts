/**
 * Node's worker_threads as BlockWorkers of the parallel DMFT solve (src/core/dmft/parallel.ts).
 * `entry` is blockThread.ts run from the sources (loaded through tsx) or the package's built blockThread.js.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
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
  // The requests and replies go over a channel of their own, which both sides can poll (pollPort).
  const { port1: port, port2: threadPort } = new MessageChannel();
  const workerOptions = { workerData: { port: threadPort }, transferList: [threadPort] };
  // From the sources the entry is TypeScript: the thread registers tsx's loader first, then imports it.
  const thread = entry.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, ...workerOptions })
    : new Worker(entry, workerOptions);
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
  if (workers <= 1) return solveDmft(params, options);
  const pool = createThreadPool(workers - 1, entry);
  try {
    return await solveDmftParallel(params, [...pool.workers, inThreadWorker()], options);
  } finally {
    await pool.close();
  }
}
