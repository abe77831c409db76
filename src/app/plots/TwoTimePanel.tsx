/**
 * A two-time view: heatmaps of C(t, t′) or R(t, t′) for the theories and simulations of the current run on one
 * viridis colour scale, with a hover readout, and below them the cut at a chosen t′ against t − t′, theory
 * against simulation. A source whose matrices the current run has not sent yet shows the previous run's, faded
 * and marked stale (data-stale), as the line plots do; nothing of a previous run is drawn as current. Each heatmap is one PNG <image> (heatmapImage.ts), not n² rects.
 */
import { memo, useCallback, useId, useMemo, useState, type MouseEvent } from 'react';
import * as d3 from 'd3';
import { downloadBlob } from '../exportData';
import { formatNumber } from '../format';
import type { RunSnapshot } from '../runResults';
import { seriesStyles, staleOpacity } from '../seriesStyles';
import { twoTimeSources, type TwoTimeSnapshot, type TwoTimeSnapshots, type TwoTimeSource } from '../twoTimeResults';
import { twoTimeDataFile } from '../twoTimeExport';
import { heatmapDataUrl, heatmapInterpolator } from './heatmapImage';
import { colourDomain, cutAt, matrixOf, valueAt, type TwoTimePanelSpec, type TwoTimeQuantity } from './twoTimePanels';
import { useParentSize } from './useParentWidth';
import { AxisBottom } from './marks/AxisBottom';
import { AxisLeft } from './marks/AxisLeft';
import './twoTime.css';

export interface TwoTimePanelProps {
  spec: TwoTimePanelSpec;
  current: RunSnapshot;
  /** The run before, whose matrices stand in, faded, until the current run's arrive. */
  previous?: RunSnapshot | null;
}

const sourceTitles: Record<TwoTimeSource, string> = {
  theory: 'DMFT of the SGF',
  sgdTheory: 'DMFT of SGD',
  sgf: 'SGF simulation',
  sgd: 'SGD simulation',
};

/** Name of the User Timing measure of each heatmap encoding (read by test/e2e/twoTime.test.ts). */
export const heatmapMeasure = 'two-time heatmap';

const layout = { left: 52, gap: 44, colourBar: 70, titleHeight: 20, axisHeight: 40, cutHeight: 200 };

interface Hover {
  source: TwoTimeSource;
  t: number;
  tPrime: number;
}

/** The sources of `spec` this run has a job for (an SGD theory that coincides with the SGF's has none). */
function expectedSources(sources: readonly TwoTimeSource[], current: RunSnapshot): TwoTimeSource[] {
  return sources.filter((source) => current.status[source].jobsTotal > 0);
}

/** Per source, the current run's matrices, else the previous run's (stale) where the current run has a job for that source. */
function drawnSnapshots(current: RunSnapshot, previous: RunSnapshot | null): { drawn: TwoTimeSnapshots; stale: Set<TwoTimeSource> } {
  const stale = new Set<TwoTimeSource>();
  const drawn = Object.fromEntries(
    twoTimeSources.map((source) => {
      const fresh = current.twoTime[source];
      const old = current.status[source].jobsTotal > 0 ? (previous?.twoTime[source] ?? null) : null;
      if (!fresh && old) stale.add(source);
      return [source, fresh ?? old];
    }),
  ) as TwoTimeSnapshots;
  return { drawn, stale };
}

