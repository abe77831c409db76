/**
 * Reliability of the app under bad data, refused parameters, failing workers and render errors
 * (jsdom): no NaN reaches a path, a diverged series does not stretch the y-axis, the store refuses
 * what the validator refuses (resource limits included) and starts nothing, a failing worker fails
 * only its own series and is replaced, a dead worker is noticed through its lifeline, and the error
 * boundary recovers with a reset to the defaults.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import * as d3 from 'd3';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultParams, type Params } from '../../src/core/params';
import type { ObservableRow } from '../../src/core/series';
import { RefusalNotice } from '../../src/app/controls/RefusalNotice';
import { ErrorBoundary } from '../../src/app/ErrorBoundary';
import { bandPath, linePath, markerPath } from '../../src/app/plots/paths';
import { panels } from '../../src/app/plots/panels';
import { PlotPanel } from '../../src/app/plots/PlotPanel';
import { blowUpFactor, makeYScale, valueExtent } from '../../src/app/plots/scales';
import { packRows, type SimulatedAlgorithm, type StreamListener } from '../../src/pipeline/protocol';
import { RunManager, simulationConcurrencyFor, simulationMemoryBudget } from '../../src/app/runManager';
import { RunResults } from '../../src/app/runResults';
import { createAppStore, useAppStore } from '../../src/app/store';
import { CancelledError, WorkerBridge, workerDiedMessage } from '../../src/pipeline/workerBridge';
import { watchLifeline } from '../../src/pipeline/workerLifeline';
import { endMessage, rowsMessage } from './streamFixtures';
import { FakeWorker } from './fakeWorker';

afterEach(cleanup);

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
const x = d3.scaleLinear().domain([0, 10]).range([0, 100]);
const y = d3.scaleLinear().domain([0, 1]).range([100, 0]);

describe('path builders drop non-finite points', () => {
  const t = [0, 1, 2, 3, 4, 5];
  const values = [0.1, Number.NaN, 0.3, Infinity, -Infinity, 0.6];

  it('a line breaks at NaN and ±Infinity values and never prints them', () => {
    const path = linePath({ length: 6, t, values }, { x, y, logScale: false });
    expect(path).not.toMatch(/NaN|Infinity/);
    expect(path.match(/M/g)).toHaveLength(3); // three drawable runs: rows 0, 2 and 5
    expect(linePath({ length: 3, t: [Number.NaN, 1, 2], values: [0.1, 0.2, 0.3] }, { x, y, logScale: false })).toBe('M10,80L20,70');
  });

  it('nothing drawable gives an empty path, also on a degenerate scale', () => {
    expect(linePath({ length: 3, t: [0, 1, 2], values: [Number.NaN, Infinity, Number.NaN] }, { x, y, logScale: false })).toBe('');
    const broken = d3.scaleLinear().domain([Number.NaN, Number.NaN]).range([100, 0]);
    expect(linePath({ length: 3, t: [0, 1, 2], values: [0.1, 0.2, 0.3] }, { x, y: broken, logScale: false })).toBe('');
    expect(markerPath({ length: 3, t: [0, 1, 2], values: [0.1, 0.2, 0.3] }, { x, y: broken, logScale: false }, 1, false)).toBe('');
  });

  it('a log scale skips non-positive values', () => {
    const log = d3.scaleLog().domain([0.01, 1]).range([100, 0]);
    const path = linePath({ length: 4, t: [0, 1, 2, 3], values: [0.1, 0, -1, 0.5] }, { x, y: log, logScale: true });
    expect(path).not.toMatch(/NaN|Infinity/);
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('a band skips rows whose value or error is not finite; markers skip undrawable rows', () => {
    const band = bandPath({ length: 4, t: [0, 1, 2, 3], values: [0.1, 0.2, Number.NaN, 0.4], errors: [0.01, Infinity, 0.01, 0.01] }, { x, y, logScale: false });
    expect(band).not.toMatch(/NaN|Infinity/);
    const markers = markerPath({ length: 6, t, values }, { x, y, logScale: false }, 1, true);
    expect(markers).not.toMatch(/NaN|Infinity/);
    expect(markers.match(/M/g)).toHaveLength(3);
  });

  it('a plot fed NaN and Infinity rows draws no NaN in any attribute of its paths', () => {
    const results = new RunResults(3, { ...defaultParams, horizon: 1, seeds: 2 });
    const poisoned = (k: number): ObservableRow => ({ t: 0.1 * k, trainLoss: k % 3 === 1 ? Number.NaN : k % 3 === 2 ? Infinity : 0.5, trainError: Number.NaN, testLoss: 0.6, testError: Number.NaN, q: k, m: 0.1, cosine: Number.NaN });
    const rows = packRows(Array.from({ length: 10 }, (_, k) => poisoned(k)));
    results.receive({ type: 'rows', runId: 3, source: 'theory', seedIndex: 0, firstIndex: 0, rows: rows.slice() });
    for (const source of ['sgf', 'sgd'] as const) {
      for (const seedIndex of [0, 1]) results.receive({ type: 'rows', runId: 3, source, seedIndex, firstIndex: 0, rows: rows.slice() });
    }
    for (const spec of panels) {
      const { container, unmount } = render(<PlotPanel spec={spec} current={results.snapshot()} previous={null} />);
      for (const path of container.querySelectorAll('path')) expect(path.getAttribute('d') ?? '', spec.id).not.toMatch(/NaN|Infinity/);
      unmount();
    }
  });
});

describe('divergence in the plots', () => {
  /** A theory series growing ×2 per row from 0.5, diverged after `rows` rows. */
  function divergedRun(rows: number) {
    const results = new RunResults(5, { ...defaultParams, model: 'linear', horizon: 10, step: 0.2 });
    const list = Array.from({ length: rows }, (_, k): ObservableRow => ({ t: 0.2 * k, trainLoss: 0.5 * 2 ** k, trainError: Number.NaN, testLoss: 0.5 * 2 ** k, testError: Number.NaN, q: 2 ** k - 1, m: 0.5, cosine: 0.5 }));
    results.receive({ type: 'rows', runId: 5, source: 'theory', seedIndex: 0, firstIndex: 0, rows: packRows(list) });
    results.receive(endMessage(5, 'theory', 0, 0.2 * rows));
    return results.snapshot();
  }

  it('the linear y-domain stops at the blow-up of a diverged series; the log scale keeps everything', () => {
    const snapshot = divergedRun(28); // values up to 0.5·2²⁷ ≈ 6.7e7
    const theory = snapshot.series.theory!;
    const [, high] = valueExtent([theory], ['trainLoss'], false)!;
    expect(high).toBeLessThanOrEqual(blowUpFactor * 1);
    expect(high).toBeGreaterThan(blowUpFactor / 2);
    const [, logHigh] = valueExtent([theory], ['trainLoss'], true)!;
    expect(logHigh).toBeCloseTo(0.5 * 2 ** 27, 0);
    // The same values, not marked diverged, set the domain in full.
    expect(valueExtent([{ ...theory, diverged: null }], ['trainLoss'], false)![1]).toBeCloseTo(0.5 * 2 ** 27, 0);
  });

  it('draws the "diverged at t = …" mark and y ticks of the values before the blow-up', () => {
    const trainLoss = panels.find((panel) => panel.id === 'trainLoss')!;
    const { container } = render(<PlotPanel spec={trainLoss} current={divergedRun(28)} previous={null} />);
    expect(container.querySelector('[data-diverged~="theory"]')).not.toBeNull();
    expect(container.textContent).toContain('theory diverged at t = 5.6');
    const ticks = [...container.querySelectorAll('.tick + text, g > text')].map((node) => Number((node.textContent ?? '').replace('−', '-'))).filter(Number.isFinite);
    expect(Math.max(...ticks)).toBeLessThan(100);
    const line = container.querySelector('path[data-series="theory"]')!;
    expect(line.getAttribute('d')).not.toMatch(/NaN|Infinity/);
  });

  it('a y scale from an empty extent is still finite', () => {
    expect(makeYScale(null, false, [100, 0]).domain().every(Number.isFinite)).toBe(true);
    expect(makeYScale(null, true, [100, 0]).domain().every(Number.isFinite)).toBe(true);
  });
});

