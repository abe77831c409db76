/** The cut of a two-time view at a chosen t′: F(t′ + τ, t′) against the lag τ, theory against simulation, and the same in words. */
import * as d3 from 'd3';
import { formatNumber } from '../format';
import type { RunSnapshot } from '../runResults';
import { seriesStyles, staleOpacity } from '../seriesStyles';
import type { TwoTimeSnapshots } from '../twoTimeResults';
import { cutAt, type TwoTimePanelSpec } from './twoTimePanels';
import { AxisBottom } from './marks/AxisBottom';
import { AxisLeft } from './marks/AxisLeft';
import type { ViewSource } from '../viewSources';

export interface TwoTimeCutPlotProps {
  spec: TwoTimePanelSpec;
  drawn: TwoTimeSnapshots;
  stale: Set<ViewSource>;
  horizon: number;
  cutTime: number;
  top: number;
  width: number;
  height: number;
}

/** F(t′ + τ, t′) against τ: theories as lines, SGF as a line with its ±1 s.e. band, SGD as dots. */
export function TwoTimeCutPlot({ spec, drawn, stale, horizon, cutTime, top, width, height }: TwoTimeCutPlotProps) {
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
export function cutSummary(spec: TwoTimePanelSpec, current: RunSnapshot, cutTime: number): string {
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
