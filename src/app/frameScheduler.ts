/**
 * Coalesces many requests into one callback per animation frame, so streamed rows re-render the plots at
 * frame rate rather than once per message; with `minimumIntervalMs`, at most one callback per that interval
 * once `fullRateCount` callbacks have run since the scheduler was created or cancelled.
 */
export interface FrameScheduler {
  /** Asks for the callback to run at the next frame allowed (once, however often this is called). */
  request(): void;
  /** Runs a pending callback now. */
  flush(): void;
  /** Drops a pending callback; the next requests run at the next frame again (fullRateCount of them, and once after). */
  cancel(): void;
}

/**
 * Least time between two publications of streamed results: 100 ms (10 a second). Each one re-renders the panels
 * (~15–30 ms of script, style and paint at 1440×900), which the workers of a 2-core machine wait for. Main thread
 * busy during a default run: 1.7–2.3 s published every frame, 0.8–1.2 s every 50 ms, 0.47–0.83 s every 100 ms,
 * and the run completed 1.87–2.39 s (50 ms) against 1.43–2.10 s (100 ms) after the change, alternating builds.
 */
export const streamedResultsIntervalMs = 100;

/**
 * A run's first three publications go at the next frame: its first points (the first row comes alone, the second
 * a few ms later) are not held back. Not more: in the first run after a page load each one takes 30–80 ms (cold code).
 */
export const streamedResultsFullRateCount = 3;

export interface FrameSchedulerOptions {
  /** Least time from one callback to the next (0: every frame). */
  minimumIntervalMs?: number;
  /** How many callbacks after creation or cancel() run at the next frame, whatever minimumIntervalMs says. */
  fullRateCount?: number;
}

export function createFrameScheduler(callback: () => void, { minimumIntervalMs = 0, fullRateCount = 0 }: FrameSchedulerOptions = {}): FrameScheduler {
  // jsdom and workers may lack requestAnimationFrame: fall back to a ~60 Hz timer.
  const hasAnimationFrame = typeof requestAnimationFrame === 'function';
  let frame: number | null = null;
  let delay: ReturnType<typeof setTimeout> | null = null;
  let lastRunAt = -Infinity;
  let fullRateLeft = fullRateCount;

  const run = (): void => {
    frame = null;
    lastRunAt = performance.now();
    if (fullRateLeft > 0) fullRateLeft--;
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
      const wait = fullRateLeft > 0 ? 0 : lastRunAt + minimumIntervalMs - performance.now();
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
      fullRateLeft = fullRateCount;
    },
  };
}
