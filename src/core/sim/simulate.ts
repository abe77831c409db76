/**
 * Drives the finite-d simulations: one seed (dataset + trajectory) at a time, rows streamed as they
 * are computed, and the mean ± standard error over seeds.
 */
import { getModel } from '../models';
import { gridStep, timeSteps, type Params } from '../params';
import { appendRow, emptyTable, rowIsValid, seriesNames, type Divergence, type IndexedRow } from '../series';
import { createDataset, type Dataset, type Stepper } from './dataset';
import { createGdStepper } from './gd';
import { observeRow } from './observables';
import { onlineRows } from './online';
import { createSgdStepper } from './sgd';
import { createSgfStepper } from './sgf';
import type { Algorithm, SeName, SeedRun, SeedRunOptions, SimulationSummary } from './types';

/** Time per step and number of steps (rows 0..steps at t = k·dt). SGF runs on the grid Δt; SGD, GD and online SGD at step h. */
export function simulationGrid(params: Params, algorithm: Algorithm): { dt: number; steps: number } {
  if (algorithm === 'sgf') return { dt: gridStep(params), steps: timeSteps(params) };
  return { dt: params.step, steps: Math.max(1, Math.round(params.horizon / params.step)) };
}

export function createStepper(params: Params, algorithm: Algorithm, dataset: Dataset, seedIndex: number): Stepper {
  switch (algorithm) {
    case 'sgf':
      return createSgfStepper(params, dataset, seedIndex);
    case 'sgd':
      return createSgdStepper(params, dataset, seedIndex);
    case 'gd':
      return createGdStepper(params, dataset);
    case 'online':
      throw new RangeError('one-pass SGD has no fixed dataset: its rows come from onlineRows (sim/online.ts)');
  }
}

/**
 * Runs one seed. Rows are streamed through options.onRow; the first invalid row (non-finite or
 * exploding, series.ts) ends the run, is not kept, and its time is reported as the divergence.
 */
export function runSeed(params: Params, algorithm: Algorithm, seedIndex: number, options: SeedRunOptions = {}): SeedRun {
  const rows = seedRows(params, algorithm, seedIndex, options);
  for (;;) {
    const next = rows.next();
    if (next.done) return next.value;
    options.onRow?.(next.value.row, next.value.k);
  }
}

/**
 * One seed as a generator: yields each row as soon as it is recorded and returns the run.
 * A worker can then give its event loop a turn between rows (so that terminating it takes effect at once).
 */
export function* seedRows(
  params: Params,
  algorithm: Algorithm,
  seedIndex: number,
  options: Pick<SeedRunOptions, 'shouldStop'> = {},
): Generator<IndexedRow, SeedRun, void> {
  if (algorithm === 'online') return yield* onlineRows(params, seedIndex, options);
  const model = getModel(params.model);
  const dataset = createDataset(params, seedIndex);
  const stepper = createStepper(params, algorithm, dataset, seedIndex);
  const { dt, steps } = simulationGrid(params, algorithm);
  const table = emptyTable();
  let diverged: Divergence | null = null;

  for (let k = 0; k <= steps; k++) {
    const prepareStep = k < steps;
    stepper.evaluate(prepareStep);
    const row = observeRow(k * dt, dataset, stepper.weights, stepper.fields, model, params);
    if (!rowIsValid(row)) {
      diverged = { at: row.t };
      break;
    }
    appendRow(table, row);
    yield { row, k };
    if (!prepareStep || options.shouldStop?.()) break;
    stepper.step();
  }
  return { algorithm, seedIndex, table, diverged };
}

function standardErrorName(name: Exclude<(typeof seriesNames)[number], 't'>): SeName {
  return `${name}Se`;
}

/**
 * Mean over seeds and standard error of the mean (sample std/√seeds; 0 for one seed) of every
 * series, on the prefix of rows that all runs share. The divergence is the earliest among the runs.
 */
export function summarizeRuns(params: Params, algorithm: Algorithm, runs: SeedRun[]): SimulationSummary {
  const table = emptyTable();
  const measured = seriesNames.filter((name) => name !== 't') as Exclude<(typeof seriesNames)[number], 't'>[];
  const standardErrors = Object.fromEntries(measured.map((name) => [standardErrorName(name), [] as number[]])) as Record<SeName, number[]>;
  const seeds = runs.length;
  const rows = seeds === 0 ? 0 : Math.min(...runs.map((run) => run.table.t.length));

  for (let k = 0; k < rows; k++) {
    table.t.push(runs[0].table.t[k]);
    for (const name of measured) {
      let sum = 0;
      for (const run of runs) sum += run.table[name][k];
      const mean = sum / seeds;
      let squares = 0;
      for (const run of runs) squares += (run.table[name][k] - mean) ** 2;
      // NaN columns (errors of a regression model) stay NaN; one seed has no spread to report.
      const standardError = seeds > 1 ? Math.sqrt(squares / (seeds - 1) / seeds) : Number.isNaN(mean) ? Number.NaN : 0;
      table[name].push(mean);
      standardErrors[standardErrorName(name)].push(standardError);
    }
  }

  let diverged: Divergence | null = null;
  for (const run of runs) {
    if (run.diverged && (diverged === null || run.diverged.at < diverged.at)) diverged = { at: run.diverged.at };
  }
  return { algorithm, params, table, standardErrors, seeds, diverged };
}

export interface SimulateOptions {
  /** Called with each seed's run as soon as it is complete (finished or diverged). */
  onSeed?: (run: SeedRun) => void;
  /** Polled once per step; true stops the simulation. */
  shouldStop?: () => boolean;
}

/**
 * Runs seeds 0..params.seeds−1 one after the other and summarizes them. A seed interrupted by
 * shouldStop is left out (it would truncate every series to its partial length).
 */
export function simulate(params: Params, algorithm: Algorithm, options: SimulateOptions = {}): SimulationSummary {
  const runs: SeedRun[] = [];
  const { steps } = simulationGrid(params, algorithm);
  let stopped = false;
  const shouldStop = (): boolean => {
    if (!stopped && options.shouldStop?.()) stopped = true;
    return stopped;
  };
  for (let seedIndex = 0; seedIndex < params.seeds && !shouldStop(); seedIndex++) {
    const run = runSeed(params, algorithm, seedIndex, { shouldStop });
    const complete = run.diverged !== null || run.table.t.length === steps + 1;
    if (!complete) break;
    runs.push(run);
    options.onSeed?.(run);
  }
  return summarizeRuns(params, algorithm, runs);
}
