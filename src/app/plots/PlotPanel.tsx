/**
 * One plot: a quantity (or two) against time, with the theory as a line, the SGF seed mean as a
 * line with a ±1 standard-error band, SGD as markers, a legend, a hover crosshair and, for
 * losses, a log-scale toggle. d3 computes scales and path strings; React renders the SVG.
 */
import { useId, useMemo, useState, type PointerEvent } from 'react';
import { groupDivergences } from '../divergences';
import type { RunSnapshot, SeriesSnapshot } from '../runResults';
import { sourceKinds, type JobSource, type TheorySource } from '../../pipeline/protocol';
import { useUiStore } from '../uiStore';
import { sgdTheoryCoincidence } from '../../core/dmft/twoTheories';
import { sameParams } from '../urlState';
import { drawnSeriesOf, pinComputing, pinFailure, pinLabel, type Pin } from '../pins/pinStore';
import '../pins/pins.css';
import { describeStale, Legend } from './Legend';
import { timeAxisLabel, timeAxisShortLabel, type PanelSpec } from './panels';
import { makeTimeScale, makeYScale, margins, valueExtent } from './scales';
import { useParentSize } from './useParentWidth';
import { AxisBottom } from './marks/AxisBottom';
import { AxisLeft } from './marks/AxisLeft';
import { Crosshair } from './marks/Crosshair';
import { DivergenceRule } from './marks/DivergenceRule';
import { PinMarks } from './marks/PinMarks';
import { describedBand } from './theoryBand';
import { SeriesMarks } from './SeriesMarks';

export interface PlotPanelProps {
  /** What the plot shows. */
  spec: PanelSpec;
  /** Results of the current run. */
  current: RunSnapshot;
  /** Results of the previous run, drawn faded where the current run has no series yet. */
  previous: RunSnapshot | null;
  /** Fill the height the layout gives the plot area (embed mode) instead of a height from the width. */
  fill?: boolean;
  /** Runs are computed (false: paused, the faded previous series are not being replaced). */
  playing?: boolean;
  /** Pinned runs, drawn faded under the current run with their labels (never as the current run). */
  pins?: readonly Pin[];
}

interface Layer {
  series: SeriesSnapshot;
  stale: boolean;
}

/** Plot height for a given width: wide plots get flatter, within legible limits. */
function plotHeight(width: number): number {
  return Math.round(Math.min(320, Math.max(200, width * 0.5)));
}

/** Smallest height of a plot that fills its frame. */
const minimumFillHeight = 120;

