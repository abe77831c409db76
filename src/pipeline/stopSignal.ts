/**
 * Worker-side cooperative cancellation: `stop()` ends every call started before it. A call takes
 * `shouldStop` when it starts and gives it to its solver, which polls it between steps; the worker's
 * event loop runs between the slices of a solve (src/core/slices.ts), so a stop request arrives within
 * one slice, and the worker, with its optimized code, is ready for the next call.
 */
export interface StopSignal {
  /** Ends the calls in progress at their next step. */
  stop(): void;
  /** For a call starting now: true once stop() has been called after this. */
  shouldStop(): () => boolean;
}

export function createStopSignal(): StopSignal {
  let generation = 0;
  return {
    stop() {
      generation++;
    },
    shouldStop() {
      const started = generation;
      return () => generation !== started;
    },
  };
}
