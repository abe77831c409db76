/**
 * Runs a row generator in time slices, giving the event loop a turn between slices. In a Web Worker
 * this is what makes `terminate()` take effect at once: Chromium stops a worker at its next task
 * boundary, and lets one stuck in a long synchronous task run on for about two seconds.
 */

/** Resolves on the next turn of the event loop (a message task: no timer clamping). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs a row generator to its end at once, handing every yielded value to `onValue`; returns its result. */
export function drain<T, R>(values: Generator<T, R, void>, onValue?: (value: T) => void): R {
  for (;;) {
    const next = values.next();
    if (next.done) return next.value;
    onValue?.(next.value);
  }
}

/** Milliseconds of work between two turns of the event loop. */
export const defaultSliceMs = 10;

/** Hands every yielded value to `onValue`, yielding to the event loop every `sliceMs`; resolves with the generator's result. */
export async function drainInSlices<T, R>(values: Generator<T, R, void>, onValue: (value: T) => void, sliceMs = defaultSliceMs): Promise<R> {
  let sliceStart = performance.now();
  for (;;) {
    const next = values.next();
    if (next.done) return next.value;
    onValue(next.value);
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
