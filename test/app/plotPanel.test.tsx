import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import { useUiStore } from '../../src/app/uiStore';
import { panels } from '../../src/app/plots/panels';
import { PlotPanel } from '../../src/app/plots/PlotPanel';
import { AxisLeft } from '../../src/app/plots/marks/AxisLeft';
import { tickFormatter } from '../../src/app/plots/tickFormat';
import * as d3 from 'd3';
import { RunResults, type RunSnapshot } from '../../src/app/runResults';
import { endMessage, rowsMessage } from './streamFixtures';

afterEach(() => {
  cleanup();
  useUiStore.setState({ hiddenTheories: [], showOnline: false });
});

const trainLossPanel = panels.find((panel) => panel.id === 'trainLoss')!;
const overlapPanel = panels.find((panel) => panel.id === 'overlap')!;

/** A run with `rows` rows of each given source. */
function runSnapshot(runId: number, sources: ('theory' | 'sgdTheory' | 'sgf' | 'sgd')[], rows = 20, divergedAt: number | null = null, params: Partial<Params> = {}): RunSnapshot {
  const results = new RunResults(runId, { ...defaultParams, horizon: 2, seeds: 2, ...params });
  for (const source of sources) {
    results.receive(rowsMessage(runId, source, rows, { seedIndex: 0 }));
    if (source === 'sgf' || source === 'sgd') results.receive(rowsMessage(runId, source, rows, { seedIndex: 1, offset: 0.01 }));
  }
  if (divergedAt !== null) results.receive(endMessage(runId, 'theory', 0, divergedAt));
  return results.snapshot();
}

function seriesElements(container: HTMLElement, source: string): Element[] {
  return [...container.querySelectorAll(`[data-series="${source}"]`)];
}

