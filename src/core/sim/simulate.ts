/**
 * Drives the finite-d simulations: one seed (dataset + trajectory) at a time, rows streamed as they
 * are computed, and the mean ± standard error over seeds.
 */
import { drain } from '../slices';
import { glmModel } from '../models';
import { gridStep, stepGrid, timeSteps, type Params } from '../params';
import { appendRow, emptyTable, rowIsValid, type Divergence, type IndexedRow } from '../series';
import { summarizeSeeds, valueNames } from './seedStatistics';
import { createDataset, type Dataset, type Stepper } from './dataset';
import { createGdStepper } from './gd';
import { observeRow } from './observables';
import { onlineRows } from './online';
import { createSgdStepper } from './sgd';
import { createSgfStepper } from './sgf';
import type { Algorithm, SeName, SeedRun, SeedRunOptions, SimulationSummary } from './types';

/** Time per step and number of steps (rows 0..steps at t = k·dt). SGF runs on the grid Δt; SGD, GD and online SGD at step h. */
export function simulationGrid(params: Pick<Params, 'dt' | 'step' | 'horizon'>, algorithm: Algorithm): { dt: number; steps: number } {
  return algorithm === 'sgf' ? { dt: gridStep(params), steps: timeSteps(params) } : stepGrid(params);
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
  return drain(seedRows(params, algorithm, seedIndex, options), ({ row, k }) => options.onRow?.(row, k));
}

/** Sees θ_k (length d, read-only, overwritten by the next step) after each valid row, for a two-time history (sim/twoTime.ts). */
export type WeightsListener = (k: number, weights: Float64Array) => void;
/** Sees the fields r = Xθ_k (length n, read-only, overwritten by the next step) and the labels after each valid row. */
export type FieldsListener = (k: number, fields: Float64Array, labels: Float64Array) => void;

/**
 * One seed as a generator: yields each row as soon as it is recorded and returns the run.
 * A worker can then give its event loop a turn between rows (so that terminating it takes effect at once).
 */
export function* seedRows(
  params: Params,
  algorithm: Algorithm,
  seedIndex: number,
  options: Pick<SeedRunOptions, 'shouldStop'> & { onWeights?: WeightsListener; onFields?: FieldsListener } = {},
): Generator<IndexedRow, SeedRun, void> {
  if (algorithm === 'online') return yield* onlineRows(params, seedIndex, options);
  const model = glmModel(params.model);
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
    options.onWeights?.(k, stepper.weights);
    options.onFields?.(k, stepper.fields, dataset.labels);
    yield { row, k };
    if (!prepareStep || options.shouldStop?.()) break;
    stepper.step();
  }
  return { algorithm, seedIndex, table, diverged };
}

/**
 * Mean over seeds and standard error of the mean of every series (core/sim/seedStatistics.ts, the rule the
 * app and its exports share), truncated at the earliest divergence among the runs.
 */
export function summarizeRuns(params: Params, algorithm: Algorithm, runs: SeedRun[]): SimulationSummary {
  const summary = summarizeSeeds(runs.map((run) => ({ t: run.table.t, values: run.table, length: run.table.t.length, diverged: run.diverged })));
  const table = emptyTable();
  table.t = Array.from(summary.t);
  const standardErrors = {} as Record<SeName, number[]>;
  for (const name of valueNames) {
    table[name] = Array.from(summary.mean[name]);
    standardErrors[`${name}Se`] = Array.from(summary.standardError[name]);
  }
  return { algorithm, params, table, standardErrors, seeds: runs.length, diverged: summary.diverged };
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
