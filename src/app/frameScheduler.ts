/**
 * Coalesces many requests into one callback, run in a task of its own (not in an animation frame), so streamed
 * rows re-render the plots at most once per frame rather than once per message; with `minimumIntervalMs`, at
 * most one callback per that interval once `fullRateCount` callbacks have run since creation or cancel().
 */
export interface FrameScheduler {
  /** Asks for the callback to run as soon as allowed (once, however often this is called). */
  request(): void;
  /** Runs a pending callback now. */
  flush(): void;
  /** Drops a pending callback; the next requests run at once again (fullRateCount of them, and once after). */
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
 * A run's first three publications go at once: its first points (the first row comes alone, the second
 * a few ms later) are not held back. Not more: in the first run after a page load each one takes 30–80 ms (cold code).
 */
export const streamedResultsFullRateCount = 3;

export interface FrameSchedulerOptions {
  /** Least time from one callback to the next (0: one a frame, at most). */
  minimumIntervalMs?: number;
  /** How many callbacks after creation or cancel() run at once, whatever minimumIntervalMs says. */
  fullRateCount?: number;
}

/**
 * Why a task and not an animation frame: a callback run in the frame shares its task with the frame's style,
 * layout and paint. A publication's React render takes ~10–15 ms and the frame ~8–10 ms; beside two busy workers
 * on two cores the page's thread gets about half a core, so the task took 50–70 ms. Alternating builds, 12 slider
 * presses each, twice: tasks over 50 ms 11 and 22 against 1 and 2, first points (medians) 179 and 144 against 139 and
 * 129 ms, complete run 1.90–1.93 s both; beside a CPU-bound process ~150 against 27 such tasks. Never two callbacks
 * within `frameMs` (a frame at 60 Hz: the first would never be drawn). A hidden page has no frames: there the
 * callback waits for one (the page's next frame when shown).
 */
const frameMs = 16;

export function createFrameScheduler(callback: () => void, { minimumIntervalMs = 0, fullRateCount = 0 }: FrameSchedulerOptions = {}): FrameScheduler {
  let task: ReturnType<typeof setTimeout> | null = null;
  let frame: number | null = null;
  let delay: ReturnType<typeof setTimeout> | null = null;
  let lastRunAt = -Infinity;
  let fullRateLeft = fullRateCount;

  const run = (): void => {
    task = null;
    frame = null;
    lastRunAt = performance.now();
    if (fullRateLeft > 0) fullRateLeft--;
    callback();
  };
  const hidden = (): boolean => typeof document !== 'undefined' && document.visibilityState === 'hidden' && typeof requestAnimationFrame === 'function';
  const scheduleRun = (): void => {
    delay = null;
    if (hidden()) frame = requestAnimationFrame(run);
    else task = setTimeout(run, 0);
  };
  const pending = (): boolean => task !== null || frame !== null || delay !== null;
  const cancel = (): void => {
    if (task !== null) clearTimeout(task);
    if (frame !== null) cancelAnimationFrame(frame);
    if (delay !== null) clearTimeout(delay);
    task = null;
    frame = null;
    delay = null;
  };
  return {
    request() {
      if (pending()) return;
      const wait = lastRunAt + (fullRateLeft > 0 ? frameMs : Math.max(frameMs, minimumIntervalMs)) - performance.now();
      if (wait > 0) delay = setTimeout(scheduleRun, wait);
      else scheduleRun();
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
