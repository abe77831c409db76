/**
 * useDeferredValue with a bound on how far behind it may fall. Deferred, a render of a new value is
 * interruptible, so a burst of rows never blocks input; but a deferred render slower than the interval
 * between values (a slow machine, React's development build) is restarted by each new one and would
 * never commit. Once the shown value is older than `maxLagMs`, the current one is rendered at once.
 */
import { useDeferredValue, useEffect, useRef } from 'react';

export function useBoundedDeferredValue<T>(value: T, maxLagMs: number): T {
  const deferred = useDeferredValue(value);
  const shownSince = useRef(performance.now());
  const lagging = deferred !== value && performance.now() - shownSince.current > maxLagMs;
  const shown = lagging ? value : deferred;
  useEffect(() => {
    shownSince.current = performance.now();
  }, [shown]);
  return shown;
}
