/** One heatmap of a two-time view: a single PNG <image> of the matrix (not n² rects), its axes, and the cut's t′ as a rule. */
import { memo, useId, useMemo, type MouseEvent } from 'react';
import * as d3 from 'd3';
import { formatNumber } from '../../format';
import { staleOpacity } from '../../seriesStyles';
import type { TwoTimeSnapshot } from '../../twoTimeResults';
import { heatmapDataUrl, heatmapInterpolator, type Interpolator } from '../heatmapImage';
import { matrixOf, twoTimeSourceTitles, type TwoTimeHover, type TwoTimeQuantity } from '../twoTimePanels';
import type { ViewSource } from '../../viewSources';

/** Name of the User Timing measure of each heatmap encoding (read by test/e2e/twoTime.test.ts). */
export const heatmapMeasure = 'two-time heatmap';

export interface HeatmapMarkProps {
  source: ViewSource;
  quantity: TwoTimeQuantity;
  snapshot: TwoTimeSnapshot | null;
  /** The previous run's matrices, standing in: drawn faded. */
  stale: boolean;
  failed: boolean;
  domain: [number, number] | null;
  left: number;
  top: number;
  size: number;
  horizon: number;
  cutTime: number;
  onHover: (hover: TwoTimeHover | null) => void;
  onPick: (tPrime: number) => void;
  /** Colour scale (default viridis). */
  interpolator?: Interpolator;
  /** Draws simulation − theory (the title says so; data-difference marks it). */
  difference?: boolean;
}

/** One heatmap: its title, the image, its axes, and the cut's t′ as a rule. Memoized: redrawn when its matrix or scale changes. */
export const HeatmapMark = memo(function HeatmapMark({
  source,
  quantity,
  snapshot,
  stale,
  failed,
  domain,
  left,
  top,
  size,
  horizon,
  cutTime,
  onHover,
  onPick,
  interpolator = heatmapInterpolator,
  difference = false,
}: HeatmapMarkProps) {
  const matrix = snapshot && matrixOf(snapshot, quantity);
  const n = snapshot?.times.length ?? 0;
  const href = useMemo(() => {
    if (!matrix || !domain || n === 0) return null;
    const start = performance.now();
    const url = heatmapDataUrl(matrix, n, domain[0], domain[1], interpolator);
    performance.measure(heatmapMeasure, { start, end: performance.now() }); // User Timing: the e2e test reads these
    return url;
  }, [matrix, n, domain?.[0], domain?.[1], interpolator]);
  const x = d3.scaleLinear().domain([0, horizon]).range([left, left + size]);
  const y = d3.scaleLinear().domain([0, horizon]).range([top + size, top]);
  const lastTime = n > 0 ? snapshot!.times[n - 1] : 0;
  const ticks = x.ticks(Math.max(2, Math.floor(size / 60)));
  const seedNote = snapshot && snapshot.seeds > 1 ? ` (${snapshot.seeds} seeds)` : '';
  const clipId = `heatmap-clip-${useId().replace(/[^\w-]/g, '')}`; // a previous run's map may reach past this horizon
  const position = (event: MouseEvent<SVGElement>): { t: number; tPrime: number } => {
    const bounds = (event.currentTarget.ownerSVGElement ?? (event.currentTarget as SVGSVGElement)).getBoundingClientRect();
    return { tPrime: x.invert(event.clientX - bounds.left), t: y.invert(event.clientY - bounds.top) };
  };
  return (
    <g className="heatmap" data-heatmap={source}>
      <text x={left} y={top - 6} className="heatmap-title">
        {twoTimeSourceTitles[source]}
        {seedNote}
        {difference && ' − theory'}
      </text>
      <defs>
        <clipPath id={clipId}>
          <rect x={left} y={top} width={size} height={size} />
        </clipPath>
      </defs>
      <rect x={left} y={top} width={size} height={size} className="heatmap-frame" />
      {href && snapshot ? (
        <image
          href={href}
          x={left}
          y={y(lastTime)}
          width={x(lastTime) - left}
          height={top + size - y(lastTime)}
          preserveAspectRatio="none"
          style={{ imageRendering: 'pixelated' }}
          opacity={stale ? staleOpacity : 1}
          clipPath={`url(#${clipId})`}
          data-series={source}
          data-run={snapshot.runId}
          data-quantity={quantity}
          data-points={n}
          data-stale={String(stale)}
          data-difference={String(difference)}
          onPointerMove={(event) => onHover({ source, ...position(event) })}
          onClick={(event) => onPick(position(event).tPrime)}
        />
      ) : (
        <text x={left + size / 2} y={top + size / 2} textAnchor="middle" className="heatmap-waiting">
          {failed ? 'failed' : 'computing…'}
        </text>
      )}
      <line x1={x(cutTime)} x2={x(cutTime)} y1={top} y2={top + size} className="heatmap-cut" />
      <g className="axis" aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick}>
            <text x={x(tick)} y={top + size + 16} textAnchor="middle">
              {formatNumber(tick)}
            </text>
            <text x={left - 6} y={y(tick) + 4} textAnchor="end">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        <text x={left + size / 2} y={top + size + 34} textAnchor="middle" className="axis-label">
          t′
        </text>
        <text x={left - 30} y={top + size / 2} textAnchor="middle" className="axis-label">
          t
        </text>
      </g>
    </g>
  );
});
