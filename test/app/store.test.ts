import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/core/params';
import { simulationProgress } from '../../src/app/runResults';
import { formatPercent } from '../../src/app/format';
import { createAppStore } from '../../src/app/store';
import { endMessage, rowsMessage } from './streamFixtures';

describe('app store', () => {
  it('starts at run 1 with the default parameters, playing', () => {
    const store = createAppStore();
    expect(store.getState().current.runId).toBe(1);
    expect(store.getState().current.params).toEqual(defaultParams);
    expect(store.getState().playing).toBe(true);
  });

  it('starts a new run (new id) on every parameter change', () => {
    const store = createAppStore();
    expect(store.getState().setParams({ alpha: 2.5 })).toEqual([]);
    expect(store.getState().current.runId).toBe(2);
    expect(store.getState().current.params.alpha).toBe(2.5);
    store.getState().setParams({ step: 0.2 });
    expect(store.getState().current.runId).toBe(3);
    expect(store.getState().current.runId).toBe(3);
  });

  it('keeps the run when a change does not change anything', () => {
    const store = createAppStore();
    store.getState().setParams({ alpha: defaultParams.alpha });
    expect(store.getState().current.runId).toBe(1);
  });

  it('refuses invalid parameters with readable problems and keeps the run', () => {
    const store = createAppStore();
    const problems = store.getState().setParams({ alpha: -1 });
    expect(problems.map((problem) => problem.name)).toEqual(['alpha']);
    expect(problems[0].message).toMatch(/alpha/);
    expect(store.getState().current.runId).toBe(1);
    expect(store.getState().current.params.alpha).toBe(defaultParams.alpha);
  });

  it('takes rows of the current run, published at the next frame', () => {
    const store = createAppStore();
    store.getState().receive(rowsMessage(1, 'theory', 5));
    store.getState().receive(rowsMessage(1, 'theory', 3, { firstIndex: 5 }));
    expect(store.getState().current.series.theory).toBeNull(); // not yet: batched per frame
    store.getState().flushResults();
    const theory = store.getState().current.series.theory!;
    expect(theory.runId).toBe(1);
    expect(theory.length).toBe(8);
    expect(Array.from(theory.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => 0.1 * k));
    expect(theory.values.trainLoss[7]).toBeCloseTo(0.7 - 0.02 * 0.7, 12);
  });

  it('ignores rows and failures of an old run', () => {
    const store = createAppStore();
    store.getState().setParams({ alpha: 3 });
    store.getState().receive(rowsMessage(1, 'theory', 4));
    store.getState().receive(rowsMessage(1, 'sgf', 4));
    store.getState().receive(endMessage(1, 'theory'));
    store.getState().fail(1, 'sgd', 'boom');
    store.getState().flushResults();
    const { current } = store.getState();
    expect(current.runId).toBe(2);
    expect(current.series.theory).toBeNull();
    expect(current.series.sgf).toBeNull();
    expect(current.status.theory.state).toBe('waiting');
    expect(current.status.sgd.error).toBeNull();
  });

  it('keeps the previous run as stale until the new one draws', () => {
    const store = createAppStore();
    store.getState().receive(rowsMessage(1, 'theory', 4));
    store.getState().flushResults();
    store.getState().setParams({ alpha: 3 });
    expect(store.getState().previous?.runId).toBe(1);
    expect(store.getState().previous?.series.theory?.length).toBe(4);
    // A second change before the new run drew anything keeps the last run that did.
    store.getState().setParams({ alpha: 4 });
    expect(store.getState().previous?.runId).toBe(1);
  });

  it('averages simulation seeds into mean ± standard error', () => {
    const store = createAppStore({ ...defaultParams, seeds: 2 });
    store.getState().receive(rowsMessage(1, 'sgf', 3, { seedIndex: 0, offset: 0 }));
    store.getState().receive(rowsMessage(1, 'sgf', 2, { seedIndex: 1, offset: 0.2 }));
    store.getState().flushResults();
    const sgf = store.getState().current.series.sgf!;
    expect(sgf.length).toBe(3);
    // Rows 0–1 have both seeds: mean offset 0.1, standard error |0.2|/2.
    expect(sgf.values.q[1]).toBeCloseTo(0.01 + 0.1, 12);
    expect(sgf.standardError!.q[1]).toBeCloseTo(0.1, 12);
    // Row 2 only seed 0 so far.
    expect(sgf.values.q[2]).toBeCloseTo(0.02, 12);
    expect(sgf.standardError!.q[2]).toBe(0);
  });

  it('reports progress as per cent of the horizon, 100% once every job ended', () => {
    const store = createAppStore({ ...defaultParams, horizon: 1, seeds: 1 });
    store.getState().receive(rowsMessage(1, 'theory', 6)); // up to t = 0.5
    store.getState().flushResults();
    expect(store.getState().current.status.theory.progress).toBeCloseTo(0.5, 12);
    expect(store.getState().current.status.theory.state).toBe('running');
    store.getState().receive(rowsMessage(1, 'theory', 11)); // the last row, t = 1: not done before its end message
    store.getState().flushResults();
    expect(formatPercent(store.getState().current.status.theory.progress)).toBe('99%');
    store.getState().receive(endMessage(1, 'theory'));
    for (const source of ['sgf', 'sgd'] as const) {
      store.getState().receive(rowsMessage(1, source, 11));
      store.getState().receive(endMessage(1, source));
    }
    store.getState().flushResults();
    const { status } = store.getState().current;
    expect(status.theory.progress).toBe(1);
    expect(status.theory.state).toBe('done');
    expect(simulationProgress(status)).toBe(1);
  });

  it('cuts a simulation mean at the earliest divergence and records it', () => {
    const store = createAppStore({ ...defaultParams, seeds: 2 });
    store.getState().receive(rowsMessage(1, 'sgd', 10, { seedIndex: 0 }));
    store.getState().receive(rowsMessage(1, 'sgd', 4, { seedIndex: 1 }));
    store.getState().receive(endMessage(1, 'sgd', 1, 0.4));
    store.getState().flushResults();
    const sgd = store.getState().current.series.sgd!;
    expect(sgd.diverged).toEqual({ at: 0.4 });
    expect(sgd.length).toBe(4);
  });

  it('a run whose SGD theory coincides with its SGF theory has no SGD-theory job and finishes without it', () => {
    const store = createAppStore({ ...defaultParams, batchFraction: 1, seeds: 1, horizon: 1, step: 0.1 });
    const { receive, flushResults } = store.getState();
    for (const source of ['theory', 'sgf', 'sgd'] as const) {
      receive(rowsMessage(1, source, 11));
      receive(endMessage(1, source));
    }
    flushResults();
    const { status } = store.getState().current;
    expect(status.sgdTheory).toMatchObject({ state: 'done', jobsTotal: 0, progress: 1 });
    expect(status.theory.state).toBe('done');
  });

  it('keeps the exact overlay as its own series, outside the progress', () => {
    const store = createAppStore({ ...defaultParams, model: 'linear' });
    store.getState().receive(rowsMessage(1, 'exact', 5));
    store.getState().receive(endMessage(1, 'exact'));
    store.getState().flushResults();
    const { series, status } = store.getState().current;
    expect(series.exact?.length).toBe(5);
    expect(series.theory).toBeNull();
    expect(Object.keys(status).sort()).toEqual(['sgd', 'sgdTheory', 'sgf', 'theory']);
    expect(status.theory.progress).toBe(0);
  });

  it('restart and new seed start new runs; new seed moves the seed', () => {
    const store = createAppStore();
    store.getState().restart();
    expect(store.getState().current.runId).toBe(2);
    expect(store.getState().current.params).toEqual(defaultParams);
    store.getState().newSeed();
    expect(store.getState().current.runId).toBe(3);
    expect(store.getState().current.params.seed).toBe(defaultParams.seed + 1);
  });

  it('pausing keeps the run; playing again restarts an unfinished run', () => {
    const store = createAppStore();
    store.getState().setPlaying(false);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().current.runId).toBe(1);
    store.getState().setPlaying(true);
    expect(store.getState().current.runId).toBe(2);
  });

  it('records a failure of the current run', () => {
    const store = createAppStore();
    store.getState().fail(1, 'theory', 'out of memory');
    store.getState().flushResults();
    expect(store.getState().current.status.theory).toMatchObject({ state: 'failed', error: 'out of memory' });
  });
});
