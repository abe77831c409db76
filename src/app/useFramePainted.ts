/**
 * Whether the frame in which the calling component first mounted has been painted: a component that renders its
 * heavy children only then splits the page's first frame into tasks of its own (issue 14 item 3: no task over 50 ms).
 */
import { useEffect, useState } from 'react';

/** Without a layout engine (jsdom: no ResizeObserver) there is no frame to split: painted from the start. */
const noLayoutEngine = typeof ResizeObserver === 'undefined';

export function useFramePainted(): boolean {
  const [painted, setPainted] = useState(noLayoutEngine);
  useEffect(() => {
    if (painted) return;
    // An animation frame runs just before its frame is drawn; a timer set from it runs after the frame is painted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Not a transition: a run's rows update the store every frame, and React keeps deferring a transition behind them (up to 5 s).
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
