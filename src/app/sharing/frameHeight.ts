/**
 * Auto-height for embeds: when the plots need more height than the iframe gives them (they then scroll
 * inside it), the page posts the height it needs to the parent page, `{type: 'sgf-dmft:height', height}`
 * in CSS pixels, which the parent may apply to the iframe (public/embed-example.html does). Returns
 * whether the plots overflow the frame now, for a visible "scroll" cue.
 */
import { useEffect, useState } from 'react';

/** Type of the message posted to the parent page. */
export const frameHeightMessage = 'sgf-dmft:height';

/** The height the page needs so that its plots do not scroll: the frame's plus what the plots overflow by. */
function neededHeight(grid: Element): { overflow: number; height: number } {
  const overflow = Math.max(0, Math.ceil(grid.scrollHeight - grid.clientHeight));
  return { overflow, height: document.documentElement.clientHeight + overflow };
}

export function useFrameHeight(): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    let posted = 0;
    const measure = (): void => {
      const grid = document.querySelector('.plot-grid');
      if (!grid) return;
      const { overflow, height } = neededHeight(grid);
      setOverflowing(overflow > 1);
      if (overflow > 1 && window.parent !== window && height !== posted) {
        posted = height;
        window.parent.postMessage({ type: frameHeightMessage, height }, '*');
      }
    };
    const observer = new ResizeObserver(measure);
    const watch = (): void => {
      observer.disconnect();
      observer.observe(document.documentElement);
      document.querySelectorAll('.plot-grid, .plot-grid > figure.panel').forEach((element) => observer.observe(element));
    };
    // The plots mount and unmount with plots= and the model: follow the grid's children.
    const mutations = new MutationObserver(() => {
      watch();
      measure();
    });
    const grid = document.querySelector('.plot-grid');
    if (grid) mutations.observe(grid, { childList: true });
    watch();
    measure();
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, []);
  return overflowing;
}