export function PlotPanel({ spec, current, previous, fill = false, playing = true, pins = [] }: PlotPanelProps) {
  const [containerRef, { width, height: availableHeight, measured }] = useParentSize<HTMLDivElement>(false);
  const [logScale, setLogScale] = useState(false);
  const [hoverTime, setHoverTime] = useState<number | null>(null);
  const clipId = `clip-${useId().replace(/[^\w-]/g, '')}`; // React's ids hold characters that url(#…) would need escaped
  const height = fill && availableHeight > 0 ? Math.max(minimumFillHeight, availableHeight) : plotHeight(width);
  const useLog = spec.logToggle && logScale;

  const hiddenTheories = useUiStore((state) => state.hiddenTheories);
  const showOnline = useUiStore((state) => state.showOnline);
  const showBands = useUiStore((state) => state.showBands);
  // Per source, bottom layer first: the current run's series, else the previous run's marked stale (unless the
  // current run has no job for that source, e.g. an SGD theory that coincides with the SGF's), else nothing.
  const layers: Layer[] = [];
  for (const source of sourceKinds) {
    if (hiddenTheories.includes(source as TheorySource) || (source === 'online' && !showOnline)) continue;
    const fresh = current.series[source];
    const old = previous?.series[source];
    const expected = source === 'exact' || source === 'online' || current.status[source as JobSource].jobsTotal > 0;
    if (fresh) layers.push({ series: fresh, stale: false });
    else if (old && expected) layers.push({ series: old, stale: true });
  }
  const pinLayers = pins.map((pin, index) => ({ pin, label: pinLabel(index + 1, pin, current.params), series: drawnSeriesOf(pin, hiddenTheories) }));
  const quantityNames = spec.quantities.map((quantity) => quantity.name);
  const top = margins.top;
  const bottom = height - margins.bottom;
  const right = width - margins.right;
  const horizon = current.params.horizon;
  // Scales keep their identity while their domain and range do, so unchanged marks are not redrawn.
  const x = useMemo(() => makeTimeScale(horizon, [margins.left, right]), [horizon, right]);
  const candidateY = makeYScale(
    valueExtent(
      [...layers.map((layer) => layer.series), ...pinLayers.flatMap((layer) => layer.series)],
      quantityNames,
      useLog,
    ),
    useLog,
    [bottom, top],
  );
  const [yLow, yHigh] = candidateY.domain();
  const y = useMemo(() => candidateY, [yLow, yHigh, useLog, bottom, top]);

  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const time = x.invert(event.clientX - bounds.left);
    setHoverTime(time >= 0 && time <= current.params.horizon ? time : null);
  };

  // The theories' Monte-Carlo bands: only around a line of the current run (theoryBand.ts).
  const drawnTheories = layers.filter((layer) => !layer.stale && (layer.series.source === 'theory' || layer.series.source === 'sgdTheory')).map((layer) => layer.series.source as TheorySource);

  const divergences = groupDivergences(layers.filter((layer) => !layer.stale).map((layer) => layer.series));

  return (
    <figure className="panel" data-panel={spec.id}>
      <figcaption className="panel-header">
        <h2>{spec.title}</h2>
        {spec.logToggle && (
          <label className="log-toggle" title="draw the value axis on a logarithmic scale">
            <input type="checkbox" checked={logScale} onChange={(event) => setLogScale(event.target.checked)} /> log scale
          </label>
        )}
      </figcaption>
      <Legend
        quantities={spec.quantities}
        staleNote={previous && layers.some((layer) => layer.stale) ? describeStale(sameParams(previous.params, current.params), playing) : null}
        showsExact={layers.some((layer) => layer.series.source === 'exact')}
        showsOnline={layers.some((layer) => layer.series.source === 'online')}
        theoriesCoincide={sgdTheoryCoincidence(current.params)}
        theoryBand={drawnTheories.length > 0 ? { band: describedBand(current.bands, drawnTheories), shown: showBands } : null}
        divergences={divergences}
        pins={pinLayers.map(({ pin, label }, index) => ({ id: pin.id, number: index + 1, label, computing: pinComputing(pin), failure: pinFailure(pin) }))}
      />
      <div ref={containerRef} className="plot-area">
        {/* Drawn once its width is known, not first at a guessed width and again at once (one render of the marks per mount). */}
        {measured && (
          <svg role="img" aria-label={spec.ariaLabel} width={width} height={height} onPointerMove={onPointerMove} onPointerLeave={() => setHoverTime(null)}>
            <defs>
              <clipPath id={clipId}>
                <rect x={margins.left} y={top - 6} width={Math.max(0, width - margins.left - margins.right)} height={bottom - top + 12} />
              </clipPath>
            </defs>
            <AxisLeft scale={y} left={margins.left} right={width - margins.right} label={spec.yLabel} shortLabel={spec.yShortLabel} />
            <AxisBottom scale={x} top={top} bottom={bottom} label={timeAxisLabel} shortLabel={timeAxisShortLabel} />
            <g clipPath={`url(#${clipId})`}>
              {pinLayers.map(({ pin, label, series }, index) => (
                <PinMarks
                  key={pin.id}
                  number={index + 1}
                  label={label}
                  series={series}
                  sgdRows={pin.snapshot.expectedRows.sgd}
                  quantities={spec.quantities}
                  x={x}
                  y={y}
                  logScale={useLog}
                  avoid={layers.find((layer) => !layer.stale && layer.series.source === 'theory')?.series ?? null}
                />
              ))}
              {layers.map(({ series, stale }) =>
                spec.quantities.map((quantity) => (
                  <SeriesMarks
                    key={`${series.source}-${quantity.name}`}
                    series={series}
                    quantity={quantity.name}
                    dashed={quantity.dashed}
                    x={x}
                    y={y}
                    logScale={useLog}
                    stale={stale}
                    expectedRows={(stale && previous ? previous : current).expectedRows[series.source]}
                    band={!stale && showBands && (series.source === 'theory' || series.source === 'sgdTheory') ? current.bands[series.source] : null}
                  />
                )),
              )}
            </g>
            {divergences.map(({ at, sources }) => (
              <DivergenceRule key={at} sources={sources} at={at} runId={current.runId} x={x} top={top} bottom={bottom} />
            ))}
            {hoverTime !== null && (
              <Crosshair
                time={hoverTime}
                series={layers.filter((layer) => !layer.stale).map((layer) => layer.series)}
                quantities={spec.quantities}
                x={x}
                y={y}
                logScale={useLog}
                top={top}
                bottom={bottom}
                width={width}
                height={height}
              />
            )}
          </svg>
        )}
      </div>
    </figure>
  );
}
