/** The value axis: ticks, grid lines and its label (linear or log); the label shortens rather than run past the plot. */
import { memo } from 'react';
import type { YScale } from '../scales';
import { tickFormatter } from '../tickFormat';
import { useFittingLabel, type FittingLabelProps } from './fittingLabel';

export interface AxisLeftProps extends FittingLabelProps {
  /** Value scale. */
  scale: YScale;
  /** Left edge of the plot area (the axis line). */
  left: number;
  /** Right edge of the plot area (grid lines end here). */
  right: number;
}

/** Memoized: re-renders only when its series or scales change. */
export const AxisLeft = memo(function AxisLeft({ scale, left, right, label, shortLabel }: AxisLeftProps) {
  const [bottom, top] = scale.range();
  const count = Math.max(2, Math.floor((bottom - top) / 45));
  let ticks = scale.ticks(count);
  // A log scale's ticks include every minor step: keep about `count` of them, powers of ten first.
  if (ticks.length > count + 2) {
    const powers = ticks.filter((tick) => Math.abs(Math.log10(tick) - Math.round(Math.log10(tick))) < 1e-9);
    ticks = powers.length >= 2 ? powers : ticks.filter((_, i) => i % Math.ceil(ticks.length / count) === 0);
  }
  const format = tickFormatter(ticks);
  const [shown, probeRef] = useFittingLabel(label, shortLabel, bottom - top);
  return (
    <g className="axis axis-y" aria-hidden="true">
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(0,${scale(tick)})`}>
          <line x1={left} x2={right} className="grid" />
          <line x1={left - 5} x2={left} className="tick" />
          <text x={left - 8} dy="0.32em" textAnchor="end">
            {format(tick)}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={top} y2={bottom} className="domain" />
      <text className="axis-label" data-full-label={label} transform={`translate(${left - 49},${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle">
        {shown}
      </text>
      <text ref={probeRef} className="axis-label" visibility="hidden" x={0} y={0} data-probe="" />
    </g>
  );
});
