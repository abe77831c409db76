/** The chosen committee series against time: one colour per entry, line style per source, simulation s.e. as bands. */
import * as d3 from 'd3';
import type { CommitteeSnapshots } from '../committeeResults';
import { AxisBottom } from '../plots/marks/AxisBottom';
import { AxisLeft } from '../plots/marks/AxisLeft';
import { timeAxisLabel, timeAxisShortLabel } from '../plots/panels';
import { groupSeries, type EntrySeries, type LineGroup } from './committeeView';
import type { ViewSource } from '../viewSources';

export interface EntryLinesProps {
  drawn: CommitteeSnapshots;
  stale: Set<ViewSource>;
  sources: readonly ViewSource[];
  group: LineGroup;
  horizon: number;
  time: number;
  top: number;
  width: number;
  height: number;
  styleOf: (source: ViewSource, stale: boolean) => { color: string; opacity: number; dash: string | undefined };
}

const margin = { left: 52, right: 120, top: 10, bottom: 40 };
const entryColours = d3.schemeTableau10;

export function EntryLines({ drawn, stale, sources, group, horizon, time, top, width, height, styleOf }: EntryLinesProps) {
  const series = sources.map((source) => ({ source, entries: groupSeries(drawn[source]!, group) }));
  const all = series.flatMap(({ entries }) => entries);
  const names = [...new Set(all.map((entry) => entry.name))];
  const values = all.flatMap((entry) => Array.from(entry.values).filter(Number.isFinite));
  const [low, high] = values.length > 0 ? (d3.extent(values) as [number, number]) : [0, 1];
  const x = d3.scaleLinear().domain([0, horizon]).range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([Math.min(0, low), high > low ? high : low + 1]).nice().range([top + height - margin.bottom, top + margin.top]);
  const line = (entry: EntrySeries) =>
    d3.line<number>().defined((i) => Number.isFinite(entry.values[i])).x((i) => x(entry.times[i])).y((i) => y(entry.values[i]))(d3.range(entry.times.length));
  const band = (entry: EntrySeries) =>
    d3
      .area<number>()
      .defined((i) => Number.isFinite(entry.values[i]) && Number.isFinite(entry.standardErrors![i]))
      .x((i) => x(entry.times[i]))
      .y0((i) => y(entry.values[i] - entry.standardErrors![i]))
      .y1((i) => y(entry.values[i] + entry.standardErrors![i]))(d3.range(entry.times.length));
  const colourOf = (name: string): string => entryColours[names.indexOf(name) % entryColours.length];
  return (
    <g className="committee-lines">
      <AxisBottom scale={x} top={top + margin.top} bottom={top + height - margin.bottom} label={timeAxisLabel} shortLabel={timeAxisShortLabel} />
      <AxisLeft scale={y} left={margin.left} right={width - margin.right} label={group === 'summaries' ? 'summaries of q and M' : `entries of ${group}`} shortLabel={group === 'summaries' ? 'summary' : group} />
      <line x1={x(time)} x2={x(time)} y1={top + margin.top} y2={top + height - margin.bottom} className="committee-time-rule" />
      {series.map(({ source, entries }) => {
        const style = styleOf(source, stale.has(source));
        return (
          <g key={source} data-source={source} data-stale={stale.has(source) || undefined} opacity={style.opacity}>
            {entries.map((entry) => (
              <g key={entry.name} data-entry={entry.name}>
                {entry.standardErrors && <path d={band(entry) ?? ''} fill={colourOf(entry.name)} opacity={0.25} />}
                <path d={line(entry) ?? ''} fill="none" stroke={colourOf(entry.name)} strokeWidth={source === 'theory' ? 2.5 : 1.5} strokeDasharray={style.dash} />
              </g>
            ))}
          </g>
        );
      })}
      {names.map((name, index) => (
        <text key={name} x={width - margin.right + 8} y={top + margin.top + 14 + index * 16} fill={colourOf(name)} className="committee-entry-label">
          {all.find((entry) => entry.name === name)!.label}
        </text>
      ))}
    </g>
  );
}
