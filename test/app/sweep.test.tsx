/**
 * The sweep view (issue 12 item 4) in jsdom: its settings and URL keys, the runner computing every point on
 * (fake, in-process) workers with the workers' own computation, the export equal to `cli sweep`'s text for the
 * same plan (core/sweepRun.ts + sweepReport.ts, what the CLI runs), cancellation on a parameter change, and the
 * panel drawing theory and simulation points with error bars and reading them out by keyboard.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { solveDmft } from '../../src/core/dmft/solver';
import { defaultParams, type Params } from '../../src/core/params';
import { simulate } from '../../src/core/sim/simulate';
import { planSweep } from '../../src/core/sweep';
import { formatSweep } from '../../src/core/sweepReport';
import { runSweep, type SweepSimulationRun, type SweepTheoryRun } from '../../src/core/sweepRun';
import type { SimulatedAlgorithm } from '../../src/pipeline/protocol';
import { createAppStore } from '../../src/app/store';
import { createUiStore } from '../../src/app/uiStore';
import { SweepPanel } from '../../src/app/plots/SweepPanel';
import { sweepDataFile } from '../../src/app/sweep/sweepExport';
import { SweepRunner } from '../../src/app/sweep/sweepRunner';
import { defaultSweepSettings, parseSweepValues, readSweepSettings, writeSweepSettings } from '../../src/app/sweep/sweepSettings';
import { createSweepStore, sweepComplete, useSweepStore } from '../../src/app/sweep/sweepStore';
import { FakeWorker } from './fakeWorker';

afterEach(cleanup);

const small: Params = { ...defaultParams, horizon: 1, samples: 500, responseSamples: 100, dim: 40, seeds: 2 };

/** What workers/dmft.worker.ts's sweepSolve and workers/sim.worker.ts's sweepSimulate return, computed in-process. */
const computingApi = {
  sweepSolve: async (params: Params): Promise<SweepTheoryRun> => {
    const { dt, table, trainLossSe, trainErrorSe, diverged } = solveDmft(params);
    return { dt, table, trainLossSe, trainErrorSe, diverged };
  },
  sweepSimulate: async (params: Params, algorithm: SimulatedAlgorithm): Promise<SweepSimulationRun> => {
    const { table, standardErrors, diverged } = simulate(params, algorithm);
    return { algorithm, table, standardErrors, diverged };
  },
  stop: () => {},
};

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('sweep settings', () => {
  it('reads lists and ranges, and says why a text is refused', () => {
    expect(parseSweepValues('0.5, 1,2 ,4')).toEqual([0.5, 1, 2, 4]);
    expect(parseSweepValues('0:1:5')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(parseSweepValues('0.5:8:5:log')).toEqual([0.5, 1, 2, 4, 8]);
    expect(parseSweepValues('1,,2')).toMatch(/value 2/);
    expect(parseSweepValues('1:2:1')).toMatch(/count ≥ 2/);
    expect(parseSweepValues('0:8:5:log')).toMatch(/> 0/);
  });

  it('round-trips through the URL and corrects bad keys', () => {
    const search = new URLSearchParams('alpha=2');
    const settings = { key: 'step' as const, values: [0.05, 0.2], quantity: 'm' as const, at: 3, algorithm: null };
    writeSweepSettings(settings, search);
    expect(search.get('alpha')).toBe('2');
    expect(search.get('sweep-param')).toBe('step');
    expect(readSweepSettings(search).settings).toEqual(settings);
    const defaults = new URLSearchParams();
    writeSweepSettings(defaultSweepSettings, defaults);
    expect(defaults.toString()).toBe('');
    const { settings: corrected, corrections } = readSweepSettings(new URLSearchParams('sweep-param=colour&sweep-values=1,x&sweep-sim=gd'));
    expect(corrected).toEqual(defaultSweepSettings);
    expect(corrections.map((correction) => correction.name)).toEqual(['sweep-param', 'sweep-values', 'sweep-sim']);
  });
});

describe('the sweep runner', () => {
  it('computes every point in parallel lanes, and the export is what cli sweep prints for the same plan', async () => {
    const appStore = createAppStore(small);
    appStore.getState().setPlaying(false);
    const uiStore = createUiStore({ plots: ['sweep'] });
    const sweepStore = createSweepStore({ key: 'alpha', values: [0.5, 1, 2], quantity: 'testLoss', at: 0.5, algorithm: 'sgd' });
    const runner = new SweepRunner(sweepStore, appStore, uiStore, { createDmftWorker: () => new FakeWorker(computingApi) as unknown as Worker, createSimWorker: () => new FakeWorker(computingApi) as unknown as Worker, lanes: 2 });
    const streamed: number[] = [];
    sweepStore.subscribe((state) => streamed.push(state.current.theory.filter(Boolean).length + state.current.simulation.filter(Boolean).length));
    runner.start();
    await until(() => sweepComplete(sweepStore.getState().current), 'the sweep');
    expect(new Set(streamed).size, 'points arrive one by one').toBeGreaterThanOrEqual(6);
    const planning = planSweep({ ...small }, 'alpha', [0.5, 1, 2], 0.5);
    if (!planning.ok) throw new Error('plan');
    const points = runSweep(planning.plan, { algorithm: 'sgd' });
    for (const format of ['csv', 'json'] as const) {
      const cliText = formatSweep({ params: planning.plan.points[0], key: 'alpha', at: 0.5, algorithm: 'sgd', points }, format);
      expect(sweepDataFile(sweepStore.getState().current, format)?.text, format).toBe(cliText);
    }
    expect(sweepDataFile(sweepStore.getState().current, 'csv')!.text.split('\n')[0]).toMatch(/^alpha,t,trainLoss,.*,simT,simTrainLoss,.*simDivergedAt$/);
    runner.dispose();
  });

  it('stops the old sweep on a parameter change and ignores its results; the new sweep waits for the run, then computes', async () => {
    const stops: number[] = [];
    const pending: { resolve: (run: SweepTheoryRun | null) => void }[] = [];
    const hanging = () =>
      new FakeWorker({
        sweepSolve: () => new Promise<SweepTheoryRun | null>((resolve) => pending.push({ resolve })),
        sweepSimulate: () => new Promise(() => {}),
        stop: () => {
          stops.push(1);
          pending.splice(0).forEach(({ resolve }) => resolve(null));
        },
      }) as unknown as Worker;
    const appStore = createAppStore(small);
    appStore.getState().setPlaying(false);
    const uiStore = createUiStore({ plots: ['sweep'] });
    const sweepStore = createSweepStore({ ...defaultSweepSettings, values: [0.5, 1], algorithm: null });
    const runner = new SweepRunner(sweepStore, appStore, uiStore, { createDmftWorker: hanging, createSimWorker: hanging, lanes: 2 });
    runner.start();
    const firstId = sweepStore.getState().current.id;
    await until(() => pending.length === 2, 'both lanes started');
    appStore.getState().setParams({ batchFraction: 0.2 }); // paused: the new sweep starts at once
    const second = sweepStore.getState().current;
    expect(second.id).toBe(firstId + 1);
    expect(second.base?.batchFraction).toBe(0.2);
    await until(() => stops.length === 2, 'the old jobs stopped');
    sweepStore.getState().receiveTheory(firstId, 0, await computingApi.sweepSolve(small)); // a late result of the old sweep
    expect(sweepStore.getState().current.theory.every((run) => run === null)).toBe(true);
    expect(sweepStore.getState().previous?.id ?? firstId).toBe(firstId);
    await until(() => pending.length === 2, 'the new sweep started');
    // Hiding the view stops it too.
    act(() => uiStore.getState().configure({ plots: null }));
    await until(() => stops.length === 4, 'stopped when hidden');
    runner.dispose();
  });
});

describe('the sweep panel', () => {
  it('draws theory and simulation points with error bars, reads them out by keyboard, and enables the export once complete', async () => {
    const store = useSweepStore;
    store.getState().setSettings({ key: 'alpha', values: [0.5, 2], quantity: 'trainLoss', at: null, algorithm: 'sgf' });
    store.getState().plan(small);
    const id = store.getState().current.id;
    const plan = store.getState().current.plan!;
    store.getState().receiveTheory(id, 0, await computingApi.sweepSolve(plan.points[0]));
    store.getState().receiveSimulation(id, 1, await computingApi.sweepSimulate(plan.points[1], 'sgf'));
    render(<SweepPanel />);
    const svg = screen.getByRole('img', { name: /train loss at the horizon vs sample ratio α/ });
    expect(svg.closest('figure')?.getAttribute('data-panel')).toBe('sweep');
    const theory = svg.querySelector('[data-series="theory"][data-stale="false"]')!;
    expect(theory.getAttribute('data-points')).toBe('1');
    expect(theory.querySelectorAll('.sweep-error-bar')).toHaveLength(1); // the solver's standard error of the train loss
    const simulation = svg.querySelector('[data-series="sgf"][data-stale="false"]')!;
    expect(simulation.getAttribute('data-points')).toBe('1');
    expect(Number(simulation.querySelector('[data-se]')!.getAttribute('data-se'))).toBeGreaterThan(0);
    expect((screen.getByRole('button', { name: 'CSV' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(screen.getByText(/^α = 0\.5: train loss theory [\d.]+ ± [\d.e−-]+ \(t = 1\), SGF computing…$/)).toBeTruthy();
    fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(screen.getByText(/^α = 2: train loss theory computing…, SGF [\d.]+ ± /)).toBeTruthy();
    act(() => {
      useSweepStore.getState().receiveTheory(id, 1, solveDmftRun(plan.points[1]));
      useSweepStore.getState().receiveSimulation(id, 0, simulateRun(plan.points[0]));
    });
    expect((screen.getByRole('button', { name: 'CSV' }) as HTMLButtonElement).disabled).toBe(false);
    expect(svg.querySelector('[data-series="theory"]')!.getAttribute('data-points')).toBe('2');
    // A parameter change: the old points stand in, faded, and none is drawn as current.
    act(() => useSweepStore.getState().plan({ ...small, batchFraction: 0.2 }));
    expect(svg.querySelector('[data-series="theory"][data-stale="false"]')!.getAttribute('data-points')).toBe('0');
    expect(svg.querySelector('[data-series="theory"][data-stale="true"]')!.getAttribute('data-sweep')).toBe(String(id));
  });
});

function solveDmftRun(params: Params): SweepTheoryRun {
  const { dt, table, trainLossSe, trainErrorSe, diverged } = solveDmft(params);
  return { dt, table, trainLossSe, trainErrorSe, diverged };
}

function simulateRun(params: Params): SweepSimulationRun {
  const { table, standardErrors, diverged } = simulate(params, 'sgf');
  return { algorithm: 'sgf', table, standardErrors, diverged };
}
