/** A ±error band around a column (a simulation's seed mean, or a theory line's Monte-Carlo error), as one <path>. */
import type * as d3 from 'd3';
import type { YScale } from '../scales';
import { bandPath, type PathData } from '../paths';

export interface BandMarkProps {
  /** Times, values and errors of the rows to draw (typed column views). */
  data: PathData & { errors: ArrayLike<number> };
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Value scale. */
  y: YScale;
  /** The y scale is logarithmic (the band is clipped above zero). */
  logScale: boolean;
  color: string;
  fillOpacity: number;
  /** What the band is (data-band): the seed mean's standard error, or the theory's Monte-Carlo error. */
  kind: 'standard-error' | 'theory-monte-carlo';
  /** data-* attributes naming what the band is about (markAttributes.ts). */
  attributes: Record<string, string | undefined>;
}

export function BandMark({ data, x, y, logScale, color, fillOpacity, kind, attributes }: BandMarkProps) {
  // Guarded: rows that are not finite (or whose pixels are not) break the band instead of reaching `d`.
  return <path d={bandPath(data, { x, y, logScale })} fill={color} fillOpacity={fillOpacity} stroke="none" data-band={kind} {...attributes} />;
}
