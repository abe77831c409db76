/**
 * Statistics for theory-versus-simulation tests: Monte-Carlo replicas of the theory, seeds of the
 * simulation, and the z-score of their difference. Tolerances are multiples of the combined
 * standard error measured here, never hand-tuned constants.
 */
import { solveDmft } from '../../src/core/dmft/solver';
import type { Params } from '../../src/core/params';
import type { SeriesName, SeriesTable } from '../../src/core/series';
import type { SimulationSummary } from '../../src/core/sim/types';

export interface Estimate {
  mean: number;
  standardError: number;
}

/** Mean and standard error of the mean of independent replicas. */
export function estimate(values: number[]): Estimate {
  const count = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, count - 1);
  return { mean, standardError: Math.sqrt(variance / count) };
}

/** The row of a table closest to time t. */
export function rowAt(table: SeriesTable, t: number): number {
  let best = 0;
  for (let k = 1; k < table.t.length; k++) if (Math.abs(table.t[k] - t) < Math.abs(table.t[best] - t)) best = k;
  return best;
}

/** Independent DMFT solves (different Monte-Carlo seeds): their spread is the theory's Monte-Carlo error. */
export function theoryReplicas(params: Params, replicas: number): SeriesTable[] {
  return Array.from({ length: replicas }, (_, index) => solveDmft({ ...params, seed: params.seed + 1000 * (index + 1) }).table);
}

export function theoryEstimate(tables: SeriesTable[], name: SeriesName, t: number): Estimate {
  return estimate(tables.map((table) => table[name][rowAt(table, t)]));
}

export function simulationEstimate(summary: SimulationSummary, name: Exclude<SeriesName, 't'>, t: number): Estimate {
  const k = rowAt(summary.table, t);
  return { mean: summary.table[name][k], standardError: summary.standardErrors[`${name}Se`][k] };
}

/** |a − b| in units of their combined standard error. */
export function zScore(a: Estimate, b: Estimate): number {
  return Math.abs(a.mean - b.mean) / Math.sqrt(a.standardError ** 2 + b.standardError ** 2);
}

export interface Comparison {
  name: string;
  t: number;
  theory: Estimate;
  simulation: Estimate;
  z: number;
}

export function compare(
  theory: (name: SeriesName, t: number) => Estimate,
  simulation: SimulationSummary,
  names: Exclude<SeriesName, 't'>[],
  times: number[],
): Comparison[] {
  const rows: Comparison[] = [];
  for (const name of names) {
    for (const t of times) {
      const theoryValue = theory(name, t);
      const simulationValue = simulationEstimate(simulation, name, t);
      rows.push({ name, t, theory: theoryValue, simulation: simulationValue, z: zScore(theoryValue, simulationValue) });
    }
  }
  return rows;
}

/** A one-line-per-comparison report, printed by the tests so a failure shows the numbers. */
export function report(title: string, rows: Comparison[]): string {
  const lines = rows.map(
    (row) =>
      `  ${row.name.padEnd(10)} t=${row.t.toFixed(1).padStart(5)}  theory ${row.theory.mean.toFixed(4)}±${row.theory.standardError.toFixed(4)}  ` +
      `sim ${row.simulation.mean.toFixed(4)}±${row.simulation.standardError.toFixed(4)}  z=${row.z.toFixed(2)}`,
  );
  return [title, ...lines].join('\n');
}
