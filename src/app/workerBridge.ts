/**
 * Life-cycle of one worker (squoosh's WorkerBridge): started ahead of use so its module
 * loads while idle, wrapped once with comlink, and terminated to cancel: simple and race-free.
 */
import * as Comlink from 'comlink';

/** Rejection of a call whose worker was terminated on purpose. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class WorkerBridge<Api> {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<Api> | null = null;
  private rejectCall: ((error: Error) => void) | null = null;

  constructor(private readonly createWorker: () => Worker) {}

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
    let rejectThisCall: ((error: Error) => void) | null = null;
    return new Promise<Result>((resolve, reject) => {
      rejectThisCall = reject;
      this.rejectCall = reject;
      call(remote).then(resolve, reject);
    }).finally(() => {
      // A cancelled call settles after the next call started: leave that one's state alone.
      if (this.rejectCall === rejectThisCall) this.rejectCall = null;
    });
  }

  /** Kills the worker (cancelling a call in progress); the next use starts a fresh one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.rejectCall?.(new CancelledError());
    this.rejectCall = null;
  }

  private ensureRemote(): Comlink.Remote<Api> {
    if (this.remote) return this.remote;
    const worker = this.createWorker();
    // A worker that fails to load or throws outside a call never answers: fail the call instead of hanging.
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      const reject = this.rejectCall;
      this.rejectCall = null;
      this.terminate();
      reject?.(new Error(event.message || 'the worker failed to start'));
    });
    this.worker = worker;
    this.remote = Comlink.wrap<Api>(worker);
    return this.remote;
  }
}
