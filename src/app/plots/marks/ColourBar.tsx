/** The colour key of the two-time heatmaps. */
import { useId } from 'react';
import * as d3 from 'd3';
import { formatNumber } from '../../format';
import { heatmapInterpolator, type Interpolator } from '../heatmapImage';

export interface ColourBarProps {
  domain: [number, number];
  left: number;
  top: number;
  size: number;
  /** Colour scale (default viridis). */
  interpolator?: Interpolator;
}

/** The colour scale's key: its gradient with the domain's ticks. */
export function ColourBar({ domain, left, top, size, interpolator = heatmapInterpolator }: ColourBarProps) {
  const gradientId = `two-time-gradient-${useId().replace(/[^\w-]/g, '')}`;
  const scale = d3.scaleLinear().domain(domain).range([top + size, top]);
  const stops = d3.range(11).map((i) => i / 10);
  return (
    <g className="colour-bar" aria-hidden="true">
      <defs>
        <linearGradient id={gradientId} x1="0" x2="0" y1="1" y2="0">
          {stops.map((stop) => (
            <stop key={stop} offset={stop} stopColor={interpolator(stop)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={left} y={top} width={12} height={size} fill={`url(#${gradientId})`} />
      {scale.ticks(5).map((tick) => (
        <text key={tick} x={left + 16} y={scale(tick) + 4}>
          {formatNumber(tick)}
        </text>
      ))}
    </g>
  );
}