export function TwoTimePanel({ spec, current, previous = null }: TwoTimePanelProps) {
  const [containerRef, { width }] = useParentSize<HTMLDivElement>();
  const horizon = current.params.horizon;
  const [cutFraction, setCutFraction] = useState(0.25);
  const [hover, setHover] = useState<Hover | null>(null);
  const cutTime = cutFraction * horizon;
  const heatmaps = expectedSources(spec.heatmaps, current);
  // Rounded outwards to nice values, so that a seed arriving seldom moves the scale (and re-encodes every map).
  const { drawn, stale } = useMemo(() => drawnSnapshots(current, previous), [current, previous]);
  const rawDomain = colourDomain(drawn, heatmaps, spec.id);
  const niceDomain = rawDomain && (d3.scaleLinear().domain(rawDomain).nice(5).domain() as [number, number]);
  const domain = useMemo(() => niceDomain, [niceDomain?.[0], niceDomain?.[1]]);
  const onPick = useCallback((tPrime: number) => setCutFraction(Math.max(0, Math.min(0.95, tPrime / horizon))), [horizon]);

  const size = Math.max(90, Math.min(260, (width - layout.left - layout.colourBar - layout.gap * (heatmaps.length - 1)) / heatmaps.length));
  const heatTop = layout.titleHeight;
  const cutTop = heatTop + size + layout.axisHeight + 16;
  const height = cutTop + layout.cutHeight;
  const hovered = hover && current.twoTime[hover.source];
  const readout = hover && hovered ? valueAt(hovered, spec.id, hover.t, hover.tPrime) : null;

  return (
    <figure className="panel two-time" data-panel={spec.id}>
      <figcaption className="panel-header">
        <h2>{spec.title}</h2>
        <label className="two-time-cut" title="the time t′ of the cut drawn below the heatmaps">
          cut at t′ = {formatNumber(cutTime)}{' '}
          <input type="range" min={0} max={0.95} step={1 / 128} value={cutFraction} aria-label="time t′ of the cut" onChange={(event) => setCutFraction(Number(event.target.value))} />
        </label>
        <span className="two-time-export">
          {(['csv', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              data-export={`${spec.id}-${format}`}
              disabled={heatmaps.every((source) => current.twoTime[source] === null)}
              title={`save the ${spec.symbol}(t, t′) matrices of this run as ${format.toUpperCase()} (layout: src/app/twoTimeExport.ts)`}
              onClick={() => {
                const file = twoTimeDataFile(current, spec, format);
                if (file) downloadBlob(new Blob([file.text], { type: file.type }), file.name);
              }}
            >
              {format.toUpperCase()}
            </button>
          ))}
        </span>
      </figcaption>
      <p className="legend-styles two-time-note">
        {spec.valueLabel}; colour: viridis on one scale for every map. Times in continuous-time units; t grows upwards, t′ to the right.
        {spec.id === 'response' ? ' The simulations do not measure a response.' : ' Simulations: mean over the seeds received so far.'}
        {stale.size > 0 && ' Faded: the previous parameters, until this run’s matrices arrive.'}
      </p>
      <div ref={containerRef} className="plot-area">
        <svg role="img" aria-label={spec.ariaLabel} width={width} height={height} onPointerLeave={() => setHover(null)}>
          {heatmaps.map((source, index) => (
            <HeatmapMark
              key={source}
              source={source}
              quantity={spec.id}
              snapshot={drawn[source]}
              stale={stale.has(source)}
              failed={current.status[source].state === 'failed'}
              domain={domain}
              left={layout.left + index * (size + layout.gap)}
              top={heatTop}
              size={size}
              horizon={horizon}
              cutTime={cutTime}
              onHover={setHover}
              onPick={onPick}
            />
          ))}
          {domain && <ColourBar domain={domain} left={layout.left + heatmaps.length * (size + layout.gap) - layout.gap + 12} top={heatTop} size={size} />}
          <CutPlot spec={spec} drawn={drawn} stale={stale} horizon={horizon} cutTime={cutTime} top={cutTop} width={width} height={layout.cutHeight} />
        </svg>
        <p className="two-time-readout" aria-live="polite">
          {readout && hover
            ? `${sourceTitles[hover.source]}: ${spec.symbol}(t = ${formatNumber(readout.t)}, t′ = ${formatNumber(readout.tPrime)}) = ${formatNumber(readout.value, 4)}`
            : `${cutSummary(spec, current, cutTime)} Hover over a map for its value; click it to cut at that t′.`}
        </p>
      </div>
    </figure>
  );
}

interface HeatmapMarkProps {
  source: TwoTimeSource;
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
  onHover: (hover: Hover | null) => void;
  onPick: (tPrime: number) => void;
}

