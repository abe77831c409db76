/** Axis labels that shorten rather than run past the plot: measured in the browser with a hidden probe of the same style. */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** An axis's label and the shorter one it falls back to when the label does not fit along the axis. */
export interface FittingLabelProps {
  /** Axis label, with units. */
  label: string;
  /** Shorter label, used when `label` is longer than the axis. */
  shortLabel: string;
}

/** The first of `candidates` whose rendered length (measured with `probe`) fits `room` pixels, else the last. */
function firstFitting(probe: SVGTextElement, candidates: readonly string[], room: number): string {
  for (const candidate of candidates) {
    probe.textContent = candidate;
    if (probe.getComputedTextLength() <= room) return candidate;
  }
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
    if (!probe || typeof probe.getComputedTextLength !== 'function') setShown(label);
    else setShown(firstFitting(probe, [label, shortLabel], room));
  }, [label, shortLabel, room]);
  return [shown, probeRef];
}
