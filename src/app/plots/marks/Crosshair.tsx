/** The hover crosshair: a vertical rule at time t and a box with every series' value there. */
import * as d3 from 'd3';
import { useLayoutEffect, useRef, useState } from 'react';
import { formatNumber } from '../../format';
import { sourceReadingOrder } from '../../../pipeline/protocol';
import type { SeriesSnapshot } from '../../runResults';
import { seriesStyles } from '../../seriesStyles';
import type { QuantitySpec } from '../panels';
import type { YScale } from '../scales';
import { isPlottable } from './markAttributes';

export interface CrosshairProps {
  /** Time under the pointer. */
  time: number;
  /** Series of the current run drawn in the plot. */
  series: readonly SeriesSnapshot[];
  /** Quantities of the plot. */
  quantities: readonly QuantitySpec[];
  /** Time scale. */
  x: d3.ScaleLinear<number, number>;
  /** Value scale. */
  y: YScale;
  /** The y scale is logarithmic. */
  logScale: boolean;
  /** Top of the plot area. */
  top: number;
  /** Bottom of the plot area. */
  bottom: number;
  /** Width of the whole plot (the readout box stays inside it). */
  width: number;
  /** Height of the whole plot. */
  height: number;
}

interface Reading {
  key: string;
  color: string;
  text: string;
  cx: number;
  cy: number | null;
}

const lineHeight = 17;
const characterWidth = 7.4;

/** A pixel height inside the plot area (a clamped-off value of a diverging series is not), else null. */
function onPlot(pixel: number, top: number, bottom: number): number | null {
  return Number.isFinite(pixel) && pixel >= top - 1 && pixel <= bottom + 1 ? pixel : null;
}

export function Crosshair({ time, series, quantities, x, y, logScale, top, bottom, width, height }: CrosshairProps) {
  const textRefs = useRef<(SVGTextElement | null)[]>([]);
  const [measuredWidth, setMeasuredWidth] = useState<number | null>(null);
  const readings: Reading[] = [];
  const ordered = [...series].sort((a, b) => sourceReadingOrder.indexOf(a.source) - sourceReadingOrder.indexOf(b.source));
  for (const entry of ordered) {
    const k = d3.bisectCenter(entry.t, time);
    const rowTime = entry.t[k];
    // Only where the series exists: no value beyond the rows computed so far.
    if (k >= entry.length || Math.abs(rowTime - time) > Math.max(1e-9, (entry.t[1] ?? 1) - entry.t[0])) continue;
    for (const quantity of quantities) {
      const value = entry.values[quantity.name][k];
      const error = entry.standardError?.[quantity.name][k];
      const style = seriesStyles[entry.source];
      const name = quantities.length > 1 ? `${style.shortLabel} ${quantity.shortLabel}` : style.shortLabel;
      readings.push({
        key: `${entry.source}-${quantity.name}`,
        color: style.color,
        text: `${name}: ${formatNumber(value)}${error !== undefined && error > 0 ? ` ± ${formatNumber(error, 2)}` : ''}`,
        cx: x(rowTime),
        cy: isPlottable(value, logScale) ? onPlot(y(value), top, bottom) : null,
      });
    }
  }
  const position = x(time);
  const lines = [`t = ${formatNumber(time)}`, ...readings.map((reading) => reading.text)];
  // The widest line as drawn (the font differs in presentation mode); an estimate where text is not measured (jsdom).
  const key = lines.join('\n');
  useLayoutEffect(() => {
    const widths = textRefs.current.slice(0, lines.length).map((node) => (node && typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : null));
    setMeasuredWidth(widths.every((value) => value !== null) ? Math.max(...(widths as number[])) : null);
  }, [key]);
  const textWidth = measuredWidth ?? Math.max(...lines.map((line) => line.length)) * characterWidth;
  const boxWidth = Math.ceil(textWidth) + 16;
  const boxHeight = lines.length * lineHeight + 10;
  // Right of the pointer, else left of it, and never past either edge of the plot.
  const preferred = position + 12 + boxWidth > width - 2 ? position - 12 - boxWidth : position + 12;
  const boxX = Math.max(2, Math.min(preferred, width - 2 - boxWidth));
  // A plot smaller than the readout (a phone, a small embed) gets it scaled down to fit.
  const scale = Math.min(1, (width - 4) / boxWidth, (height - top - 6) / boxHeight);
  return (
    <g className="crosshair" pointerEvents="none" aria-hidden="true">
      <line x1={position} x2={position} y1={top} y2={bottom} className="crosshair-rule" />
      {readings.map((reading) =>
        reading.cy === null ? null : <circle key={reading.key} cx={reading.cx} cy={reading.cy} r={4} fill="white" stroke={reading.color} strokeWidth={2} />,
      )}
      <g transform={`translate(${boxX},${top + 4})${scale < 1 ? ` scale(${scale.toFixed(3)})` : ''}`}>
        <rect width={boxWidth} height={boxHeight} rx={4} className="crosshair-box" />
        {lines.map((line, i) => (
          <text
            key={i}
            ref={(node) => void (textRefs.current[i] = node)}
            x={8}
            y={8 + (i + 0.8) * lineHeight}
            fill={i === 0 ? '#333' : readings[i - 1].color}
            className="crosshair-text"
          >
            {line}
          </text>
        ))}
      </g>
    </g>
  );
}
