/**
 * The sweep view (issue 12 item 4): one quantity at one time (or each run's last) against a swept parameter,
 * the DMFT of the SGF at each value as a line through its points (with the solver's Monte-Carlo error bars
 * where it has them: the train loss and error) and the chosen simulation as points with ±1 s.e. error bars
 * over seeds. Points stream in as the workers finish them (src/app/sweep/sweepRunner.ts). Points of the sweep
 * before (other parameters) stand in faded (data-stale="true") only where the current one has none yet.
 * The plot takes the keyboard focus; the arrow keys step through the values and the readout says them.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import * as d3 from 'd3';
import type { SweepPoint } from '../../core/sweepRun';
import { formatNumber } from '../format';
import { seriesStyles, staleOpacity } from '../seriesStyles';
import { jobSources, simulatedAlgorithms, type SimulatedAlgorithm } from '../../pipeline/protocol';
import { useAppStore } from '../store';
import { sweepDataFile } from '../sweep/sweepExport';
import { formatSweepValues, parseSweepValues, quantityLabels, sweepChoice, sweepChoices, type SweepQuantity, type SweepSettings } from '../sweep/sweepSettings';
import { sweepComplete, sweepPoints, sweepSimulationPoints, useSweepStore, type SweepSnapshot } from '../sweep/sweepStore';
import { observableNames } from '../../core/sweep';
import { AxisBottom } from './marks/AxisBottom';
import { AxisLeft } from './marks/AxisLeft';
import { useParentSize } from './useParentWidth';
import { DataExportButtons } from './DataExportButtons';
import { InlineMenu } from '../controls/InlineMenu';
import './sweep.css';

const margin = { top: 14, right: 24, bottom: 52, left: 70 };
const plotHeight = 320;

interface DrawnPoint {
  index: number;
  value: number;
  y: number;
  /** ±1 standard error, NaN where there is none. */
  se: number;
}

function theoryError(point: SweepPoint, quantity: SweepQuantity): number {
  return quantity === 'trainLoss' ? point.theory.trainLossSe : quantity === 'trainError' ? point.theory.trainErrorSe : NaN;
}

function theoryDrawn(snapshot: SweepSnapshot, quantity: SweepQuantity): DrawnPoint[] {
  return sweepPoints(snapshot)
    .map(({ index, point }) => ({ index, value: point.value, y: point.theory.values[quantity], se: theoryError(point, quantity) }))
    .filter((point) => Number.isFinite(point.y));
}

function simulationDrawn(snapshot: SweepSnapshot, quantity: SweepQuantity): DrawnPoint[] {
  return sweepSimulationPoints(snapshot)
    .map(({ index, value, reading }) => ({ index, value, y: reading.values[quantity], se: reading.standardErrors[`${quantity}Se`] }))
    .filter((point) => Number.isFinite(point.y));
}

/** "test loss at t = 5" or "test loss at the horizon". */
function readingName(settings: SweepSettings): string {
  return `${quantityLabels[settings.quantity]} ${settings.at === null ? 'at the horizon' : `at t = ${formatNumber(settings.at)}`}`;
}

/** The previous sweep's points drawn (faded) where the current sweep of the same parameter has none yet. */
function standIns(previous: SweepSnapshot | null, current: SweepSnapshot, drawn: readonly DrawnPoint[], draw: (snapshot: SweepSnapshot) => DrawnPoint[]): DrawnPoint[] {
  if (!previous || previous.settings.key !== current.settings.key || sweepComplete(current)) return [];
  const have = new Set(drawn.map((point) => point.value));
  return draw(previous).filter((point) => !have.has(point.value));
}

function status(snapshot: SweepSnapshot, waiting: boolean): string {
  if (snapshot.problems.length > 0) return `Cannot sweep: ${snapshot.problems.join('; ')}`;
  if (!snapshot.plan) return 'Planning the sweep…';
  const n = snapshot.plan.points.length;
  const theory = snapshot.theory.filter((run) => run !== null).length;
  const simulation = snapshot.simulation.filter((run) => run !== null).length;
  const parts = [`theory ${theory}/${n}`, ...(snapshot.settings.algorithm ? [`${seriesStyles[snapshot.settings.algorithm].shortLabel} ${simulation}/${n}`] : [])];
  const failed = snapshot.failures.length > 0 ? ` · failed: ${snapshot.failures.join('; ')}` : '';
  const wait = waiting && !sweepComplete(snapshot) && theory + simulation === 0 ? ' · waits for the current run to finish' : '';
  return `Sweep of ${sweepChoice(snapshot.settings.key).symbol}: ${parts.join(' · ')}${wait}${failed}`;
}

