/**
 * A tiny hook for the end-to-end reliability tests, installed by main.tsx as `window.__sgfDmft`:
 *
 * - `killWorker(kind)` terminates the live workers of that kind behind the app's back, as a crash or
 *   the browser reclaiming memory would: no message, no `error` event. The app must notice (the
 *   worker's lifeline, src/pipeline/workerLifeline.ts) and show an error for that series with a retry.
 * - `liveWorkers()` counts the workers the app created and has not terminated (leak check).
 *
 * Harmless in production: it exposes nothing else (no state, no parameters, no data); anything it
 * can do, closing the tab does too. The object is frozen and the property is not writable.
 */

export type WorkerKind = 'theory' | 'simulation';

export interface TestHook {
  /** Kills every live worker of `kind` (busy or idle) without telling the app; returns how many. */
  killWorker(kind: WorkerKind): number;
  /** Workers created and not terminated, by kind. */
  liveWorkers(): Record<WorkerKind, number>;
}

interface Tracked {
  kind: WorkerKind;
  /** The worker's own terminate, bypassing the bookkeeping wrapper. */
  terminate: () => void;
}

const live = new Map<Worker, Tracked>();

/** Wraps a worker factory so that the hook can count and kill its workers. */
export function trackWorkers(kind: WorkerKind, create: (name: string) => Worker): (name: string) => Worker {
  return (name: string) => {
    const worker = create(name);
    const terminate = worker.terminate.bind(worker);
    live.set(worker, { kind, terminate });
    worker.terminate = () => {
      live.delete(worker);
      terminate();
    };
    return worker;
  };
}

export const testHook: TestHook = Object.freeze({
  killWorker(kind: WorkerKind): number {
    let killed = 0;
    for (const [worker, tracked] of [...live]) {
      if (tracked.kind !== kind) continue;
      live.delete(worker);
      tracked.terminate();
      killed += 1;
    }
    return killed;
  },
  liveWorkers(): Record<WorkerKind, number> {
    const counts: Record<WorkerKind, number> = { theory: 0, simulation: 0 };
    for (const { kind } of live.values()) counts[kind] += 1;
    return counts;
  },
});

/** Installs the hook as `window.__sgfDmft` (read-only). */
export function installTestHook(target: object = globalThis): void {
  if (Object.prototype.hasOwnProperty.call(target, '__sgfDmft')) return;
  Object.defineProperty(target, '__sgfDmft', { value: testHook, enumerable: false, writable: false, configurable: false });
}
