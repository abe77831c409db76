/**
 * A two-time view: heatmaps of C(t, t′) or R(t, t′) for the theories and simulations of the current run on one
 * viridis colour scale, with a hover readout, and below them the cut at a chosen t′ against t − t′, theory
 * against simulation. A source whose matrices the current run has not sent yet shows the previous run's, faded
 * and marked stale (data-stale), as the line plots do; nothing of a previous run is drawn as current. Each
 * heatmap is one PNG <image> (marks/HeatmapMark.tsx), not n² rects.
 */
import { useCallback, useMemo, useState } from 'react';
import * as d3 from 'd3';
import { formatNumber } from '../format';
import type { RunSnapshot } from '../runResults';
import { type TwoTimeSnapshot, type TwoTimeSnapshots } from '../twoTimeResults';
import { twoTimeDataFile } from '../twoTimeExport';
import { differenceInterpolator, heatmapInterpolator } from './heatmapImage';
import { colourDomain, simulationMinusTheory, symmetricDomain, theoryFor, twoTimeSourceTitles, valueAt, type TwoTimeHover, type TwoTimePanelSpec } from './twoTimePanels';
import { useParentSize } from './useParentWidth';
import { ColourBar } from './marks/ColourBar';
import { HeatmapMark } from './marks/HeatmapMark';
import { cutSummary, TwoTimeCutPlot } from './TwoTimeCutPlot';
import './twoTime.css';
import { drawnBySource, type ViewSource } from '../viewSources';
import { DataExportButtons } from './DataExportButtons';

export interface TwoTimePanelProps {
  spec: TwoTimePanelSpec;
  current: RunSnapshot;
  /** The run before, whose matrices stand in, faded, until the current run's arrive. */
  previous?: RunSnapshot | null;
}

const layout = { left: 52, gap: 44, colourBar: 70, titleHeight: 20, axisHeight: 40, cutHeight: 200 };

/** The sources of `spec` this run has a job for (an SGD theory that coincides with the SGF's has none). */
function expectedSources(sources: readonly ViewSource[], current: RunSnapshot): ViewSource[] {
  return sources.filter((source) => current.status[source].jobsTotal > 0);
}

/** Per source, the current run's matrices, else the previous run's (stale) where the current run has a job for that source. */
function drawnSnapshots(current: RunSnapshot, previous: RunSnapshot | null): { drawn: TwoTimeSnapshots; stale: Set<ViewSource> } {
  return drawnBySource(current, previous, (run) => run.twoTime);
}

/** Each simulation's C minus its theory's, where both are of one run. */
function differenceSnapshots(drawn: TwoTimeSnapshots): Record<'sgf' | 'sgd', TwoTimeSnapshot | null> {
  const of = (algorithm: 'sgf' | 'sgd'): TwoTimeSnapshot | null => {
    const simulation = drawn[algorithm];
    const theory = theoryFor(algorithm, drawn);
    return simulation && theory ? simulationMinusTheory(simulation, theory) : null;
  };
  return { sgf: of('sgf'), sgd: of('sgd') };
}