function SweepMarks({ points, source, sweepId, stale, x, y }: { points: DrawnPoint[]; source: 'theory' | SimulatedAlgorithm; sweepId: number; stale: boolean; x: d3.ScaleLinear<number, number>; y: d3.ScaleLinear<number, number> }) {
  const style = seriesStyles[source];
  const sorted = [...points].sort((a, b) => a.value - b.value);
  const line = source === 'theory' ? d3.line<DrawnPoint>().x((p) => x(p.value)).y((p) => y(p.y))(sorted) : null;
  return (
    <g data-series={source} data-sweep={String(sweepId)} data-stale={String(stale)} data-points={String(points.length)} opacity={stale ? staleOpacity : 1}>
      {line && <path d={line} fill="none" stroke={style.color} strokeWidth={style.lineWidth} />}
      {sorted.map((point) => (
        <g key={point.index} data-value={String(point.value)} data-y={String(point.y)} data-se={String(point.se)}>
          {Number.isFinite(point.se) && point.se > 0 && <line className="sweep-error-bar" x1={x(point.value)} x2={x(point.value)} y1={y(point.y - point.se)} y2={y(point.y + point.se)} stroke={style.color} strokeWidth={1.5} />}
          {source === 'theory' ? (
            <circle cx={x(point.value)} cy={y(point.y)} r={3.5} fill={style.color} />
          ) : (
            <rect x={x(point.value) - 4} y={y(point.y) - 4} width={8} height={8} transform={`rotate(45 ${x(point.value)} ${y(point.y)})`} fill={style.color} />
          )}
        </g>
      ))}
    </g>
  );
}

/** A text field applied on Enter or when it loses focus, showing why a value was refused. */
function AppliedField({ label, text, apply, title, className }: { label: string; text: string; apply: (text: string) => string | null; title: string; className: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === null) return;
    const refused = apply(draft);
    setProblem(refused);
    if (refused === null) setDraft(null);
  };
  return (
    <label className={className} title={title}>
      {label}{' '}
      <input
        type="text"
        value={draft ?? text}
        aria-invalid={problem !== null}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
      {problem && <span className="sweep-problem" role="alert">{problem}</span>}
    </label>
  );
}

