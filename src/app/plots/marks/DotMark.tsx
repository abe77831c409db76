/** A column as markers every `stride` rows (SGD), so it stays distinct from the lines even in grey; one <path>. */
import type * as d3 from 'd3';
import type { YScale } from '../scales';
import { markerPath, type PathData } from '../paths';

export interface DotMarkProps {
  /** Times and values of the rows to draw (typed column views). */
  data: PathData;
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Value scale. */
  y: YScale;
  /** The y scale is logarithmic (non-positive values are skipped). */
  logScale: boolean;
  /** A marker every `stride` rows. */
  stride: number;
  /** Hollow circles instead of filled diamonds (a panel's second quantity). */
  hollow: boolean;
  color: string;
  radius: number;
  strokeWidth: number;
  /** Opacity of the markers (none: opaque, or set by a parent group). */
  opacity?: number;
  /** data-* attributes naming what the markers are (markAttributes.ts). */
  attributes: Record<string, string | undefined>;
}

/** Markers per plot at most, for legibility. */
export const markerCount = 24;

/** Rows between markers so that a complete series of `expectedRows` rows has at most `markerCount`; they do not jump as it grows. */
export function markerStride(expectedRows: number): number {
  return Math.max(1, Math.ceil(expectedRows / markerCount));
}

export function DotMark({ data, x, y, logScale, stride, hollow, color, radius, strokeWidth, opacity, attributes }: DotMarkProps) {
  // Guarded: rows that are not finite (or whose pixels are not) get no marker.
  return (
    <path
      d={markerPath(data, { x, y, logScale }, stride, hollow, radius)}
      fill={hollow ? 'white' : color}
      stroke={color}
      strokeWidth={strokeWidth}
      opacity={opacity}
      {...attributes}
    />
  );
}
