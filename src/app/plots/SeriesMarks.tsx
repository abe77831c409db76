/**
 * One series of a run in one plot, for one quantity: SGD as markers; the others as a line, with the SGF's ±1 s.e.
 * band or a theory's Monte-Carlo band under it. Hands the marks column views of the series (no copies) and the scales.
 */
import { memo } from 'react';
import type * as d3 from 'd3';
import type { BandSnapshot } from '../bandResults';
import type { SeriesSnapshot } from '../runResults';
import type { ValueName } from '../seedAggregate';
import { seriesStyles, staleOpacity } from '../seriesStyles';
import type { YScale } from './scales';
import { theoryBandSeries } from './theoryBand';
import { BandMark } from './marks/BandMark';
import { DotMark, markerStride } from './marks/DotMark';
import { LineMark } from './marks/LineMark';
import { markAttributes } from './marks/markAttributes';

export interface SeriesMarksProps {
  series: SeriesSnapshot;
  /** Column drawn. */
  quantity: ValueName;
  /** The panel's second quantity: dashed line, hollow markers. */
  dashed: boolean;
  x: d3.ScaleLinear<number, number>;
  y: YScale;
  logScale: boolean;
  /** Left from the previous parameters: drawn faded. */
  stale: boolean;
  /** Rows of the complete series (markers are spaced on that grid). */
  expectedRows: number;
  /** The theory's Monte-Carlo band to draw around its line (theoryBand.ts), or null. */
  band: BandSnapshot | null;
}

/** A theory band is tagged by data-band-of, so that `[data-series="theory"]` still names the line alone. */
function bandOfAttributes(attributes: Record<string, string>): Record<string, string> {
  const { 'data-series': source, ...rest } = attributes;
  return { ...rest, 'data-band-of': source };
}

/** Memoized: re-renders only when its series (a new one per batch received), band or scales change. */
export const SeriesMarks = memo(function SeriesMarks({ series, quantity, dashed, x, y, logScale, stale, expectedRows, band }: SeriesMarksProps) {
  const style = seriesStyles[series.source];
  const fade = stale ? staleOpacity : 1;
  const attributes = markAttributes(series, quantity, stale);
  const data = { length: series.length, t: series.t, values: series.values[quantity] };
  const scales = { x, y, logScale };
  if (series.source === 'sgd') {
    return <DotMark data={data} {...scales} stride={markerStride(expectedRows)} hollow={dashed} color={style.color} radius={4} strokeWidth={1.5} opacity={fade} attributes={attributes} />;
  }
  const errors = series.source === 'sgf' ? series.standardError?.[quantity] : undefined;
  const theoryBand = band && theoryBandSeries(series, band);
  return (
    <g>
      {errors && <BandMark data={{ ...data, errors }} {...scales} color={style.color} fillOpacity={0.22 * fade} kind="standard-error" attributes={attributes} />}
      {theoryBand?.standardError && (
        <BandMark
          data={{ ...data, length: theoryBand.length, errors: theoryBand.standardError[quantity] }}
          {...scales}
          color={style.color}
          fillOpacity={0.18 * fade}
          kind="theory-monte-carlo"
          attributes={bandOfAttributes(markAttributes(theoryBand, quantity, stale))}
        />
      )}
      <LineMark data={data} {...scales} color={style.color} width={style.lineWidth} dashed={dashed} opacity={style.lineOpacity * fade} attributes={attributes} />
    </g>
  );
});