export function SweepPanel() {
  const current = useSweepStore((state) => state.current);
  const previous = useSweepStore((state) => state.previous);
  const settings = useSweepStore((state) => state.settings);
  const setSettings = useSweepStore((state) => state.setSettings);
  const [containerRef, { width }] = useParentSize<HTMLDivElement>();
  const [focus, setFocus] = useState<number | null>(null);
  const quantity = settings.quantity;
  const choice = sweepChoice(current.settings.key);

  const theory = useMemo(() => theoryDrawn(current, quantity), [current, quantity]);
  const simulation = useMemo(() => simulationDrawn(current, quantity), [current, quantity]);
  const staleTheory = useMemo(() => standIns(previous, current, theory, (snapshot) => theoryDrawn(snapshot, quantity)), [previous, current, theory, quantity]);
  const staleSimulation = useMemo(() => standIns(previous, current, simulation, (snapshot) => simulationDrawn(snapshot, quantity)), [previous, current, simulation, quantity]);
  const algorithm = current.settings.algorithm;
  const previousAlgorithm = previous?.settings.algorithm ?? null;

  const all = [...theory, ...simulation, ...staleTheory, ...staleSimulation];
  const xValues = [...(current.plan?.values ?? []), ...all.map((point) => point.value)];
  const [xLow, xHigh] = xValues.length > 0 ? [Math.min(...xValues), Math.max(...xValues)] : [0, 1];
  const pad = xHigh > xLow ? (xHigh - xLow) * 0.05 : Math.max(Math.abs(xLow) * 0.1, 0.1);
  const right = Math.max(margin.left + 60, width - margin.right);
  const x = d3.scaleLinear().domain([xLow - pad, xHigh + pad]).range([margin.left, right]);
  const yValues = all.flatMap((point) => (Number.isFinite(point.se) ? [point.y - point.se, point.y + point.se] : [point.y]));
  const yExtent = yValues.length > 0 ? [Math.min(...yValues), Math.max(...yValues)] : [0, 1];
  const [yLow, yHigh] = yExtent[0] === yExtent[1] ? [yExtent[0] - 0.5, yExtent[1] + 0.5] : yExtent;
  const y = d3.scaleLinear().domain([yLow, yHigh]).nice().range([plotHeight - margin.bottom, margin.top]);

  const values = current.plan?.values ?? [];
  const focusIndex = focus !== null && focus < values.length ? focus : null;
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>): void => {
    if (values.length === 0) return;
    const step = event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? -1 : 0;
    if (event.key === 'Home') setFocus(0);
    else if (event.key === 'End') setFocus(values.length - 1);
    else if (step !== 0) setFocus(focusIndex === null ? (step > 0 ? 0 : values.length - 1) : Math.max(0, Math.min(values.length - 1, focusIndex + step)));
    else return;
    event.preventDefault();
  };
  const readout = focusIndex === null ? null : readoutText(current, focusIndex, quantity);
  const ariaLabel = `${readingName(settings)} vs ${choice.label} (parameter sweep: theory${algorithm ? ` and ${seriesStyles[algorithm].shortLabel} simulation` : ''})`;
  const complete = sweepComplete(current);
  const waiting = useSweepWaiting();
  const diverged = sweepPoints(current).filter(({ point }) => Number.isFinite(point.theory.divergedAt));

  return (
    <figure className="panel sweep" data-panel="sweep" data-sweep={String(current.id)}>
      <figcaption className="panel-header">
        <h2>Parameter sweep</h2>
        <DataExportButtons
          id="sweep"
          className="sweep-export"
          disabled={!complete}
          what="the sweep"
          layout="exactly as `cli sweep` prints it for these settings"
          fileOf={(format) => sweepDataFile(useSweepStore.getState().current, format)}
        />
      </figcaption>
      <div className="sweep-controls">
        <InlineMenu
          label="vary"
          title="the parameter set to each value in turn (the others as on the sliders)"
          ariaLabel="swept parameter"
          value={settings.key}
          options={sweepChoices.map((entry) => ({ value: entry.key, label: entry.label }))}
          onChange={(key) => setSettings({ key, values: sweepChoice(key).values })}
        />
        <AppliedField
          key={`values-${settings.key}`}
          className="sweep-values"
          label="values"
          title="a list (0.5, 1, 2, 4) or a range from:to:count, geometric with :log (0.5:8:5:log); Enter applies"
          text={formatSweepValues(settings.values)}
          apply={(text) => {
            const parsed = parseSweepValues(text);
            if (typeof parsed === 'string') return parsed;
            setSettings({ values: parsed });
            return null;
          }}
        />
        <InlineMenu
          label="plot"
          title="the quantity plotted against the parameter"
          ariaLabel="swept quantity"
          value={quantity}
          options={observableNames.map((name) => ({ value: name, label: quantityLabels[name] }))}
          onChange={(name) => setSettings({ quantity: name })}
        />
        <AppliedField
          key="at"
          className="sweep-at"
          label="at t ="
          title="the time each run is read at (the grid time nearest it); empty: each run's horizon"
          text={settings.at === null ? '' : String(settings.at)}
          apply={(text) => {
            if (text.trim() === '') {
              setSettings({ at: null });
              return null;
            }
            const at = Number(text);
            if (!Number.isFinite(at) || at < 0) return 'a time ≥ 0, or empty for the horizon';
            setSettings({ at });
            return null;
          }}
        />
        <InlineMenu<SimulatedAlgorithm | 'none'>
          label="simulation"
          title="the finite-d simulation drawn beside the theory at each value (mean ± s.e. over the seeds)"
          ariaLabel="sweep simulation"
          value={settings.algorithm ?? 'none'}
          options={[{ value: 'none', label: 'none' }, ...simulatedAlgorithms.map((name) => ({ value: name, label: seriesStyles[name].shortLabel }))]}
          onChange={(choice) => setSettings({ algorithm: choice === 'none' ? null : choice })}
        />
      </div>
      <p className="sweep-status" role="status" aria-live="polite" data-complete={String(complete)}>
        {status(current, waiting)}
      </p>
      <p className="legend-styles sweep-note">
        Black line and dots: the DMFT of the SGF at each value{quantity === 'trainLoss' || quantity === 'trainError' ? ' (bars: its Monte-Carlo standard error)' : ''}
        {algorithm ? `; ${seriesStyles[algorithm].shortLabel} diamonds: the finite-d simulation, mean ± one standard error over seeds` : ''}.
        {staleTheory.length + staleSimulation.length > 0 && ' Faded: the previous parameters, until this sweep’s points arrive.'}
        {diverged.length > 0 && ` Diverged (not drawn): ${diverged.map(({ point }) => `${choice.symbol} = ${point.value}`).join(', ')}.`}
      </p>
      <div ref={containerRef} className="plot-area">
        <svg role="img" aria-label={ariaLabel} width={width} height={plotHeight} tabIndex={0} onKeyDown={onKeyDown} onBlur={() => setFocus(null)} className="sweep-plot">
          <AxisLeft scale={y} left={margin.left} right={right} label={readingName(settings)} shortLabel={quantityLabels[quantity]} />
          <AxisBottom scale={x} top={margin.top} bottom={plotHeight - margin.bottom} label={choice.label} shortLabel={choice.symbol} />
          {staleTheory.length > 0 && previous && <SweepMarks points={staleTheory} source="theory" sweepId={previous.id} stale x={x} y={y} />}
          {staleSimulation.length > 0 && previous && previousAlgorithm && <SweepMarks points={staleSimulation} source={previousAlgorithm} sweepId={previous.id} stale x={x} y={y} />}
          <SweepMarks points={theory} source="theory" sweepId={current.id} stale={false} x={x} y={y} />
          {algorithm && <SweepMarks points={simulation} source={algorithm} sweepId={current.id} stale={false} x={x} y={y} />}
          {focusIndex !== null && <line className="sweep-focus" x1={x(values[focusIndex])} x2={x(values[focusIndex])} y1={margin.top} y2={plotHeight - margin.bottom} />}
        </svg>
        <p className="sweep-readout" aria-live="polite">
          {readout ?? 'Focus the plot and use the arrow keys to read each value.'}
        </p>
      </div>
    </figure>
  );
}

