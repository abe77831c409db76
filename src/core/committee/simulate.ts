/**
 * Drives the finite-d committee simulations (theory.md §10.1, §11.1): one seed (dataset + trajectory) at a
 * time, rows streamed as they are computed, and the mean ± standard error over seeds by the one rule of
 * sim/seedStatistics.ts. Rows carry the series of committee/series.ts (t, losses, summaries, q_a_b, M_a_b).
 */
import { drain } from '../slices';
import type { Divergence } from '../series';
import { summarizeSeeds } from '../sim/seedStatistics';
import { simulationGrid } from '../sim/simulate';
import type { Algorithm } from '../sim/types';
import { Committee } from './committee';
import type { CommitteeParams } from './config';
import { createCommitteeDataset } from './dataset';
import { createCommitteeGdStepper, createCommitteeSgfStepper } from './fullBatch';
import { committeeRowIsValid, observeCommittee } from './observables';
import { createCommitteeOnlineStepper } from './online';
import { committeeSeriesNames, type CommitteeRow } from './series';
import { createCommitteeSgdStepper } from './sgd';
import type { CommitteeStepper } from './stepper';

/** Columns of committeeSeriesNames(p, p*), one entry per recorded row. */
export type CommitteeTable = Record<string, number[]>;

export interface CommitteeIndexedRow {
  row: CommitteeRow;
  /** Step index on the algorithm's grid. */
  k: number;
}

export interface CommitteeSeedRun {
  algorithm: Algorithm;
  seedIndex: number;
  table: CommitteeTable;
  diverged: Divergence | null;
}

export interface CommitteeSimulationSummary {
  algorithm: Algorithm;
  params: CommitteeParams;
  /** committeeSeriesNames(p, p*): t first, then the observables. */
  names: string[];
  /** Mean over seeds of every series (t: the grid times). */
  table: CommitteeTable;
  /** Standard error of the mean, `<name>Se` for every series but t. */
  standardErrors: Record<string, number[]>;
  seeds: number;
  diverged: Divergence | null;
}

function emptyCommitteeTable(names: readonly string[]): CommitteeTable {
  return Object.fromEntries(names.map((name) => [name, [] as number[]]));
}

/** The stepper of `algorithm` with the teacher and dimension the observables read. */
function createRun(params: CommitteeParams, algorithm: Algorithm, seedIndex: number): { stepper: CommitteeStepper; teacher: Float64Array } {
  if (algorithm === 'online') {
    const stepper = createCommitteeOnlineStepper(params, seedIndex);
    return { stepper, teacher: stepper.teacher };
  }
  const dataset = createCommitteeDataset(params, seedIndex);
  const stepper =
    algorithm === 'sgf'
      ? createCommitteeSgfStepper(params, dataset, seedIndex)
      : algorithm === 'sgd'
        ? createCommitteeSgdStepper(params, dataset, seedIndex)
        : createCommitteeGdStepper(params, dataset);
  return { stepper, teacher: dataset.teacher };
}

/**
 * One seed as a generator: yields each row as soon as it is recorded and returns the run. The first
 * invalid row (non-finite or exploding) ends the run, is not kept, and its time is the divergence.
 * SGF runs on the grid Δt = dt ?? h; SGD, GD and one-pass SGD at step h (sim/simulate.ts's simulationGrid).
 */
export function* committeeSeedRows(
  params: CommitteeParams,
  algorithm: Algorithm,
  seedIndex: number,
  options: { shouldStop?: () => boolean } = {},
): Generator<CommitteeIndexedRow, CommitteeSeedRun, void> {
  const { stepper, teacher } = createRun(params, algorithm, seedIndex);
  const { dt, steps } = simulationGrid(params, algorithm);
  const p = params.hidden;
  const pStar = params.teacherHidden;
  const names = committeeSeriesNames(p, pStar);
  const observe = createObserver(params, teacher);
  const table = emptyCommitteeTable(names);
  let diverged: Divergence | null = null;

  for (let k = 0; k <= steps; k++) {
    const prepareStep = k < steps;
    const trainLoss = stepper.evaluate(prepareStep);
    const row = observe(k * dt, trainLoss, stepper.weights);
    if (!committeeRowIsValid(row, p, pStar)) {
      diverged = { at: row.t };
      break;
    }
    for (const name of names) table[name].push(row[name]);
    yield { row, k };
    if (!prepareStep || options.shouldStop?.()) break;
    stepper.step();
  }
  return { algorithm, seedIndex, table, diverged };
}

/** The row at (t, train loss, Θ) for this run's teacher. */
function createObserver(params: CommitteeParams, teacher: Float64Array): (t: number, trainLoss: number, weights: Float64Array) => CommitteeRow {
  const committee = new Committee(params);
  return (t, trainLoss, weights) => observeCommittee(t, trainLoss, weights, teacher, params.dim, committee);
}

/** Runs one seed to its end, handing each row to `onRow`. */
export function runCommitteeSeed(params: CommitteeParams, algorithm: Algorithm, seedIndex: number, onRow?: (row: CommitteeRow, k: number) => void): CommitteeSeedRun {
  return drain(committeeSeedRows(params, algorithm, seedIndex), ({ row, k }) => onRow?.(row, k));
}

/** Mean and standard error over the runs of every series, truncated at the earliest divergence. */
export function summarizeCommitteeRuns(params: CommitteeParams, algorithm: Algorithm, runs: CommitteeSeedRun[]): CommitteeSimulationSummary {
  const names = committeeSeriesNames(params.hidden, params.teacherHidden);
  const valueNames = names.filter((name) => name !== 't');
  const summary = summarizeSeeds(
    runs.map((run) => ({ t: run.table.t, values: run.table, length: run.table.t.length, diverged: run.diverged })),
    valueNames,
  );
  const table: CommitteeTable = { t: Array.from(summary.t) };
  const standardErrors: Record<string, number[]> = {};
  for (const name of valueNames) {
    table[name] = Array.from(summary.mean[name]);
    standardErrors[`${name}Se`] = Array.from(summary.standardError[name]);
  }
  return { algorithm, params, names, table, standardErrors, seeds: runs.length, diverged: summary.diverged };
}

/** Runs seeds 0..params.seeds − 1 one after the other and summarizes them; a seed interrupted by shouldStop is left out. */
export function simulateCommittee(
  params: CommitteeParams,
  algorithm: Algorithm,
  options: { onSeed?: (run: CommitteeSeedRun) => void; shouldStop?: () => boolean } = {},
): CommitteeSimulationSummary {
  const runs: CommitteeSeedRun[] = [];
  const { steps } = simulationGrid(params, algorithm);
  for (let seedIndex = 0; seedIndex < params.seeds; seedIndex++) {
    if (options.shouldStop?.()) break;
    const run = drain(committeeSeedRows(params, algorithm, seedIndex, { shouldStop: options.shouldStop }));
    if (run.diverged === null && run.table.t.length !== steps + 1) break;
    runs.push(run);
    options.onSeed?.(run);
  }
  return summarizeCommitteeRuns(params, algorithm, runs);
}
