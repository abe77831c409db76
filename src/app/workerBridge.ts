/**
 * Life-cycle of one worker (squoosh's WorkerBridge): started ahead of use so its module
 * loads while idle, wrapped once with comlink, and terminated to cancel: simple and race-free.
 * A worker that fails (its call throws, it fires `error`, or it dies silently: see workerLifeline.ts)
 * fails the call in progress and is discarded; the next call starts a fresh worker.
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

  /**
   * `createWorker` gets a unique worker name (use it as the Worker's `name` option so that the
   * worker's lifeline can be watched); `kind` prefixes that name.
   */
  constructor(
    private readonly createWorker: (name: string) => Worker,
    private readonly kind: string = 'worker',
  ) {}

  /** A call is in progress. */
  get busy(): boolean {
    return this.rejectCall !== null;
  }

  /** Starts the worker now so that a later call does not wait for it to load. */
  warm(): void {
    this.ensureRemote();
  }

  /** Runs one call on the worker; rejects with CancelledError if terminated meanwhile, or with the worker's error. */
  run<Result>(call: (remote: Comlink.Remote<Api>) => Promise<Result>): Promise<Result> {
    if (this.busy) return Promise.reject(new Error('worker busy'));
    const remote = this.ensureRemote();
    const worker = this.worker;
    let rejectThisCall: ((error: Error) => void) | null = null;
    return new Promise<Result>((resolve, reject) => {
      rejectThisCall = reject;
      this.rejectCall = reject;
      call(remote).then(resolve, (error: unknown) => {
        // A worker whose call threw may be in any state: discard it, the next call starts a fresh one.
        if (this.worker === worker && this.rejectCall === rejectThisCall) {
          this.rejectCall = null;
          this.terminate();
        }
        reject(error);
      });
    }).finally(() => {
      // A cancelled call settles after the next call started: leave that one's state alone.
      if (this.rejectCall === rejectThisCall) this.rejectCall = null;
    });
  }

  /** Kills the worker (cancelling a call in progress); the next use starts a fresh one. */
  terminate(): void {
    this.stopLifeline?.(); // before terminating: a death we cause is not a failure
    this.stopLifeline = null;
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.rejectCall?.(new CancelledError());
    this.rejectCall = null;
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
    const reject = this.rejectCall;
    this.rejectCall = null;
    this.terminate();
    reject?.(new Error(message));
  }
}
