/**
 * The distribution view: at a chosen time (the scrubber, keyboard operable), the density of the training samples'
 * margins y·r (or residuals r − y) from the DMFT's sample process — the SGF's as a black stepped line, SGD's in
 * vermillion — against the simulations' training samples (SGF: a blue stepped line with its ±1 s.e. band over seeds,
 * SGD: dots), and the test samples' density at the same (q, m) dashed, for contrast. A source the current run has
 * not sent yet shows the previous run's, faded and marked stale (data-stale); nothing of a previous run is current.
 */
import { useId, useMemo, useState } from 'react';
import * as d3 from 'd3';
import { getModel } from '../../core/models';
import { binEdge } from '../../core/dmft/sampleHistogram';
import { distributionDataFile } from '../distributionExport';
import { formatNumber } from '../format';
import type { RunSnapshot } from '../runResults';
import { seriesStyles, staleOpacity } from '../seriesStyles';
import { distributionQuantity, distributionSourceTitles, drawnDistributions, drawnRange, sliceAt, stepPoints, type DistributionPanelSpec, type DistributionSlice } from './distributionPanel';
import { AxisBottom } from './marks/AxisBottom';
import { AxisLeft } from './marks/AxisLeft';
import { useParentSize } from './useParentWidth';
import './twoTime.css';
import { DataExportButtons } from './DataExportButtons';
import { viewSources, type ViewSource } from '../viewSources';

export interface DistributionPanelProps {
  spec: DistributionPanelSpec;
  current: RunSnapshot;
  previous?: RunSnapshot | null;
}

const margin = { top: 10, right: 16, bottom: 48, left: 62 };
const height = 300;

function line(points: [number, number][]): string {
  return d3.line()(points.filter(([, py]) => Number.isFinite(py))) ?? '';
}

/** The readout: each source's time and fraction below zero (a classifier's train error), in words. */
function readout(slices: { source: ViewSource; slice: DistributionSlice }[], symbol: string): string {
  if (slices.length === 0) return 'Waiting for the first histograms of this run.';
  const parts = slices.map(({ source, slice }) => `${distributionSourceTitles[source]} ${formatNumber(slice.belowZero, 3)} (t = ${formatNumber(slice.at)})`);
  return `Fraction of training samples with ${symbol} < 0: ${parts.join('; ')}.`;
}

