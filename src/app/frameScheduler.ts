/**
 * Coalesces many requests into one callback per animation frame, so streamed rows re-render the plots at
 * frame rate rather than once per message; with `minimumIntervalMs`, at most one callback per that interval
 * once `fullRateMs` have passed since the scheduler was created or cancelled.
 */
export interface FrameScheduler {
  /** Asks for the callback to run at the next frame allowed (once, however often this is called). */
  request(): void;
  /** Runs a pending callback now. */
  flush(): void;
  /** Drops a pending callback; the next requests run at the next frame again (for fullRateMs, and once after). */
  cancel(): void;
}

/**
 * Least time between two publications of streamed results: 50 ms (20 a second). Each one re-renders the panels
 * (~8 ms of script and ~5 ms of paint at 1440×900); published every frame, they took most of a core from the
 * workers of a 2-core machine (main thread busy for 1.7–2.3 s of a 2.2–2.8 s default run; 0.8–1.2 s with these settings).
 */
export const streamedResultsIntervalMs = 50;

/** A run's first 200 ms are published every frame: its first points (the first row comes alone) are not held back. */
export const streamedResultsFullRateMs = 200;

export interface FrameSchedulerOptions {
  /** Least time from one callback to the next (0: every frame). */
  minimumIntervalMs?: number;
  /** How long after creation or cancel() every frame may run, whatever minimumIntervalMs says. */
  fullRateMs?: number;
}

export function createFrameScheduler(callback: () => void, { minimumIntervalMs = 0, fullRateMs = 0 }: FrameSchedulerOptions = {}): FrameScheduler {
  // jsdom and workers may lack requestAnimationFrame: fall back to a ~60 Hz timer.
  const hasAnimationFrame = typeof requestAnimationFrame === 'function';
  let frame: number | null = null;
  let delay: ReturnType<typeof setTimeout> | null = null;
  let lastRunAt = -Infinity;
  let fullRateUntil = performance.now() + fullRateMs;

  const run = (): void => {
    frame = null;
    lastRunAt = performance.now();
    callback();
  };
  const scheduleFrame = (): void => {
    delay = null;
    frame = hasAnimationFrame ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
  };
  const pending = (): boolean => frame !== null || delay !== null;
  const cancel = (): void => {
    if (frame !== null) (hasAnimationFrame ? cancelAnimationFrame : clearTimeout)(frame);
    if (delay !== null) clearTimeout(delay);
    frame = null;
    delay = null;
  };
  return {
    request() {
      if (pending()) return;
      const now = performance.now();
      const wait = now < fullRateUntil ? 0 : lastRunAt + minimumIntervalMs - now;
      if (wait > 0) delay = setTimeout(scheduleFrame, wait);
      else scheduleFrame();
    },
    flush() {
      if (!pending()) return;
      cancel();
      run();
    },
    cancel() {
      cancel();
      lastRunAt = -Infinity;
      fullRateUntil = performance.now() + fullRateMs;
    },
  };
}
