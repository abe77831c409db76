/**
 * The committee machine's hidden units: heatmaps of q(t) = ΘᵀΘ/d and M(t) = ΘᵀΘ* / d for the theories and the
 * simulations at a time chosen with a scrubber, and below them the chosen entries (or the permutation-invariant
 * summaries) against time, theory as lines and simulations as mean ± s.e. bands. A source the current run has not sent
 * yet shows the previous run's, faded and marked stale; nothing of a previous run is drawn as current.
 */
import { useMemo, useState } from 'react';
import * as d3 from 'd3';
import { formatNumber } from '../format';
import type { RunSnapshot } from '../runResults';
import { seriesStyles, staleOpacity } from '../seriesStyles';
import { useParentSize } from '../plots/useParentWidth';
import { committeePanelId } from '../plots/panels';
import { committeeDataFile } from './committeeExport';
import { colourExtent, drawnCommittee, lineGroups, type LineGroup } from './committeeView';
import { MatrixHeatmap, type MatrixHover } from './MatrixHeatmap';
import { EntryLines } from './EntryLines';
import './committee.css';
import { viewSources, viewSourceTitles, type ViewSource } from '../viewSources';
import { DataExportButtons } from '../plots/DataExportButtons';
import { InlineMenu } from '../controls/InlineMenu';

export interface CommitteePanelProps {
  current: RunSnapshot;
  previous?: RunSnapshot | null;
}

const cellSize = 34;
const lineHeight = 240;

export function CommitteePanel({ current, previous = null }: CommitteePanelProps) {
  const [containerRef, { width }] = useParentSize<HTMLDivElement>();
  const horizon = current.params.horizon;
  const [fraction, setFraction] = useState(1);
  const [group, setGroup] = useState<LineGroup>('M');
  const [hover, setHover] = useState<MatrixHover | null>(null);
  const time = fraction * horizon;
  const { drawn, stale } = useMemo(() => drawnCommittee(current, previous), [current, previous]);
  const shown = viewSources.filter((source) => drawn[source] !== null);
  const extent = colourExtent(drawn, time);
  const colour = useMemo(() => d3.scaleDiverging(d3.interpolateRdBu).domain([extent, 0, -extent]), [extent]);
  const sample = shown.map((source) => drawn[source]!)[0];
  const p = sample?.hidden ?? 1;
  const pStar = sample?.teacherHidden ?? 1;
  const blockWidth = (p + pStar) * cellSize + 40;
  const perRow = Math.max(1, Math.floor((width - 20) / blockWidth));
  const heatRows = Math.ceil(shown.length / perRow);
  const blockHeight = p * cellSize + 44;
  const linesTop = heatRows * blockHeight + 10;
  const height = linesTop + lineHeight;
  const noData = shown.length === 0;

  return (
    <figure className="panel committee" data-panel={committeePanelId}>
      <figcaption className="panel-header">
        <h2>Hidden units: q(t) and M(t)</h2>
        <label className="committee-time" title="the time of the matrices drawn as heatmaps">
          t = {formatNumber(time)}{' '}
          <input type="range" min={0} max={1} step={1 / 200} value={fraction} aria-label="time of the matrices" onChange={(event) => setFraction(Number(event.target.value))} />
        </label>
        <InlineMenu
          className="committee-group"
          label="lines:"
          ariaLabel="what the line plot shows"
          value={group}
          options={lineGroups.map((option) => ({ value: option.id, label: option.label }))}
          onChange={setGroup}
        />
        <DataExportButtons
          id="committee"
          disabled={viewSources.every((source) => current.committee[source] === null)}
          what="q(t) and M(t) of this run"
          layout="the CLI's schema, one block per source"
          fileOf={(format) => committeeDataFile(current, format)}
        />
      </figcaption>
      <p className="legend-styles committee-note">
        q = ΘᵀΘ/d (student × student), M = ΘᵀΘ*/d (student × teacher) at t = {formatNumber(time)}; colour: red positive, blue negative, one scale for every map.
        Lines: theories solid (DMFT of SGD dashed), simulations mean ± s.e. over the seeds received so far{group === 'summaries' ? ' (summaries of the seed-mean matrices, without bands)' : ''}.
        {stale.size > 0 && ' Faded: the previous parameters, until this run’s matrices arrive.'}
      </p>
      <div ref={containerRef} className="plot-area">
        <svg role="img" aria-label={`committee matrices q and M at time t = ${formatNumber(time)}, and ${lineGroups.find((option) => option.id === group)!.label} against time`} width={width} height={height} onPointerLeave={() => setHover(null)}>
          {noData && (
            <text x={20} y={30} className="committee-waiting">
              waiting for the first matrices of this run…
            </text>
          )}
          {shown.map((source, index) => (
            <MatrixHeatmap
              key={source}
              source={source}
              title={viewSourceTitles[source]}
              snapshot={drawn[source]!}
              stale={stale.has(source)}
              time={time}
              colour={colour}
              cellSize={cellSize}
              left={10 + (index % perRow) * blockWidth}
              top={Math.floor(index / perRow) * blockHeight}
              onHover={setHover}
            />
          ))}
          <EntryLines drawn={drawn} stale={stale} sources={shown} group={group} horizon={horizon} time={time} top={linesTop} width={width} height={lineHeight} styleOf={styleOf} />
        </svg>
        <p className="committee-readout" aria-live="polite">
          {hover
            ? `${viewSourceTitles[hover.source]}: ${hover.name}(t = ${formatNumber(hover.t)}) = ${formatNumber(hover.value, 4)}${hover.standardError !== null ? ` ± ${formatNumber(hover.standardError, 2)}` : ''}`
            : 'Hover over a cell for its value; move the time slider to animate the matrices.'}
        </p>
      </div>
    </figure>
  );
}

function styleOf(source: ViewSource, stale: boolean): { color: string; opacity: number; dash: string | undefined } {
  const style = seriesStyles[source];
  return { color: style.color, opacity: stale ? staleOpacity : style.lineOpacity, dash: source === 'sgdTheory' ? '6 3' : source === 'sgd' ? '2 3' : undefined };
}
