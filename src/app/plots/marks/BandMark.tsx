/** The ±1 standard-error band around a simulation's seed mean, or around a theory line (its Monte-Carlo error). */
import { memo } from 'react';
import type * as d3 from 'd3';
import type { SeriesSnapshot } from '../../runResults';
import type { ValueName } from '../../seedAggregate';
import { seriesStyles, staleOpacity } from '../../seriesStyles';
import type { YScale } from '../scales';
import { bandPath } from '../paths';
import { markAttributes } from './markAttributes';

export interface BandMarkProps {
  /** Series with standard errors. */
  series: SeriesSnapshot;
  /** Column drawn. */
  quantity: ValueName;
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Value scale. */
  y: YScale;
  /** The y scale is logarithmic (the band is clipped above zero). */
  logScale: boolean;
  /** Left from the previous parameters: drawn faded. */
  stale: boolean;
  /** What the band is (data-band): the seed mean's standard error, or the theory's Monte-Carlo error. */
  kind?: 'standard-error' | 'theory-monte-carlo';
}

/**
 * A simulation's band is tagged as its series (data-series); a theory's by data-band-of instead, so that
 * `[data-series="theory"]` still names the line alone.
 */
function bandAttributes(series: SeriesSnapshot, quantity: ValueName, stale: boolean, kind: BandMarkProps['kind']): Record<string, string> {
  const attributes = markAttributes(series, quantity, stale);
  if (kind !== 'theory-monte-carlo') return attributes;
  const { 'data-series': source, ...rest } = attributes;
  return { ...rest, 'data-band-of': source };
}

/** Memoized: re-renders only when its series or scales change. */
export const BandMark = memo(function BandMark({ series, quantity, x, y, logScale, stale, kind = 'standard-error' }: BandMarkProps) {
  const errors = series.standardError?.[quantity];
  if (!errors) return null;
  // Guarded: rows that are not finite (or whose pixels are not) break the band instead of reaching `d`.
  const path = bandPath({ length: series.length, t: series.t, values: series.values[quantity], errors }, { x, y, logScale });
  return (
    <path
      d={path}
      fill={seriesStyles[series.source].color}
      fillOpacity={(kind === 'standard-error' ? 0.22 : 0.18) * (stale ? staleOpacity : 1)}
      stroke="none"
      data-band={kind}
      {...bandAttributes(series, quantity, stale, kind)}
    />
  );
});