describe('plot panel', () => {
  it('is an image named after its quantity, with theory, SGF (line and band) and SGD tagged by run', () => {
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(7, ['theory', 'sgf', 'sgd'])} previous={null} />);
    const plot = screen.getByRole('img', { name: 'train loss vs time' });
    expect(plot.tagName.toLowerCase()).toBe('svg');
    for (const source of ['theory', 'sgf', 'sgd']) {
      const elements = seriesElements(container, source);
      expect(elements.length, source).toBeGreaterThan(0);
      for (const element of elements) {
        expect(element.getAttribute('data-run')).toBe('7');
        expect(element.getAttribute('data-stale')).toBe('false');
        expect(element.getAttribute('d')).toMatch(/^M/);
      }
    }
    expect(container.querySelector('[data-series="sgf"][data-band="standard-error"]')).not.toBeNull();
    expect(container.textContent).toContain('time t (continuous-time units, t = k·h)');
    expect(screen.getByText(/DMFT of the SGF/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /DMFT of SGD/, pressed: true })).toBeTruthy();
  });

  it('draws the DMFT of SGD as its own line, and a legend button hides or shows each theory in every plot', () => {
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(3, ['theory', 'sgdTheory', 'sgd'])} previous={null} />);
    expect(seriesElements(container, 'sgdTheory').length).toBeGreaterThan(0);
    const toggle = screen.getByRole('button', { name: /DMFT of SGD/ });
    fireEvent.click(toggle);
    expect(useUiStore.getState().hiddenTheories).toEqual(['sgdTheory']);
    expect(seriesElements(container, 'sgdTheory')).toHaveLength(0);
    expect(seriesElements(container, 'theory').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /DMFT of SGD/, pressed: false })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /DMFT of the SGF/ }));
    expect(seriesElements(container, 'theory')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: /DMFT of SGD/ }));
    expect(seriesElements(container, 'sgdTheory').length).toBeGreaterThan(0);
  });

  it('says so where the two theories coincide (b = 1), with one legend entry and no faded SGD theory of the last run', () => {
    const previous = runSnapshot(4, ['theory', 'sgdTheory']);
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(5, ['theory'], 20, null, { batchFraction: 1 })} previous={previous} />);
    expect(screen.queryByRole('button', { name: 'DMFT of SGD' })).toBeNull();
    expect(screen.getByRole('button', { name: /DMFT of the SGF = DMFT of SGD here \(b = 1: both are gradient descent\)/ })).toBeTruthy();
    expect(seriesElements(container, 'sgdTheory')).toHaveLength(0);
  });

  it('draws the one-pass overlay only when asked to, with a legend entry that hides it again', () => {
    const results = new RunResults(6, { ...defaultParams, horizon: 2, seeds: 2 });
    results.receive(rowsMessage(6, 'theory', 20));
    results.receive(rowsMessage(6, 'online', 20, { offset: 0.05 }));
    const { container, rerender } = render(<PlotPanel spec={trainLossPanel} current={results.snapshot()} previous={null} />);
    expect(seriesElements(container, 'online')).toHaveLength(0);
    act(() => useUiStore.getState().setShowOnline(true));
    rerender(<PlotPanel spec={trainLossPanel} current={results.snapshot()} previous={null} />);
    expect(seriesElements(container, 'online').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: /one-pass SGD/ }));
    expect(useUiStore.getState().showOnline).toBe(false);
    expect(seriesElements(container, 'online')).toHaveLength(0);
  });

  it('draws the theory line through its points', () => {
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(1, ['theory'], 3)} previous={null} />);
    const line = container.querySelector('path[data-series="theory"]')!;
    expect(line.getAttribute('data-points')).toBe('3');
    expect(Number(line.getAttribute('data-final-value'))).toBeCloseTo(0.7 - 0.02 * 0.2, 12);
    expect(line.getAttribute('d')!.match(/[ML]/g)).toHaveLength(3);
  });

  it('draws two quantities, the second dashed', () => {
    const { container } = render(<PlotPanel spec={overlapPanel} current={runSnapshot(1, ['theory'])} previous={null} />);
    expect(screen.getByRole('img', { name: 'overlap m and cosine vs time' })).toBeTruthy();
    const lines = seriesElements(container, 'theory');
    expect(lines.map((line) => line.getAttribute('data-quantity'))).toEqual(['m', 'cosine']);
    expect(lines[1].getAttribute('stroke-dasharray')).not.toBeNull();
  });

  it('keeps a previous run only, faded, where the current run has no series yet', () => {
    const previous = runSnapshot(3, ['theory', 'sgf', 'sgd']);
    const { container, rerender } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(4, [])} previous={previous} />);
    for (const source of ['theory', 'sgf', 'sgd']) {
      for (const element of seriesElements(container, source)) {
        expect(element.getAttribute('data-run')).toBe('3');
        expect(element.getAttribute('data-stale')).toBe('true');
      }
    }
    // The same parameters (a restart): the faded curves are the previous run, not "previous parameters".
    expect(screen.getByText('faded: the previous run of these parameters, until this run catches up')).toBeTruthy();

    rerender(<PlotPanel spec={trainLossPanel} current={runSnapshot(4, ['theory'])} previous={previous} />);
    expect(seriesElements(container, 'theory').map((element) => element.getAttribute('data-run'))).toEqual(['4']);
    expect(seriesElements(container, 'sgd').map((element) => element.getAttribute('data-run'))).toEqual(['3']);

    rerender(<PlotPanel spec={trainLossPanel} current={runSnapshot(4, ['theory', 'sgf', 'sgd'])} previous={previous} />);
    expect(container.querySelector('[data-run="3"]')).toBeNull();
  });

  it('marks where a series diverged', () => {
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(2, ['theory'], 10, 1)} previous={null} />);
    expect(container.querySelector('[data-diverged~="theory"]')).not.toBeNull();
    expect(container.textContent).toContain('theory diverged at t = 1');
  });

  it('switches the loss axis to a log scale', () => {
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(1, ['theory'])} previous={null} />);
    const before = container.querySelector('path[data-series="theory"]')!.getAttribute('d');
    fireEvent.click(screen.getByLabelText('log scale'));
    expect(container.querySelector('path[data-series="theory"]')!.getAttribute('d')).not.toBe(before);
  });

  it('shows the values under the pointer', () => {
    const { container } = render(<PlotPanel spec={trainLossPanel} current={runSnapshot(1, ['theory', 'sgf', 'sgd'])} previous={null} />);
    const plot = screen.getByRole('img', { name: 'train loss vs time' });
    fireEvent.pointerMove(plot, { clientX: 200, clientY: 100 });
    const crosshair = container.querySelector('.crosshair');
    expect(crosshair).not.toBeNull();
    expect(crosshair!.textContent).toMatch(/t = .*theory: .*SGF: .* ± .*SGD: /);
    fireEvent.pointerLeave(plot);
    expect(container.querySelector('.crosshair')).toBeNull();
  });

  it('spaces the SGD markers on its own grid (step h) when the theory runs on a finer Δt', () => {
    // h = 0.5, Δt = 0.05, T = 10: the theory has 201 rows, SGD 21 (t = 0, 0.5, …, 10), all of which fit as markers.
    const results = new RunResults(1, { ...defaultParams, step: 0.5, dt: 0.05, horizon: 10, seeds: 1 });
    results.receive(rowsMessage(1, 'theory', 201));
    results.receive(rowsMessage(1, 'sgd', 21));
    const { container } = render(<PlotPanel spec={trainLossPanel} current={results.snapshot()} previous={null} />);
    const markers = container.querySelector('path[data-series="sgd"]')!.getAttribute('d')!;
    expect(markers.match(/M/g)).toHaveLength(21);
  });

  it('says what the faded curves are: other parameters or the same, computing or paused', () => {
    const previous = runSnapshot(3, ['theory', 'sgf', 'sgd']);
    const other = new RunResults(4, { ...defaultParams, horizon: 2, seeds: 2, alpha: 3 }).snapshot();
    const { rerender } = render(<PlotPanel spec={trainLossPanel} current={other} previous={previous} />);
    expect(screen.getByText('faded: the previous parameters, until this run catches up')).toBeTruthy();
    rerender(<PlotPanel spec={trainLossPanel} current={other} previous={previous} playing={false} />);
    expect(screen.getByText('faded: the previous parameters; paused (press Play to compute)')).toBeTruthy();
    expect(screen.queryByText(/still computing/)).toBeNull();
  });

  it('writes the ticks of a log axis in one notation (10⁴, 10⁶, never 10000 beside 1e+6)', () => {
    const scale = d3.scaleLog().domain([2e3, 3e6]).range([300, 10]);
    const { container } = render(
      <svg>
        <AxisLeft scale={scale} left={66} right={400} label="train loss" shortLabel="loss" />
      </svg>,
    );
    const ticks = [...container.querySelectorAll('.axis-y text:not(.axis-label)')].map((text) => text.textContent);
    expect(ticks).toEqual(['10⁴', '10⁵', '10⁶']);
    expect(tickFormatter([0.5, 1, 1.5])(1.5)).toBe('1.5');
    expect(tickFormatter([0, 5e5, 1e6])(5e5)).toBe('5×10⁵');
  });
});
