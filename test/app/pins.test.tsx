import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultParams, ranges, type Params } from '../../src/core/params';
import { describeDifferences } from '../../src/core/paramDifference';
import { PinButton } from '../../src/app/pins/PinButton';
import { PinComputer } from '../../src/app/pins/pinComputer';
import { encodePin } from '../../src/app/pins/pinQuery';
import { createPinStore, maxPins, pinComputing, pinFailure, usePinStore } from '../../src/app/pins/pinStore';
import { panels } from '../../src/app/plots/panels';
import { PlotPanel } from '../../src/app/plots/PlotPanel';
import type { SimulatedAlgorithm, StreamListener } from '../../src/pipeline/protocol';
import { RunResults, type RunSnapshot } from '../../src/app/runResults';
import { createAppStore, useAppStore } from '../../src/app/store';
import { createUiStore, defaultUiOptions } from '../../src/app/uiStore';
import { applyUrlState, buildQuery, readUrlState, startUrlSync } from '../../src/app/urlState';
import { FakeWorker } from './fakeWorker';
import { endMessage, rowsMessage } from './streamFixtures';
import { streamedResultsIntervalMs } from '../../src/app/frameScheduler';

const trainLossPanel = panels.find((panel) => panel.id === 'trainLoss')!;
const base: Params = { ...defaultParams, horizon: 2, seeds: 2 };

/** A run of `params` whose theories and SGD (both seeds) have ended, as a pin needs; `offset` shifts its values. */
function finishedRun(runId: number, params: Params, offset = 0): RunSnapshot {
  const results = new RunResults(runId, params);
  for (const source of ['theory', 'sgdTheory'] as const) {
    results.receive(rowsMessage(runId, source, 21, { offset }));
    results.receive(endMessage(runId, source));
  }
  for (const seedIndex of [0, 1]) {
    for (const algorithm of ['sgf', 'sgd'] as const) {
      results.receive(rowsMessage(runId, algorithm, 21, { seedIndex, offset }));
      results.receive(endMessage(runId, algorithm, seedIndex));
    }
  }
  return results.snapshot();
}

afterEach(() => {
  cleanup();
  usePinStore.setState({ pins: [] });
});

describe('the parameters in which two runs differ', () => {
  it('are named by their symbols with the first run’s values, in the URL order', () => {
    expect(describeDifferences({ ...base, step: 0.5, batchFraction: 1 }, base)).toBe('b = 1, h = 0.5');
    expect(describeDifferences({ ...base, beta: Infinity, dt: 0.05 }, base)).toBe('β = ∞, Δt = 0.05');
    expect(describeDifferences({ ...base, dt: null }, { ...base, dt: 0.05 })).toBe('Δt = h');
    expect(describeDifferences(base, { ...base }, 'same')).toBe('same');
  });
});

describe('pinning', () => {
  it('keeps a finished run, refuses an unfinished one, a second pin of the same parameters and more than the limit', () => {
    const pins = createPinStore();
    const unfinished = new RunResults(1, base).snapshot();
    expect(pins.getState().pin(unfinished)).toMatch(/wait until its theories and SGD have finished/);
    const first = finishedRun(2, { ...base, batchFraction: 1 });
    expect(pins.getState().pin(first)).toBeNull();
    expect(pins.getState().pins[0].snapshot).toBe(first);
    expect(pins.getState().pins[0].recomputed).toBe(false);
    expect(pins.getState().pin(finishedRun(3, { ...base, batchFraction: 1 }))).toBe('this run is pinned already');
    for (let k = 1; k < maxPins; k++) expect(pins.getState().pin(finishedRun(3 + k, { ...base, alpha: k }))).toBeNull();
    expect(pins.getState().pin(finishedRun(9, { ...base, alpha: 7 }))).toMatch(/at most 3 runs/);
    const [, second] = pins.getState().pins;
    pins.getState().unpin(second.id);
    expect(pins.getState().pins.map((pin) => pin.snapshot.params.alpha)).toEqual([base.alpha, 2]);
  });

  it('from the run controls: the button pins the current run once it has finished', () => {
    const run = useAppStore.getState().current.runId;
    render(<PinButton />);
    const button = screen.getByRole('button', { name: /Pin run/ });
    expect(button).toHaveProperty('disabled', true);
    act(() => {
      const { receive } = useAppStore.getState();
      for (const source of ['theory', 'sgdTheory'] as const) {
        receive(rowsMessage(run, source, 5));
        receive(endMessage(run, source));
      }
      for (let seedIndex = 0; seedIndex < useAppStore.getState().current.params.seeds; seedIndex++) {
        receive(rowsMessage(run, 'sgd', 5, { seedIndex }));
        receive(endMessage(run, 'sgd', seedIndex));
      }
      useAppStore.getState().flushResults();
    });
    expect(button).toHaveProperty('disabled', false);
    fireEvent.click(button);
    expect(usePinStore.getState().pins.map((pin) => pin.snapshot.runId)).toEqual([run]);
    expect(button).toHaveProperty('disabled', true); // pinned already
    expect(screen.getByText(/this run is pinned already/)).toBeTruthy();
  });
});