describe('refused parameters', () => {
  // d = 20 000 and α = 10: a 1.5 GiB dataset per seed, beyond the 512 MiB limit of src/core/resources.ts.
  const tooLarge: Partial<Params> = { dim: 20_000, alpha: 10 };

  it('the store refuses a run beyond the resource limits with a message saying what to lower, and starts nothing', async () => {
    const store = createAppStore({ ...defaultParams, seeds: 1, horizon: 1 });
    const started: string[] = [];
    const manager = new RunManager(store, {
      createDmftWorker: () =>
        fakeWorker({
          solve(_p: Params, runId: number, listener: StreamListener) {
            started.push(`theory:${runId}`);
            void listener(endMessage(runId, 'theory'));
          },
        }),
      createSimWorker: () => fakeWorker({ simulate: (_p: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number) => void started.push(`${algorithm}:${runId}:${seedIndex}`) }),
      simPoolSize: 1,
      debounceMs: 10,
    });
    manager.start();
    await settle(60);
    const startedBefore = started.length;
    const problems = store.getState().setParams(tooLarge);
    expect(problems.map((problem) => problem.name)).toContain('dim');
    expect(problems.map((problem) => problem.message).join(' ')).toMatch(/lower the dimension d or α/);
    expect(store.getState().current.runId).toBe(1);
    expect(store.getState().current.params.dim).toBe(defaultParams.dim);
    expect(store.getState().refusal).toEqual(problems);
    await settle(60);
    expect(started.length).toBe(startedBefore); // no job of any run started
    // The next allowed change runs and clears the refusal.
    expect(store.getState().setParams({ dim: 100 })).toEqual([]);
    expect(store.getState().current.runId).toBe(2);
    expect(store.getState().refusal).toBeNull();
    manager.dispose();
  });

  it('an out-of-range value is refused the same way', () => {
    const store = createAppStore();
    expect(store.getState().setParams({ step: Number.NaN })[0].message).toMatch(/step must be a number/);
    expect(store.getState().current.runId).toBe(1);
    store.getState().setParams({ step: defaultParams.step }); // unchanged but valid: the refusal is over
    expect(store.getState().refusal).toBeNull();
  });

  it('the notice shows the problems as text and names the parameters still drawn', () => {
    useAppStore.setState({
      refusal: [{ name: 'dim', value: '50000', message: 'one simulation seed would need 2 GiB <img src=x onerror="window.__pwned=1">: lower the dimension d or α' }],
    });
    const { container } = render(<RefusalNotice />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(container.textContent).toMatch(/Not run:.*lower the dimension d or α/);
    expect(container.textContent).toContain(`d = ${defaultParams.dim}`);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(useAppStore.getState().refusal).toBeNull();
    expect(container.textContent).toBe('');
  });
});


function fakeWorker(api: object): Worker {
  return new FakeWorker(api) as unknown as Worker;
}

describe('worker failures', () => {
  beforeEach(() => {
    FakeWorker.created = [];
  });

  it('a call that throws fails with its message, and the next call runs on a fresh worker', async () => {
    let calls = 0;
    const bridge = new WorkerBridge<{ work(): number }>(() =>
      fakeWorker({
        work() {
          calls += 1;
          if (calls === 1) throw new Error('out of memory');
          return 42;
        },
      }),
    );
    await expect(bridge.run((remote) => remote.work())).rejects.toThrow('out of memory');
    expect(FakeWorker.created[0].terminated).toBe(true);
    await expect(bridge.run((remote) => remote.work())).resolves.toBe(42);
    expect(FakeWorker.created).toHaveLength(2);
    bridge.terminate();
  });

  it("a worker's error event fails the call in progress instead of hanging", async () => {
    const bridge = new WorkerBridge<{ work(): Promise<void> }>(() => fakeWorker({ work: () => new Promise(() => {}) }));
    const call = bridge.run((remote) => remote.work());
    await settle();
    FakeWorker.created[0].fireError('Uncaught RangeError: Array buffer allocation failed');
    await expect(call).rejects.toThrow('Array buffer allocation failed');
    expect(bridge.busy).toBe(false);
    expect(FakeWorker.created[0].terminated).toBe(true);
  });

  it('a failed source takes no more rows (a killed worker may deliver some for a moment)', () => {
    const store = createAppStore();
    store.getState().receive(rowsMessage(1, 'theory', 4));
    store.getState().fail(1, 'theory', workerDiedMessage);
    store.getState().receive(rowsMessage(1, 'theory', 4, { firstIndex: 4 }));
    store.getState().receive(endMessage(1, 'theory'));
    store.getState().flushResults();
    const { series, status } = store.getState().current;
    expect(series.theory?.length).toBe(4);
    expect(status.theory).toMatchObject({ state: 'failed', error: workerDiedMessage });
    expect(status.theory.progress).toBeLessThan(1);
  });

  it('a failed simulation job marks only its own series; the theory and the other algorithm finish', async () => {
    const store = createAppStore({ ...defaultParams, seeds: 2 });
    const simulated: string[] = [];
    const manager = new RunManager(store, {
      createDmftWorker: () =>
        fakeWorker({
          solve(_params: Params, runId: number, listener: StreamListener) {
            void listener(rowsMessage(runId, 'theory', 3));
            void listener(endMessage(runId, 'theory'));
          },
        }),
      createSimWorker: () =>
        fakeWorker({
          simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm, seedIndex: number, listener: StreamListener) {
            simulated.push(`${algorithm}:${seedIndex}`);
            if (algorithm === 'sgf') throw new Error('sgf exploded');
            void listener(rowsMessage(runId, algorithm, 3, { seedIndex }));
            void listener(endMessage(runId, algorithm, seedIndex));
          },
        }),
      simPoolSize: 1,
      debounceMs: 10,
    });
    manager.start();
    await settle(150);
    store.getState().flushResults();
    const { status } = store.getState().current;
    expect(status.sgf).toMatchObject({ state: 'failed', error: 'sgf exploded' });
    expect(status.theory.state).toBe('done');
    expect(status.sgd).toMatchObject({ state: 'done', jobsDone: 2 });
    expect(simulated.filter((job) => job.startsWith('sgf'))).toEqual(['sgf:0']); // its other seed was not started
    // Retry (restart) runs everything again on fresh workers.
    const workersBefore = FakeWorker.created.length;
    store.getState().restart();
    await settle(150);
    expect(store.getState().current.runId).toBe(2);
    expect(FakeWorker.created.length).toBeGreaterThan(workersBefore);
    manager.dispose();
  });

  it('waits for the workers of a cancelled large run to be gone before starting the next large one', async () => {
    // d = 5000, α = 2: 400 MB per simulation worker; two run at once, and hang (as a long job would).
    const store = createAppStore({ ...defaultParams, dim: 5000, alpha: 2, seeds: 1 });
    const started: string[] = [];
    const manager = new RunManager(store, {
      createDmftWorker: () => fakeWorker({ solve: () => new Promise(() => {}) }),
      createSimWorker: () =>
        fakeWorker({
          simulate(_params: Params, runId: number, algorithm: SimulatedAlgorithm) {
            started.push(`${runId}:${algorithm}`);
            return new Promise(() => {});
          },
        }),
      simPoolSize: 2,
      debounceMs: 10,
      zombieLifetimeMs: 300,
    });
    manager.start();
    await settle(60);
    expect(started).toEqual(['1:sgf', '1:sgd']);
    // α = 2.5: 500 MB per worker; with 800 MB still dying, 1.8 GB would exceed the 1.5 GiB budget.
    store.getState().setParams({ alpha: 2.5 });
    await settle(150);
    expect(started.filter((job) => job.startsWith('2:'))).toEqual([]);
    await settle(300);
    expect(started.filter((job) => job.startsWith('2:'))).toEqual(['2:sgf', '2:sgd']);
    manager.dispose();
  });

  it('runs only as many simulation workers at once as the memory budget allows', () => {
    expect(simulationConcurrencyFor({ ...defaultParams })).toBeGreaterThan(8);
    // d = 5000, α = 2: a 400 MB dataset per seed, so two at a time within the 1 GiB budget.
    expect(simulationConcurrencyFor({ ...defaultParams, dim: 5000, alpha: 2 })).toBe(2);
    expect(simulationConcurrencyFor({ ...defaultParams, dim: 8000, alpha: 8 })).toBe(1);
    expect(simulationMemoryBudget).toBe(1024 ** 3);
  });
});

