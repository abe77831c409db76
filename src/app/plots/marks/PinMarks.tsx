/**
 * A pinned run's series in one plot: its theories as thin faded lines, SGD as faded markers, and a label
 * at the end of its first drawn line naming the pin and the parameters in which it differs from the current run.
 * Every element carries the pin's number (`data-pin`) and its own run id, never the current one.
 */
import { memo } from 'react';
import type * as d3 from 'd3';
import type { SeriesSnapshot } from '../../runResults';
import type { ValueName } from '../../seedAggregate';
import { seriesStyles } from '../../seriesStyles';
import type { YScale } from '../scales';
import { isPlottable, markAttributes } from './markAttributes';
import { DotMark, markerStride } from './DotMark';
import { LineMark } from './LineMark';

/** Opacity of a pinned run's marks: visible behind the current run, not mistaken for it. */
export const pinOpacity = 0.4;
/** Characters of the in-plot label at most (the legend has the whole text). */
const labelLength = 32;

export interface PinMarksProps {
  /** 1-based number of the pin, as in the legend. */
  number: number;
  /** "pin 1: b = 1, h = 0.5". */
  label: string;
  /** Its drawn series, bottom first. */
  series: readonly SeriesSnapshot[];
  /** Rows of SGD's complete series (marker spacing). */
  sgdRows: number;
  /** Quantities of the plot; the second is dashed / hollow. */
  quantities: readonly { name: ValueName; dashed: boolean }[];
  x: d3.ScaleLinear<number, number>;
  y: YScale;
  logScale: boolean;
  /** The current run's line the label should not sit on (it goes on the other side of the pin's line). */
  avoid: SeriesSnapshot | null;
}

/** Pixel position of the last drawable row of `series` inside the time axis, or null. */
function labelAnchor(series: SeriesSnapshot, quantity: ValueName, x: d3.ScaleLinear<number, number>, y: YScale, logScale: boolean): [number, number] | null {
  const horizon = x.domain()[1];
  for (let k = series.length - 1; k >= 0; k--) {
    const value = series.values[quantity][k];
    if (series.t[k] <= horizon && isPlottable(value, logScale)) return [x(series.t[k]), y(value)];
  }
  return null;
}

export const PinMarks = memo(function PinMarks({ number, label, series, sgdRows, quantities, x, y, logScale, avoid }: PinMarksProps) {
  const scales = { x, y, logScale };
  const lineSeries = series.filter((one) => one.source !== 'sgd');
  const anchor = lineSeries.length > 0 ? labelAnchor(lineSeries[lineSeries.length - 1], quantities[0].name, x, y, logScale) : null;
  const avoided = avoid ? labelAnchor(avoid, quantities[0].name, x, y, logScale) : null;
  // Above the pin's line end unless the current line ends above it (pixels grow downwards): then below.
  const below = anchor !== null && avoided !== null && avoided[1] < anchor[1];
  const [bottom, top] = y.range();
  // Kept inside the plot area (the clip would cut it): a baseline one line below its top, above its bottom.
  const labelY = anchor ? Math.min(bottom - 4, Math.max(top + 12, below ? anchor[1] + 15 : anchor[1] - 6)) : 0;
  const shown = label.length > labelLength ? `${label.slice(0, labelLength - 1)}…` : label;
  return (
    <g className="pin-marks" data-pin={number}>
      <g opacity={pinOpacity}>
        {series.map((one) =>
          quantities.map(({ name, dashed }) => {
            const data = { length: one.length, t: one.t, values: one.values[name] };
            // No data-stale: selectors of the current run's marks (`[data-stale="false"]`) must not find a pin's.
            const attributes = { ...markAttributes(one, name, false), 'data-stale': undefined, 'data-pin': String(number) };
            const color = seriesStyles[one.source].color;
            const key = `${one.source}-${name}`;
            if (one.source === 'sgd') {
              return <DotMark key={key} data={data} {...scales} stride={markerStride(sgdRows)} hollow={dashed} color={color} radius={3} strokeWidth={1} attributes={attributes} />;
            }
            return <LineMark key={key} data={data} {...scales} color={color} width={1.5} dashed={dashed} attributes={attributes} />;
          }),
        )}
      </g>
      {anchor && (
        <text className="pin-label" x={anchor[0] - 4} y={labelY} textAnchor="end" data-pin-label={number}>
          <title>{label}</title>
          {shown}
        </text>
      )}
    </g>
  );
});
