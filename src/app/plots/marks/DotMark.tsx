/** A series as evenly spaced markers (SGD), so it stays distinct from the lines even in grey. */
import { memo } from 'react';
import type * as d3 from 'd3';
import type { SeriesSnapshot } from '../../runResults';
import type { ValueName } from '../../seedAggregate';
import { seriesStyles, staleOpacity } from '../../seriesStyles';
import type { YScale } from '../scales';
import { markerPath } from '../paths';
import { markAttributes } from './markAttributes';

export interface DotMarkProps {
  /** Series to draw. */
  series: SeriesSnapshot;
  /** Column drawn. */
  quantity: ValueName;
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Value scale. */
  y: YScale;
  /** The y scale is logarithmic (non-positive values are skipped). */
  logScale: boolean;
  /** Hollow circles instead of filled diamonds (a panel's second quantity). */
  hollow: boolean;
  /** Left from the previous parameters: drawn faded. */
  stale: boolean;
  /** Rows of the complete run: markers are spaced on that grid so they do not jump as the series grows. */
  expectedRows: number;
}

/** Markers per plot at most, for legibility. */
export const markerCount = 24;
const radius = 4;

/** Memoized: re-renders only when its series or scales change. */
export const DotMark = memo(function DotMark({ series, quantity, x, y, logScale, hollow, stale, expectedRows }: DotMarkProps) {
  const stride = Math.max(1, Math.ceil(expectedRows / markerCount));
  // Guarded: rows that are not finite (or whose pixels are not) get no marker.
  const path = markerPath({ length: series.length, t: series.t, values: series.values[quantity] }, { x, y, logScale }, stride, hollow, radius);
  const color = seriesStyles[series.source].color;
  return (
    <path
      d={path}
      fill={hollow ? 'white' : color}
      stroke={color}
      strokeWidth={1.5}
      opacity={stale ? staleOpacity : 1}
      {...markAttributes(series, quantity, stale)}
    />
  );
});
