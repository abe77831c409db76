/** A column as a line (visx's LinePath: the columns, scales, and `defined` in paths.ts), drawn as one <path>. */
import type * as d3 from 'd3';
import type { YScale } from '../scales';
import { linePath, type PathData } from '../paths';

export interface LineMarkProps {
  /** Times and values of the rows to draw (typed column views). */
  data: PathData;
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Value scale. */
  y: YScale;
  /** The y scale is logarithmic (non-positive values are skipped). */
  logScale: boolean;
  color: string;
  width: number;
  /** Dashed stroke (a panel's second quantity). */
  dashed: boolean;
  /** Opacity of the whole line (none: opaque, or set by a parent group). */
  opacity?: number;
  /** data-* attributes naming what the line is (markAttributes.ts). */
  attributes: Record<string, string | undefined>;
}

export function LineMark({ data, x, y, logScale, color, width, dashed, opacity, attributes }: LineMarkProps) {
  // Guarded: rows that are not finite (or whose pixels are not) break the line instead of reaching `d`.
  return (
    <path
      d={linePath(data, { x, y, logScale })}
      fill="none"
      stroke={color}
      strokeWidth={width}
      strokeDasharray={dashed ? '8 5' : undefined}
      strokeLinejoin="round"
      opacity={opacity}
      {...attributes}
    />
  );
}
