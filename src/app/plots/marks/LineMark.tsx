/** A series as a line (the theory, the exact overlay, and the seed mean of SGF). */
import { memo } from 'react';
import type * as d3 from 'd3';
import type { SeriesSnapshot } from '../../runResults';
import type { ValueName } from '../../seedAggregate';
import { seriesStyles, staleOpacity } from '../../seriesStyles';
import type { YScale } from '../scales';
import { linePath } from '../paths';
import { markAttributes } from './markAttributes';

export interface LineMarkProps {
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
  /** Dashed stroke (a panel's second quantity). */
  dashed: boolean;
  /** Left from the previous parameters: drawn faded. */
  stale: boolean;
}

/** Memoized: re-renders only when its series or scales change. */
export const LineMark = memo(function LineMark({ series, quantity, x, y, logScale, dashed, stale }: LineMarkProps) {
  // Guarded: rows that are not finite (or whose pixels are not) break the line instead of reaching `d`.
  const path = linePath({ length: series.length, t: series.t, values: series.values[quantity] }, { x, y, logScale });
  return (
    <path
      d={path}
      fill="none"
      stroke={seriesStyles[series.source].color}
      strokeWidth={seriesStyles[series.source].lineWidth}
      strokeDasharray={dashed ? '8 5' : undefined}
      strokeLinejoin="round"
      opacity={seriesStyles[series.source].lineOpacity * (stale ? staleOpacity : 1)}
      {...markAttributes(series, quantity, stale)}
    />
  );
});