/** Whether the current run computes: the sweep waits for it (the runner starts only once it has finished or is paused). */
function useSweepWaiting(): boolean {
  return useAppStore((state) => state.playing && jobSources.some((source) => !['done', 'failed'].includes(state.current.status[source].state)));
}

function readoutText(snapshot: SweepSnapshot, index: number, quantity: SweepQuantity): string {
  const value = snapshot.plan!.values[index];
  const { symbol } = sweepChoice(snapshot.settings.key);
  const point = sweepPoints(snapshot).find((entry) => entry.index === index)?.point;
  const simulation = sweepSimulationPoints(snapshot).find((entry) => entry.index === index)?.reading;
  const withError = (y: number, se: number): string => (Number.isFinite(se) ? `${formatNumber(y, 4)} ± ${formatNumber(se, 2)}` : formatNumber(y, 4));
  const parts = [
    point ? `theory ${withError(point.theory.values[quantity], theoryError(point, quantity))} (t = ${formatNumber(point.theory.t)})` : 'theory computing…',
    ...(snapshot.settings.algorithm ? [simulation ? `${seriesStyles[snapshot.settings.algorithm].shortLabel} ${withError(simulation.values[quantity], simulation.standardErrors[`${quantity}Se`])}` : `${seriesStyles[snapshot.settings.algorithm].shortLabel} computing…`] : []),
  ];
  return `${symbol} = ${formatNumber(value)}: ${quantityLabels[quantity]} ${parts.join(', ')}`;
}
