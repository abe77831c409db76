/** Width of a container, followed with a ResizeObserver (visx's useParentSize, reduced to what the plots need). */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Width used before the first measurement and where ResizeObserver is missing (jsdom). */
export const fallbackWidth = 480;

export function useParentWidth<Element extends HTMLElement>(): [RefObject<Element | null>, number] {
  const ref = useRef<Element | null>(null);
  const [width, setWidth] = useState(fallbackWidth);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = (measured: number): void => {
      if (measured > 0) setWidth(Math.round(measured));
    };
    measure(element.clientWidth);
    const observer = new ResizeObserver((entries) => measure(entries[0]?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
