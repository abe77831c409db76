/**
 * Telling that a worker died. A worker that is killed from outside (a crash, the browser reclaiming
 * memory, `terminate()` by someone else) sends no message and fires no `error` event, so a comlink
 * call to it would wait forever. The lifeline is a Web Lock: the worker takes an exclusive lock named
 * after itself as its first statement and never releases it; the browser releases a lock when its
 * holder's context goes away. The main thread, once it has seen the lock held, queues a request for
 * the same lock: that request is granted exactly when the worker is gone.
 *
 * Web Locks need a secure context (https or localhost). Where they are missing the lifeline does
 * nothing and only the worker's `error` event reports failures (a silent kill then hangs that series
 * until the next parameter change, which starts fresh workers).
 */

const prefix = 'sgf-dmft-lifeline:';

/** The Web Locks API where the platform has one (not in jsdom, not in insecure contexts). */
function lockManager(): LockManager | null {
  try {
    return typeof navigator !== 'undefined' && navigator.locks && typeof navigator.locks.request === 'function' ? navigator.locks : null;
  } catch {
    return null;
  }
}

/** Lock name of the worker whose `name` (the Worker constructor's option) is `workerName`. */
export function lifelineLockName(workerName: string): string {
  return prefix + workerName;
}

/** A worker name unique across tabs of this origin (Web Locks are shared by all of them). */
export function uniqueWorkerName(kind: string): string {
  return `${kind}#${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Worker side: hold this worker's lifeline until the worker ends. Call first thing in the worker module. */
export function holdLifeline(workerName: string): void {
  const locks = lockManager();
  if (!locks || !workerName) return;
  locks.request(lifelineLockName(workerName), () => new Promise<never>(() => {})).catch(() => {});
}

export interface LifelineOptions {
  /** First and longest wait between two checks that the worker holds its lock (ms). */
  firstPollMs?: number;
  maxPollMs?: number;
  /** Give up watching if the lock is not seen held within this time (ms): the worker never started. */
  giveUpMs?: number;
  /** The Web Locks API (tests pass a fake one); defaults to navigator.locks. */
  locks?: LockManager | null;
}

/**
 * Main side: calls `onDeath` once when the worker named `workerName` is gone. Returns `stop`, which
 * must be called before terminating the worker on purpose (after it, `onDeath` is never called).
 */
export function watchLifeline(workerName: string, onDeath: () => void, options: LifelineOptions = {}): () => void {
  const locks = options.locks === undefined ? lockManager() : options.locks;
  if (!locks) return () => {};
  const name = lifelineLockName(workerName);
  const maxPollMs = options.maxPollMs ?? 1000;
  const giveUpAt = Date.now() + (options.giveUpMs ?? 60_000);
  const abort = new AbortController();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const waitForDeath = (): void => {
    locks
      .request(name, { signal: abort.signal }, () => {
        if (!stopped) {
          stopped = true;
          onDeath();
        }
      })
      .catch(() => {}); // AbortError after stop()
  };
  // Request the lock only once the worker is seen holding it; before that, the request would be granted at once.
  const poll = (delay: number): void => {
    if (stopped) return;
    locks
      .query()
      .then((snapshot) => {
        if (stopped) return;
        if ((snapshot.held ?? []).some((lock) => lock.name === name)) waitForDeath();
        else if (Date.now() < giveUpAt) timer = setTimeout(() => poll(Math.min(maxPollMs, delay * 2)), delay);
      })
      .catch(() => {});
  };
  poll(options.firstPollMs ?? 25);

  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    abort.abort();
  };
}
