/**
 * Spawning the worker threads of the parallel theory (threadPool.ts), and spawning them early: a thread takes
 * ~50 ms to be ready (Node's start of a worker, then its modules), so main.ts starts a theory run's threads before
 * it loads the rest of the program, and the pool takes them from here. Imports only node:worker_threads.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/** A thread running `entry`, and this side of the channel its requests and replies go over. */
export interface BlockThread {
  thread: Worker;
  port: MessagePort;
  entry: string;
}

/** A spare thread, and whether it has already exited (a thread that failed to start: never taken). */
interface SpareThread extends BlockThread {
  exited: boolean;
}

/** Threads spawned ahead of a solve and not yet taken; unreferenced, so they never keep the process alive. */
const spareThreads: SpareThread[] = [];

/** A new thread running `entry`: blockThread.ts from the sources (loaded through tsx) or the package's built blockThread.cjs. */
export function spawnBlockThread(entry: URL): BlockThread {
  // The requests and replies go over a channel of their own, which both sides can poll (portPolling.ts).
  const { port1: port, port2: threadPort } = new MessageChannel();
  const workerOptions = { workerData: { port: threadPort }, transferList: [threadPort] };
  // From the sources the entry is TypeScript: the thread registers tsx's loader first, then imports it.
  const thread = entry.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, ...workerOptions })
    : new Worker(entry, workerOptions);
  return { thread, port, entry: entry.href };
}

/** Spawns `count` threads of `entry` now, for a solve that will take them (takeBlockThread); returns them. */
export function prestartBlockThreads(count: number, entry: URL): readonly BlockThread[] {
  const started: BlockThread[] = [];
  for (let i = 0; i < count; i++) {
    const spare: SpareThread = { ...spawnBlockThread(entry), exited: false };
    spare.thread.unref();
    // Until a pool takes it, an error of the thread is its exit's business (an unheard 'error' would end the process).
    spare.thread.on('error', () => {});
    spare.thread.once('exit', () => {
      spare.exited = true;
    });
    spareThreads.push(spare);
    started.push(spare);
  }
  return started;
}

/** A spare thread of `entry` if one was started early, else a new one. */
export function takeBlockThread(entry: URL): BlockThread {
  const index = spareThreads.findIndex((spare) => spare.entry === entry.href && !spare.exited);
  if (index < 0) return spawnBlockThread(entry);
  const [taken] = spareThreads.splice(index, 1);
  taken.thread.ref();
  return taken;
}

/** Ends the spare threads no solve took (a solve that needed fewer than were started). */
export function releaseSpareThreads(): void {
  for (const spare of spareThreads.splice(0)) void spare.thread.terminate();
}
