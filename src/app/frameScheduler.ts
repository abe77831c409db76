/**
 * Coalesces many requests into one callback per animation frame, so streamed rows
 * re-render the plots at frame rate rather than once per message.
 */
export interface FrameScheduler {
  /** Asks for the callback to run at the next frame (once, however often this is called). */
  request(): void;
  /** Runs a pending callback now. */
  flush(): void;
  /** Drops a pending callback. */
  cancel(): void;
}

export function createFrameScheduler(callback: () => void): FrameScheduler {
  let pending: number | null = null;
  // jsdom and workers may lack requestAnimationFrame: fall back to a ~60 Hz timer.
  const hasAnimationFrame = typeof requestAnimationFrame === 'function';
  const schedule = (run: () => void): number =>
    hasAnimationFrame ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
  const unschedule = (handle: number): void => (hasAnimationFrame ? cancelAnimationFrame(handle) : clearTimeout(handle));

  const run = (): void => {
    pending = null;
    callback();
  };
  return {
    request() {
      if (pending === null) pending = schedule(run);
    },
    flush() {
      if (pending === null) return;
      unschedule(pending);
      run();
    },
    cancel() {
      if (pending !== null) unschedule(pending);
      pending = null;
    },
  };
}