/** One heatmap: its title, the image, its axes, and the cut's t′ as a rule. Memoized: redrawn when its matrix or scale changes. */
const HeatmapMark = memo(function HeatmapMark({ source, quantity, snapshot, stale, failed, domain, left, top, size, horizon, cutTime, onHover, onPick }: HeatmapMarkProps) {
  const matrix = snapshot && matrixOf(snapshot, quantity);
  const n = snapshot?.times.length ?? 0;
  const href = useMemo(() => {
    if (!matrix || !domain || n === 0) return null;
    const start = performance.now();
    const url = heatmapDataUrl(matrix, n, domain[0], domain[1]);
    performance.measure(heatmapMeasure, { start, end: performance.now() }); // User Timing: the e2e test reads these
    return url;
  }, [matrix, n, domain?.[0], domain?.[1]]);
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
        {sourceTitles[source]}
        {seedNote}
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

/** The colour scale's key: a viridis gradient with the domain's ticks. */
function ColourBar({ domain, left, top, size }: { domain: [number, number]; left: number; top: number; size: number }) {
  const gradientId = `two-time-gradient-${useId().replace(/[^\w-]/g, '')}`;
  const scale = d3.scaleLinear().domain(domain).range([top + size, top]);
  const stops = d3.range(11).map((i) => i / 10);
  return (
    <g className="colour-bar" aria-hidden="true">
      <defs>
        <linearGradient id={gradientId} x1="0" x2="0" y1="1" y2="0">
          {stops.map((stop) => (
            <stop key={stop} offset={stop} stopColor={heatmapInterpolator(stop)} />
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

interface CutPlotProps {
  spec: TwoTimePanelSpec;
  drawn: TwoTimeSnapshots;
  stale: Set<TwoTimeSource>;
  horizon: number;
  cutTime: number;
  top: number;
  width: number;
  height: number;
}

/** F(t′ + τ, t′) against τ: theories as lines, SGF as a line with its ±1 s.e. band, SGD as dots. */
function CutPlot({ spec, drawn, stale, horizon, cutTime, top, width, height }: CutPlotProps) {
  const margin = { left: 66, right: 150, bottom: 48 };
  const cuts = spec.cut.flatMap((source) => {
    const snapshot = drawn[source];
    const cut = snapshot && cutAt(snapshot, spec.id, cutTime);
    return cut ? [{ source, cut, runId: snapshot.runId }] : [];
  });
  const maxLag = horizonLag(horizon, cutTime);
  const x = d3.scaleLinear().domain([0, maxLag]).range([margin.left, Math.max(margin.left + 40, width - margin.right)]);
  const extent = d3.extent(cuts.flatMap(({ cut }) => cut.values.flatMap((value, i) => [value - (cut.standardErrors?.[i] ?? 0), value + (cut.standardErrors?.[i] ?? 0)]).filter(Number.isFinite)));
  const [low, high] = extent[0] === undefined ? [0, 1] : extent[0] === extent[1] ? [extent[0] - 1, extent[1] + 1] : extent;
  const y = d3.scaleLinear().domain([low, high]).nice().range([top + height - margin.bottom, top + 8]);
  return (
    <g className="two-time-cut-plot">
      <AxisLeft scale={y} left={margin.left} right={x.range()[1]} label={`${spec.symbol}(t′ + τ, t′)`} shortLabel={spec.symbol} />
      <AxisBottom scale={x} top={top + 8} bottom={top + height - margin.bottom} label="lag τ = t − t′ (continuous-time units)" shortLabel="τ = t − t′" />
      {cuts.map(({ source, cut, runId }) => {
        const style = seriesStyles[source];
        const points = cut.lags.map((lag, i) => [x(lag), y(cut.values[i])] as [number, number]).filter(([, py]) => Number.isFinite(py));
        const common = { 'data-series': source, 'data-run': String(runId), 'data-quantity': spec.id, 'data-points': String(points.length), 'data-stale': String(stale.has(source)), 'data-cut-at': formatNumber(cut.at, 6) };
        if (source === 'sgd') {
          return (
            <g key={source} opacity={stale.has(source) ? staleOpacity : 1} {...common}>
              {points.map(([px, py], i) => (
                <circle key={i} cx={px} cy={py} r={2.5} fill={style.color} />
              ))}
            </g>
          );
        }
        const band =
          cut.standardErrors &&
          d3
            .area<number>()
            .x((_, i) => x(cut.lags[i]))
            .y0((value, i) => y(value - cut.standardErrors![i]))
            .y1((value, i) => y(value + cut.standardErrors![i]))(cut.values);
        return (
          <g key={source} opacity={stale.has(source) ? staleOpacity : 1}>
            {band && <path d={band} fill={style.color} opacity={0.2} />}
            <path d={d3.line()(points) ?? ''} fill="none" stroke={style.color} strokeWidth={style.lineWidth} strokeDasharray={source === 'sgdTheory' ? '6 4' : undefined} {...common} />
          </g>
        );
      })}
      <g className="two-time-key">
        {cuts.map(({ source }, i) => (
          <g key={source} transform={`translate(${x.range()[1] + 14},${top + 16 + i * 18})`}>
            <line x1={0} x2={18} y1={0} y2={0} stroke={seriesStyles[source].color} strokeWidth={2} strokeDasharray={source === 'sgdTheory' ? '6 4' : source === 'sgd' ? '2 3' : undefined} />
            <text x={24} y={4}>
              {seriesStyles[source].shortLabel}
            </text>
          </g>
        ))}
        {cuts.length === 0 && (
          <text x={(margin.left + x.range()[1]) / 2} y={top + height / 2 - 10} textAnchor="middle" className="heatmap-waiting">
            computing…
          </text>
        )}
      </g>
    </g>
  );
}

/** The cut in words, first and last lag of each source (what a keyboard user moving the t′ slider hears). */
function cutSummary(spec: TwoTimePanelSpec, current: RunSnapshot, cutTime: number): string {
  const parts = spec.cut.flatMap((source) => {
    const snapshot = current.twoTime[source];
    const cut = snapshot && cutAt(snapshot, spec.id, cutTime);
    if (!cut || cut.lags.length === 0) return [];
    const last = cut.lags.length - 1;
    return [`${seriesStyles[source].shortLabel} ${formatNumber(cut.values[0])} at τ = ${formatNumber(cut.lags[0])} → ${formatNumber(cut.values[last])} at τ = ${formatNumber(cut.lags[last])}`];
  });
  if (parts.length === 0) return '';
  return `Cut at t′ = ${formatNumber(cutTime)}: ${spec.symbol}(t′ + τ, t′) ${parts.join('; ')}.`;
}

/** The longest lag a cut at t′ can reach within the horizon. */
function horizonLag(horizon: number, cutTime: number): number {
  return Math.max(horizon - cutTime, horizon / 100);
}