/** A Web Locks stand-in: exclusive locks, granted in request order, released when the holder's callback settles or the holder "dies". */
class FakeLocks {
  private readonly held = new Set<string>();
  private readonly queue: { name: string; grant: () => void }[] = [];

  hold(name: string): void {
    this.held.add(name);
  }
  die(name: string): void {
    this.held.delete(name);
    const next = this.queue.findIndex((entry) => entry.name === name);
    if (next >= 0) this.queue.splice(next, 1)[0].grant();
  }
  async query() {
    return { held: [...this.held].map((name) => ({ name, mode: 'exclusive' as const, clientId: 'x' })), pending: [] };
  }
  request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => resolve(callback());
      if (!this.held.has(name)) return grant();
      const entry = { name, grant };
      this.queue.push(entry);
      options.signal?.addEventListener('abort', () => {
        const index = this.queue.indexOf(entry);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }
}

describe('worker lifeline', () => {
  it('reports a death once the lock was seen held, and never after stop()', async () => {
    const locks = new FakeLocks();
    const deaths: string[] = [];
    const stopA = watchLifeline('a', () => deaths.push('a'), { locks: locks as unknown as LockManager, firstPollMs: 5 });
    const stopB = watchLifeline('b', () => deaths.push('b'), { locks: locks as unknown as LockManager, firstPollMs: 5 });
    await settle(20);
    expect(deaths).toEqual([]); // not yet held: no false alarm while the worker loads
    locks.hold('sgf-dmft-lifeline:a');
    locks.hold('sgf-dmft-lifeline:b');
    await settle(60);
    stopB();
    locks.die('sgf-dmft-lifeline:a');
    locks.die('sgf-dmft-lifeline:b');
    await settle(10);
    expect(deaths).toEqual(['a']);
    stopA();
  });

  it('does nothing where Web Locks are missing', () => {
    const stop = watchLifeline('c', () => {
      throw new Error('must not be called');
    }, { locks: null });
    expect(() => stop()).not.toThrow();
  });

  it('a bridge whose worker dies silently fails the call with a clear message', async () => {
    const locks = new FakeLocks();
    const original = Object.getOwnPropertyDescriptor(globalThis.navigator, 'locks');
    Object.defineProperty(globalThis.navigator, 'locks', { value: locks, configurable: true });
    try {
      let name = '';
      const bridge = new WorkerBridge<{ work(): Promise<void> }>((workerName) => {
        name = workerName;
        locks.hold(`sgf-dmft-lifeline:${workerName}`); // what holdLifeline does in a real worker
        return fakeWorker({ work: () => new Promise(() => {}) });
      }, 'dmft');
      const call = bridge.run((remote) => remote.work());
      expect(name).toMatch(/^dmft#/);
      await settle(80);
      locks.die(`sgf-dmft-lifeline:${name}`);
      await expect(call).rejects.toThrow(workerDiedMessage);
      // A worker terminated on purpose is a cancel, not a death.
      const second = bridge.run((remote) => remote.work());
      await settle(80);
      bridge.terminate();
      await expect(second).rejects.toBeInstanceOf(CancelledError);
    } finally {
      if (original) Object.defineProperty(globalThis.navigator, 'locks', original);
      else delete (globalThis.navigator as unknown as Record<string, unknown>).locks;
    }
  });
});

describe('error boundary', () => {
  function Fragile({ broken }: { broken: boolean }) {
    if (broken) throw new Error('cannot draw <b>this</b>');
    return <p>figure</p>;
  }

  it('shows the error as text and a reset that recovers', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    function Harness() {
      const [broken, setBroken] = useState(true);
      return (
        <ErrorBoundary onReset={() => setBroken(false)}>
          <Fragile broken={broken} />
        </ErrorBoundary>
      );
    }
    const { container } = render(<Harness />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('cannot draw <b>this</b>');
    expect(container.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /reset to the default parameters/i }));
    expect(screen.getByText('figure')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    quiet.mockRestore();
    warn.mockRestore();
  });

  it('reset restores the defaults, plays, starts a new run and drops the old results', () => {
    const store = createAppStore({ ...defaultParams, alpha: 4, seeds: 2 });
    store.getState().receive(rowsMessage(1, 'theory', 4));
    store.getState().flushResults();
    store.getState().setPlaying(false);
    store.getState().reset();
    const state = store.getState();
    expect(state.current.params).toEqual(defaultParams);
    expect(state.playing).toBe(true);
    expect(state.current.runId).toBeGreaterThan(1);
    expect(state.previous).toBeNull();
    expect(state.current.series.theory).toBeNull();
    // Already at the defaults: a reset still restarts.
    const runId = state.current.runId;
    store.getState().reset();
    expect(store.getState().current.runId).toBe(runId + 1);
  });
});
