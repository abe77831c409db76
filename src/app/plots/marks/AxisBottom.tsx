/** The time axis: ticks, grid lines and its label. */
import { memo } from 'react';
import { useFittingLabel, type FittingLabelProps } from './fittingLabel';
import type * as d3 from 'd3';
import { tickFormatter } from '../tickFormat';

export interface AxisBottomProps extends FittingLabelProps {
  /** Time scale. */
  scale: d3.ScaleLinear<number, number>;
  /** Top of the plot area (grid lines start here). */
  top: number;
  /** Bottom of the plot area (the axis line). */
  bottom: number;
}

/** Memoized: re-renders only when its series or scales change. */
export const AxisBottom = memo(function AxisBottom({ scale, top, bottom, label, shortLabel }: AxisBottomProps) {
  const [left, right] = scale.range();
  const ticks = scale.ticks(Math.max(2, Math.floor((right - left) / 80)));
  const format = tickFormatter(ticks);
  const [shown, probeRef] = useFittingLabel(label, shortLabel, right - left + 40);
  return (
    <g className="axis axis-x" aria-hidden="true">
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(${scale(tick)},0)`}>
          <line y1={top} y2={bottom} className="grid" />
          <line y1={bottom} y2={bottom + 5} className="tick" />
          <text y={bottom + 20} textAnchor="middle">
            {format(tick)}
          </text>
        </g>
      ))}
      <line x1={left} x2={right} y1={bottom} y2={bottom} className="domain" />
      <text className="axis-label" x={(left + right) / 2} y={bottom + 42} textAnchor="middle">
        {shown}
      </text>
      <text ref={probeRef} className="axis-label" visibility="hidden" x={0} y={0} data-probe="" />
    </g>
  );
});