describe('a pinned run in a plot', () => {
  it('is drawn faded under the current run with its label, apart from the current series, and unpinned from the legend', () => {
    const gradientDescent = finishedRun(4, { ...base, batchFraction: 1 }, 0.3);
    usePinStore.getState().pin(gradientDescent);
    const current = finishedRun(5, { ...base, batchFraction: 0.1 });
    const { container, rerender } = render(<PlotPanel spec={trainLossPanel} current={current} previous={null} pins={usePinStore.getState().pins} />);

    const pinned = [...container.querySelectorAll('[data-pin="1"][data-series]')];
    expect(pinned.map((element) => element.getAttribute('data-series')).sort()).toEqual(['sgd', 'sgdTheory', 'theory']);
    for (const element of pinned) {
      expect(element.getAttribute('data-run')).toBe('4');
      expect(element.hasAttribute('data-stale')).toBe(false); // not matched by the current run's `[data-stale="false"]`
      expect(element.getAttribute('d')).toMatch(/^M/);
      expect(element.closest('g[opacity]')?.getAttribute('opacity')).toBe('0.4');
    }
    // The current run's marks are its own: every unpinned series element carries run 5, and pins come first (drawn below).
    const currentMarks = [...container.querySelectorAll('[data-series]:not([data-pin])')];
    expect(currentMarks.length).toBeGreaterThan(0);
    expect(new Set(currentMarks.map((element) => element.getAttribute('data-run')))).toEqual(new Set(['5']));
    const all = [...container.querySelectorAll('[data-series]')];
    expect(all.indexOf(pinned[pinned.length - 1])).toBeLessThan(all.indexOf(currentMarks[0]));
    // Labelled in the plot and in the legend with the parameter that differs.
    expect(container.querySelector('[data-pin-label="1"]')?.textContent).toContain('pin 1: b = 1');
    expect(container.querySelector('[data-pin-entry="1"]')?.textContent).toContain('pin 1: b = 1 (faded)');
    // The value axis makes room for the pinned curve (0.3 above the current one).
    const pinnedTop = Math.max(...gradientDescent.series.theory!.values.trainLoss);
    const topTick = Math.max(...[...container.querySelectorAll('.axis text')].map((text) => Number(text.textContent)).filter(Number.isFinite));
    expect(topTick).toBeGreaterThanOrEqual(pinnedTop - 0.1);

    fireEvent.click(screen.getByRole('button', { name: 'unpin 1' }));
    expect(usePinStore.getState().pins).toEqual([]);
    rerender(<PlotPanel spec={trainLossPanel} current={current} previous={null} pins={usePinStore.getState().pins} />);
    expect(container.querySelector('[data-pin]')).toBeNull();
  });

  it('leaves out a theory the user hid, and says when it has the current parameters', async () => {
    const { useUiStore } = await import('../../src/app/uiStore');
    useUiStore.setState({ hiddenTheories: ['sgdTheory'] });
    const run = finishedRun(4, base);
    usePinStore.getState().pin(run);
    const { container } = render(<PlotPanel spec={trainLossPanel} current={finishedRun(5, base)} previous={null} pins={usePinStore.getState().pins} />);
    expect(container.querySelector('[data-pin][data-series="sgdTheory"]')).toBeNull();
    expect(container.querySelector('[data-pin][data-series="theory"]')).not.toBeNull();
    expect(container.querySelector('[data-pin-label="1"] title')?.textContent).toBe('pin 1: same parameters as now');
    useUiStore.setState({ hiddenTheories: [] });
  });
});

