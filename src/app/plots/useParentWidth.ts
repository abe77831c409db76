/** Size of a container, followed with a ResizeObserver (visx's useParentSize, reduced to what the plots need). */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Width used before the first measurement and where ResizeObserver is missing (jsdom). */
export const fallbackWidth = 480;

export interface ParentSize {
  width: number;
  /** Height of the container; 0 until measured (and where ResizeObserver is missing). */
  height: number;
  /** The size is the container's (false until the first measurement; true from the start where ResizeObserver is missing). */
  measured: boolean;
}

const noResizeObserver = typeof ResizeObserver === 'undefined';

/**
 * Width and height of a container (for plots that fill a frame, as in embed mode), followed with a ResizeObserver.
 * `measureAtMount` reads the size in the commit that mounts the container, which forces a layout of the page there;
 * false leaves the first size to the observer's first report, made after the browser's own layout of the next frame
 * (for what mounts with the page, whose first layout is the longest: issue 14 item 3).
 */
export function useParentSize<Element extends HTMLElement>(measureAtMount = true): [RefObject<Element | null>, ParentSize] {
  const ref = useRef<Element | null>(null);
  const [size, setSize] = useState<ParentSize>({ width: fallbackWidth, height: 0, measured: noResizeObserver });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = (width: number, height: number): void => {
      if (width <= 0) return;
      const next = { width: Math.round(width), height: Math.max(0, Math.round(height)), measured: true };
      setSize((current) => (current.measured && current.width === next.width && current.height === next.height ? current : next));
    };
    if (measureAtMount) measure(element.clientWidth, element.clientHeight);
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect) measure(rect.width, rect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [measureAtMount]);
  return [ref, size];
}
