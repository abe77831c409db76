/**
 * Life-cycle of one worker (after squoosh's WorkerBridge): started ahead of use so its module loads while
 * idle, wrapped once with comlink. A call is cancelled by stopping it: it is rejected at once, the worker is
 * asked to end it (the solvers poll for that between steps) and kept, with its compiled and optimized code,
 * for the next call; a worker that has not ended the call within a grace period is terminated, as is one
 * whose API has no stop request. A worker that fails (its call throws, it fires `error`, or it dies
 * silently: see workerLifeline.ts) fails the call in progress and is discarded; the next call starts a
 * fresh worker.
 */
import * as Comlink from 'comlink';
import { uniqueWorkerName, watchLifeline } from './workerLifeline';

/** Rejection of a call whose worker was terminated on purpose. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Message of a call whose worker went away without answering. */
export const workerDiedMessage = 'the worker stopped unexpectedly (it crashed, ran out of memory or was closed)';

export class WorkerBridge<Api> {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<Api> | null = null;
  private rejectCall: ((error: Error) => void) | null = null;
  private stopLifeline: (() => void) | null = null;
  /** The call in progress as sent to the worker (null until sent). */
  private sentCall: Promise<unknown> | null = null;
  /** Set while a stopped call is still ending in the worker: the next call waits for it. */
  private ending: { done: Promise<void>; finish: () => void } | null = null;

  /**
   * `createWorker` gets a unique worker name (use it as the Worker's `name` option so that the
   * worker's lifeline can be watched); `kind` prefixes that name. `requestStop` asks the worker to end
   * its call in progress (without it, stop() terminates).
   */
  constructor(
    private readonly createWorker: (name: string) => Worker,
    private readonly kind: string = 'worker',
    private readonly requestStop?: (remote: Comlink.Remote<Api>) => Promise<unknown>,
  ) {}

  /** A call is in progress (or waiting to be sent). */
  get busy(): boolean {
    return this.rejectCall !== null;
  }

  /** Starts the worker now so that a later call does not wait for it to load. */
  warm(): void {
    this.ensureRemote();
  }

  /** Runs one call on the worker; rejects with CancelledError if cancelled meanwhile, or with the worker's error. */
  run<Result>(call: (remote: Comlink.Remote<Api>) => Promise<Result>): Promise<Result> {
    if (this.busy) return Promise.reject(new Error('worker busy'));
    let rejectThisCall: ((error: Error) => void) | null = null;
    return new Promise<Result>((resolve, reject) => {
      rejectThisCall = reject;
      this.rejectCall = reject;
      const send = (): void => {
        if (this.rejectCall !== rejectThisCall) return; // cancelled while waiting for a stopped call to end
        const remote = this.ensureRemote();
        const worker = this.worker;
        const sent = call(remote);
        this.sentCall = sent;
        sent.then(resolve, (error: unknown) => {
          // A worker whose call threw may be in any state: discard it, the next call starts a fresh one.
          if (this.worker === worker && this.rejectCall === rejectThisCall) {
            this.rejectCall = null;
            this.terminate();
          }
          reject(error);
        });
      };
      if (this.ending) void this.ending.done.then(send);
      else send();
    }).finally(() => {
      // A cancelled call settles after the next call started: leave that one's state alone.
      if (this.rejectCall === rejectThisCall) {
        this.rejectCall = null;
        this.sentCall = null;
      }
    });
  }

  /**
   * Cancels the call in progress and keeps the worker if it ends the call within `graceMs` (it does at
   * its solver's next step); otherwise, or without a stop request, terminates it.
   */
  stop(graceMs: number): void {
    if (!this.busy) return;
    const reject = this.rejectCall!;
    const sent = this.sentCall;
    if (!sent) {
      // Not sent yet (waiting for an earlier stopped call to end): nothing runs in the worker.
      this.rejectCall = null;
      reject(new CancelledError());
      return;
    }
    if (!this.requestStop || !this.remote) {
      this.terminate();
      return;
    }
    this.rejectCall = null;
    this.sentCall = null;
    reject(new CancelledError());
    const worker = this.worker;
    void this.requestStop(this.remote).catch(() => {}); // a worker that cannot take it is ended by the grace timer
    let finish = (): void => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const ending = { done, finish };
    this.ending = ending;
    const end = (): void => {
      clearTimeout(timer);
      if (this.ending === ending) this.ending = null;
      finish();
    };
    const timer = setTimeout(() => {
      if (this.worker === worker) {
        this.discardWorker();
        this.warm(); // the replacement loads at once; a call waiting for this one goes to it
      }
      end();
    }, graceMs);
    sent.then(end, end);
  }

  /** Kills the worker (cancelling a call in progress); the next use starts a fresh one. */
  terminate(): void {
    this.discardWorker();
    const ending = this.ending;
    this.ending = null;
    ending?.finish(); // a call waiting for a stopped one goes to the fresh worker
    this.rejectCall?.(new CancelledError());
    this.rejectCall = null;
  }

  /** Kills the worker and forgets it; calls and their promises are the caller's business. */
  private discardWorker(): void {
    this.stopLifeline?.(); // before terminating: a death we cause is not a failure
    this.stopLifeline = null;
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.sentCall = null;
  }

  private ensureRemote(): Comlink.Remote<Api> {
    if (this.remote) return this.remote;
    const name = uniqueWorkerName(this.kind);
    const worker = this.createWorker(name);
    // A worker that fails to load or throws outside a call never answers: fail the call instead of hanging.
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(worker, event.message || 'the worker failed to start');
    });
    this.worker = worker;
    this.remote = Comlink.wrap<Api>(worker);
    // A worker killed from outside fires nothing: its lifeline tells (where Web Locks exist).
    this.stopLifeline = watchLifeline(name, () => this.fail(worker, workerDiedMessage));
    return this.remote;
  }

  /** Discards `worker` (if it is still this bridge's) and fails the call in progress with `message`. */
  private fail(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    if (this.ending && this.sentCall === null) {
      // It died while ending a stopped call: the call waiting for that goes to a fresh worker.
      this.discardWorker();
      const ending = this.ending;
      this.ending = null;
      ending.finish();
      return;
    }
    const reject = this.rejectCall;
    this.rejectCall = null;
    this.terminate();
    reject?.(new Error(message));
  }
}