describe('pins in the share link', () => {
  it('round-trip as the parameters in which they differ from the link’s', () => {
    const params = { ...defaultParams, batchFraction: 0.1 };
    const gradientDescent = { ...params, batchFraction: 1 };
    const other = { ...params, step: 0.5, seed: 3, beta: Infinity };
    const query = buildQuery(params, defaultUiOptions, undefined, [gradientDescent, other]);
    const search = new URLSearchParams(query);
    expect(search.getAll('pin')).toEqual(['batch-fraction:1', 'step:0.5,beta:inf,seed:3']);
    const read = readUrlState(`?${query}`);
    expect(read.params).toEqual(params);
    expect(read.pins).toEqual([gradientDescent, other]);
    expect(read.corrections).toEqual([]);
    expect(encodePin(params, params)).toBe('');
    expect(readUrlState(`?${buildQuery(params, defaultUiOptions, undefined, [params])}`).pins).toEqual([params]);
  });

  it('are decoded and corrected like other values, at most three', () => {
    const read = readUrlState('?alpha=3&pin=batch-fraction:7,colour:red&pin=step&pin=seed:1&pin=seed:2');
    expect(read.pins).toHaveLength(3);
    expect(read.pins[0]).toEqual({ ...defaultParams, alpha: 3, batchFraction: 1 });
    expect(read.pins[1]).toEqual({ ...defaultParams, alpha: 3 });
    expect(read.corrections).toHaveLength(4);
    expect(read.corrections).toEqual(expect.arrayContaining([
      { name: 'pin', given: '4 pins', used: 'the first 3', reason: 'at most 3 runs can be pinned' },
      { name: 'pin 1', given: 'colour:red', used: '(left out)', reason: 'not a parameter' },
      { name: 'pin 1: batch-fraction', given: '7', used: '1', reason: `outside ${ranges.batchFraction.min} … 1` },
      { name: 'pin 2', given: 'step', used: '(left out)', reason: 'not name:value' },
    ]));
  });

  it('are loaded as recomputed pins under run ids no current run has, and written back when they change', () => {
    vi.useFakeTimers();
    try {
      window.history.replaceState(null, '', '/?batch-fraction=0.1&pin=batch-fraction:1');
      const app = createAppStore();
      const ui = createUiStore();
      const pins = createPinStore();
      applyUrlState(window.location.search, app, ui, pins);
      const [pin] = pins.getState().pins;
      expect(pin.recomputed).toBe(true);
      expect(pin.snapshot.params).toEqual({ ...app.getState().current.params, batchFraction: 1 });
      expect(pin.snapshot.runId).toBeLessThan(0);
      // Its rows reach it, not the current run; the current run's rows do not reach it.
      pins.getState().receive(rowsMessage(pin.snapshot.runId, 'theory', 4));
      pins.getState().receive(rowsMessage(app.getState().current.runId, 'theory', 9));
      app.getState().receive(rowsMessage(pin.snapshot.runId, 'theory', 7));
      vi.advanceTimersByTime(20);
      app.getState().flushResults();
      expect(pins.getState().pins[0].snapshot.series.theory?.length).toBe(4);
      expect(app.getState().current.series.theory).toBeNull();
      expect(pinComputing(pins.getState().pins[0])).toBe(true);
      pins.getState().fail(pin.snapshot.runId, 'sgd', 'the worker stopped unexpectedly');
      for (const source of ['theory', 'sgdTheory'] as const) pins.getState().receive(endMessage(pin.snapshot.runId, source));
      vi.advanceTimersByTime(streamedResultsIntervalMs + 20); // one publication per interval at most
      expect(pinComputing(pins.getState().pins[0])).toBe(false);
      expect(pinFailure(pins.getState().pins[0])).toBe('the worker stopped unexpectedly');
      render(<PlotPanel spec={trainLossPanel} current={app.getState().current} previous={null} pins={pins.getState().pins} />);
      expect(screen.getByText(/pin 1: b = 1 \(faded; failed: the worker stopped unexpectedly\)/)).toBeTruthy();

      const stop = startUrlSync(app, ui, { debounceMs: 100, pinStore: pins });
      pins.getState().unpin(pin.id);
      vi.advanceTimersByTime(150);
      expect(new URLSearchParams(window.location.search).getAll('pin')).toEqual([]);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the pin computer', () => {
  const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

  it('computes a link’s pin with workers of its own (theories, then SGD per seed, no SGF) and stops it when unpinned', async () => {
    const jobs: string[] = [];
    const stops: string[] = [];
    const pins = createPinStore();
    const computer = new PinComputer(pins, {
      createDmftWorker: () =>
        new FakeWorker({
          solve(params: Params, runId: number, listener: StreamListener) {
            jobs.push(`solve ${runId} b=${params.batchFraction}`);
            for (const source of ['theory', 'sgdTheory'] as const) {
              void listener(rowsMessage(runId, source, 3));
              void listener(endMessage(runId, source));
            }
          },
          stop: () => stops.push('dmft'),
        }) as unknown as Worker,
      createSimWorker: () =>
        new FakeWorker({
          simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener) {
            jobs.push(`simulate ${runId} ${algorithm} ${seedIndex}`);
            if (runId === -2) return new Promise(() => {}); // the second pin's simulation never ends by itself
            void listener(rowsMessage(runId, algorithm, 3, { seedIndex }));
            void listener(endMessage(runId, algorithm, seedIndex));
          },
          stop: () => stops.push('simulation'),
        }) as unknown as Worker,
    });
    const createdBefore = FakeWorker.created.length;
    computer.start();
    expect(FakeWorker.created.length).toBe(createdBefore); // no pins: no workers
    pins.getState().load([{ ...base, batchFraction: 1 }, { ...base, alpha: 3 }]);
    await settle(60);
    expect(jobs.slice(0, 3)).toEqual(['solve -1 b=1', 'simulate -1 sgd 0', 'simulate -1 sgd 1']);
    await vi.waitFor(() => expect(pins.getState().pins[0].snapshot.status.sgd.state).toBe('done'));
    expect(pins.getState().pins[0].snapshot.status.theory.state).toBe('done');
    expect(pins.getState().pins[0].snapshot.status.sgf.jobsDone).toBe(0);
    // The second pin follows; unpinning it stops its jobs.
    expect(jobs).toContain('simulate -2 sgd 0');
    pins.getState().unpin(pins.getState().pins[1].id);
    await settle();
    expect(stops).toContain('simulation');
    expect(jobs).not.toContain('simulate -2 sgd 1');
    computer.dispose();
  });
});

describe('the pin computer beside a current run', () => {
  it('waits until the current run has finished (or is paused) before it starts a pin', async () => {
    const jobs: string[] = [];
    const app = createAppStore({ ...base });
    const pins = createPinStore();
    const computer = new PinComputer(pins, {
      createDmftWorker: () =>
        new FakeWorker({
          solve(_params: Params, runId: number) {
            jobs.push(`solve ${runId}`);
          },
          stop() {},
        }) as unknown as Worker,
      createSimWorker: () =>
        new FakeWorker({
          simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number) {
            jobs.push(`simulate ${runId} ${algorithm} ${seedIndex}`);
          },
          stop() {},
        }) as unknown as Worker,
      appStore: app,
    });
    computer.start();
    pins.getState().load([{ ...base, batchFraction: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(jobs).toEqual([]); // the current run has not even started
    const run = app.getState().current.runId;
    for (const source of ['theory', 'sgdTheory'] as const) app.getState().receive(endMessage(run, source));
    for (const algorithm of ['sgf', 'sgd'] as const) for (const seedIndex of [0, 1]) app.getState().receive(endMessage(run, algorithm, seedIndex));
    app.getState().flushResults();
    await vi.waitFor(() => expect(jobs).toContain('solve -1'));
    computer.dispose();
  });
});