export function TwoTimePanel({ spec, current, previous = null }: TwoTimePanelProps) {
  const [containerRef, { width }] = useParentSize<HTMLDivElement>();
  const horizon = current.params.horizon;
  const [cutFraction, setCutFraction] = useState(0.25);
  const [hover, setHover] = useState<TwoTimeHover | null>(null);
  const cutTime = cutFraction * horizon;
  const heatmaps = expectedSources(spec.heatmaps, current);
  // Rounded outwards to nice values, so that a seed arriving seldom moves the scale (and re-encodes every map).
  const { drawn, stale } = useMemo(() => drawnSnapshots(current, previous), [current, previous]);
  const rawDomain = colourDomain(drawn, heatmaps, spec.id);
  const niceDomain = rawDomain && (d3.scaleLinear().domain(rawDomain).nice(5).domain() as [number, number]);
  const domain = useMemo(() => niceDomain, [niceDomain?.[0], niceDomain?.[1]]);
  const onPick = useCallback((tPrime: number) => setCutFraction(Math.max(0, Math.min(0.95, tPrime / horizon))), [horizon]);
  // Difference maps: each simulation's C minus its theory's, on a diverging scale symmetric about zero.
  const [showDifference, setShowDifference] = useState(false);
  const differences = useMemo(() => (spec.id === 'correlation' && showDifference ? differenceSnapshots(drawn) : null), [spec.id, showDifference, drawn]);
  const rawDifferenceDomain = differences && symmetricDomain([differences.sgf?.correlation ?? null, differences.sgd?.correlation ?? null]);
  const niceDifference = rawDifferenceDomain && (d3.scaleLinear().domain(rawDifferenceDomain).nice(4).domain() as [number, number]);
  const differenceDomain = useMemo(() => niceDifference, [niceDifference?.[0], niceDifference?.[1]]);
  const extraBar = differences ? layout.colourBar : 0; // the theory's own colour bar, after its map

  const size = Math.max(90, Math.min(260, (width - layout.left - layout.colourBar - extraBar - layout.gap * (heatmaps.length - 1)) / heatmaps.length));
  const leftOf = (index: number): number => layout.left + index * (size + layout.gap) + (index > 0 ? extraBar : 0);
  const heatTop = layout.titleHeight;
  const cutTop = heatTop + size + layout.axisHeight + 16;
  const height = cutTop + layout.cutHeight;
  const hovered = hover && (differences && (hover.source === 'sgf' || hover.source === 'sgd') ? differences[hover.source] : current.twoTime[hover.source]);
  const hoverLabel = hover && differences && (hover.source === 'sgf' || hover.source === 'sgd') ? `${twoTimeSourceTitles[hover.source]} − theory` : hover && twoTimeSourceTitles[hover.source];
  const readout = hover && hovered ? valueAt(hovered, spec.id, hover.t, hover.tPrime) : null;

  return (
    <figure className="panel two-time" data-panel={spec.id}>
      <figcaption className="panel-header">
        <h2>{spec.title}</h2>
        {spec.id === 'correlation' && (
          <label className="two-time-difference" title="draw each simulation's C minus its theory's (SGF − DMFT of the SGF, SGD − DMFT of SGD)">
            <input type="checkbox" checked={showDifference} onChange={(event) => setShowDifference(event.target.checked)} /> simulation − theory
          </label>
        )}
        <label className="two-time-cut" title="the time t′ of the cut drawn below the heatmaps">
          cut at t′ = {formatNumber(cutTime)}{' '}
          <input type="range" min={0} max={0.95} step={1 / 128} value={cutFraction} aria-label="time t′ of the cut" onChange={(event) => setCutFraction(Number(event.target.value))} />
        </label>
        <DataExportButtons
          id={spec.id}
          disabled={heatmaps.every((source) => current.twoTime[source] === null)}
          what={`the ${spec.symbol}(t, t′) matrices of this run`}
          layout="layout: src/app/twoTimeExport.ts"
          fileOf={(format) => twoTimeDataFile(current, spec, format)}
        />
      </figcaption>
      <p className="legend-styles two-time-note">
        {spec.valueLabel}; colour: viridis on one scale for every map{differences ? ', and for the differences a diverging scale (red: simulation above theory)' : ''}. Times in continuous-time units; t grows upwards, t′ to the right.
        {spec.id === 'response' ? ' The simulations do not measure a response.' : ' Simulations: mean over the seeds received so far.'}
        {stale.size > 0 && ' Faded: the previous parameters, until this run’s matrices arrive.'}
      </p>
      <div ref={containerRef} className="plot-area">
        <svg role="img" aria-label={spec.ariaLabel} width={width} height={height} onPointerLeave={() => setHover(null)}>
          {heatmaps.map((source, index) => {
            const difference = differences !== null && (source === 'sgf' || source === 'sgd');
            return (
              <HeatmapMark
                key={source}
                source={source}
                quantity={spec.id}
                snapshot={difference ? differences[source as 'sgf' | 'sgd'] : drawn[source]}
                stale={stale.has(source)}
                failed={current.status[source].state === 'failed'}
                domain={difference ? differenceDomain : domain}
                interpolator={difference ? differenceInterpolator : heatmapInterpolator}
                difference={difference}
                left={leftOf(index)}
                top={heatTop}
                size={size}
                horizon={horizon}
                cutTime={cutTime}
                onHover={setHover}
                onPick={onPick}
              />
            );
          })}
          {domain && <ColourBar domain={domain} left={differences ? leftOf(0) + size + 12 : leftOf(heatmaps.length - 1) + size + 12} top={heatTop} size={size} />}
          {differences && differenceDomain && (
            <ColourBar domain={differenceDomain} left={leftOf(heatmaps.length - 1) + size + 12} top={heatTop} size={size} interpolator={differenceInterpolator} />
          )}
          <TwoTimeCutPlot spec={spec} drawn={drawn} stale={stale} horizon={horizon} cutTime={cutTime} top={cutTop} width={width} height={layout.cutHeight} />
        </svg>
        <p className="two-time-readout" aria-live="polite">
          {readout && hover
            ? `${hoverLabel}: ${spec.symbol}(t = ${formatNumber(readout.t)}, t′ = ${formatNumber(readout.tPrime)}) = ${formatNumber(readout.value, 4)}`
            : `${cutSummary(spec, current, cutTime)} Hover over a map for its value; click it to cut at that t′.`}
        </p>
      </div>
    </figure>
  );
}