export function DistributionPanel({ spec, current, previous = null }: DistributionPanelProps) {
  const [containerRef, { width }] = useParentSize<HTMLDivElement>();
  const horizon = current.params.horizon;
  const [timeFraction, setTimeFraction] = useState(1);
  const clipId = `clip-${useId().replace(/[^\w-]/g, '')}`;
  const time = timeFraction * horizon;
  const quantity = distributionQuantity(getModel(current.params.model).classifier);
  const { drawn, stale } = useMemo(() => drawnDistributions(current, previous), [current, previous]);
  const slices = viewSources.flatMap((source) => {
    const snapshot = drawn[source];
    const slice = snapshot && sliceAt(snapshot, time);
    return slice ? [{ source, slice, runId: snapshot.runId }] : [];
  });
  const [low, high] = drawnRange(slices.map(({ slice }) => slice));
  const right = Math.max(margin.left + 40, width - margin.right);
  const x = d3.scaleLinear().domain([low, high]).range([margin.left, right]);
  const top = Math.max(
    0.1,
    ...slices.flatMap(({ slice }) => [...slice.density.map((value, j) => value + (slice.densitySe?.[j] ?? 0)), ...(slice.testDensity ?? [])]).filter(Number.isFinite),
  );
  const y = d3.scaleLinear().domain([0, top]).nice().range([height - margin.bottom, margin.top]);
  const test = slices.find(({ source, slice }) => source === 'theory' && slice.testDensity) ?? slices.find(({ slice }) => slice.testDensity);
  const anyStale = stale.size > 0;

  return (
    <figure className="panel two-time distribution" data-panel={spec.id}>
      <figcaption className="panel-header">
        <h2>
          {spec.title}: {quantity.label}
        </h2>
        <label className="two-time-cut" title="the time t at which the distributions are drawn">
          at t = {formatNumber(time)}{' '}
          <input type="range" min={0} max={1} step={1 / 128} value={timeFraction} aria-label="time t of the distribution" onChange={(event) => setTimeFraction(Number(event.target.value))} />
        </label>
        <DataExportButtons
          id="distribution"
          disabled={viewSources.every((source) => current.distributions[source] === null)}
          what="the histograms of this run"
          layout="layout: src/app/distributionExport.ts"
          fileOf={(format) => distributionDataFile(current, format)}
        />
      </figcaption>
      <ul className="legend">
        {(['theory', 'sgdTheory', 'sgf', 'sgd'] as const).map((source) => (
          <li key={source}>
            <svg width="28" height="14" aria-hidden="true" className="swatch">
              {source === 'sgd' ? <circle cx="14" cy="7" r="3" fill={seriesStyles.sgd.color} /> : <line x1="0" x2="28" y1="7" y2="7" stroke={seriesStyles[source].color} strokeWidth={2} />}
            </svg>{' '}
            {distributionSourceTitles[source]}
            {source === 'sgf' ? ' (mean ± s.e. over seeds)' : ''}
          </li>
        ))}
        <li>
          <svg width="28" height="14" aria-hidden="true" className="swatch">
            <line x1="0" x2="28" y1="7" y2="7" stroke="currentColor" strokeWidth={1.5} strokeDasharray="4 3" />
          </svg>{' '}
          test samples at the same q, m (Gaussian ω, y from the label law)
        </li>
        {anyStale && <li className="legend-stale">faded: the previous parameters, until this run’s histograms arrive</li>}
      </ul>
      <div ref={containerRef} className="plot-area">
        <svg role="img" aria-label={quantity.ariaLabel} width={width} height={height}>
          <AxisLeft scale={y} left={margin.left} right={right} label="density" shortLabel="density" />
          <AxisBottom scale={x} top={margin.top} bottom={height - margin.bottom} label={`${quantity.label} of a training sample`} shortLabel={quantity.symbol} />
          <defs>
            <clipPath id={clipId}>
              <rect x={margin.left} y={margin.top - 4} width={Math.max(0, right - margin.left)} height={height - margin.bottom - margin.top + 8} />
            </clipPath>
          </defs>
          <g clipPath={`url(#${clipId})`}>
            {test?.slice.testDensity && (
              <path
                d={line(stepPoints(test.slice.testDensity, x, y))}
                fill="none"
                stroke="currentColor"
                strokeWidth={1.5}
                strokeDasharray="4 3"
                opacity={stale.has(test.source) ? staleOpacity : 0.8}
                data-series="test"
                data-run={String(test.runId)}
                data-stale={String(stale.has(test.source))}
                data-time={formatNumber(test.slice.at, 6)}
              />
            )}
            {slices.map(({ source, slice, runId }) => {
              const style = seriesStyles[source];
              const opacity = stale.has(source) ? staleOpacity : 1;
              const common = { 'data-series': source, 'data-run': String(runId), 'data-stale': String(stale.has(source)), 'data-time': formatNumber(slice.at, 6), 'data-points': String(slice.density.length) };
              if (source === 'sgd') {
                return (
                  <g key={source} opacity={opacity} {...common}>
                    {Array.from(slice.density, (density, j) => {
                      const centre = (binEdge(j) + binEdge(j + 1)) / 2;
                      return centre >= low && centre <= high ? <circle key={j} cx={x(centre)} cy={y(density)} r={2.5} fill={style.color} /> : null;
                    })}
                  </g>
                );
              }
              const errors = slice.densitySe;
              const band =
                errors &&
                d3.area<[number, number, number]>().x((point) => point[0]).y0((point) => point[1]).y1((point) => point[2])(
                  Array.from(slice.density, (density, j) => [
                    [x(binEdge(j)), y(Math.max(0, density - errors[j])), y(density + errors[j])] as [number, number, number],
                    [x(binEdge(j + 1)), y(Math.max(0, density - errors[j])), y(density + errors[j])] as [number, number, number],
                  ]).flat(),
                );
              return (
                <g key={source} opacity={opacity}>
                  {band && <path d={band} fill={style.color} fillOpacity={0.22} stroke="none" data-band="standard-error" data-series={source} />}
                  <path d={line(stepPoints(slice.density, x, y))} fill="none" stroke={style.color} strokeWidth={source === 'theory' ? 2.25 : 1.75} strokeOpacity={style.lineOpacity} {...common} />
                </g>
              );
            })}
          </g>
        </svg>
        <p className="two-time-readout" aria-live="polite">
          {readout(slices.filter(({ source }) => !stale.has(source)).map(({ source, slice }) => ({ source, slice })), quantity.symbol)}
        </p>
      </div>
    </figure>
  );
}
