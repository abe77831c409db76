/**
 * Axis labels that shorten rather than run past the plot: measured in the browser in the font of a hidden probe of
 * the same style. Measured on a canvas, from the probe's computed font: the probe's own getComputedTextLength forced a
 * layout of the whole page inside React's commit, which on the first frame (fonts not yet looked up) took 50–90 ms
 * on the 2-core machine (issue 14 item 3); the computed style costs a style pass only, and layout stays in the frame.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** An axis's label and the shorter one it falls back to when the label does not fit along the axis. */
export interface FittingLabelProps {
  /** Axis label, with units. */
  label: string;
  /** Shorter label, used when `label` is longer than the axis. */
  shortLabel: string;
}

let measuringContext: OffscreenCanvasRenderingContext2D | null | undefined;

/** A 2-D context to measure text with; null where there is none (jsdom). */
function measuringCanvas(): OffscreenCanvasRenderingContext2D | null {
  measuringContext ??= typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  return measuringContext;
}

/** The probe's font as a canvas font string (the longhands: the `font` shorthand may serialize empty). */
function fontOf(probe: SVGTextElement): string {
  const style = getComputedStyle(probe);
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

/** The first of `candidates` whose length in `font` fits `room` pixels, else the last. */
function firstFitting(context: OffscreenCanvasRenderingContext2D, font: string, candidates: readonly string[], room: number): string {
  context.font = font;
  for (const candidate of candidates) if (context.measureText(candidate).width <= room) return candidate;
  return candidates[candidates.length - 1];
}

/**
 * The label to show (`label`, else `shortLabel` when `label` is longer than `room` px) and the ref of the
 * probe, an empty hidden <text> with the label's class. jsdom has no text metrics: there the full label stays.
 */
export function useFittingLabel(label: string, shortLabel: string, room: number): [string, RefObject<SVGTextElement | null>] {
  const probeRef = useRef<SVGTextElement | null>(null);
  const [shown, setShown] = useState(label);
  useLayoutEffect(() => {
    const probe = probeRef.current;
    const context = measuringCanvas();
    if (!probe || !context) setShown(label);
    else setShown(firstFitting(context, fontOf(probe), [label, shortLabel], room));
  }, [label, shortLabel, room]);
  return [shown, probeRef];
}
