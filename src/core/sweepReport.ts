/**
 * The JSON and CSV of a sweep, in the schema of report.ts: one row per swept value.
 *
 * Columns: <key> (the swept parameter, e.g. alpha), t (the grid time read), trainLoss … cosine, trainLossSe,
 * trainErrorSe (the solver's Monte-Carlo standard errors), divergedAt; with a simulation also simT,
 * simTrainLoss … simCosine, simTrainLossSe … simCosineSe (over seeds), simDivergedAt.
 * JSON: {"params": {…shared, the swept key left out}, "param": key, "at": t | null, "algorithm": null | name,
 * then one array per column}; NaN → null. CSV: a header of the column names, one line per value; NaN → empty.
 */
import type { Params } from './params';
import { csvNumber, jsonNumber, jsonParams, type OutputFormat } from './report';
import type { Algorithm } from './sim/types';
import { observableNames, type SweepKey } from './sweep';
import type { SweepPoint } from './sweepRun';

export interface SweepReport {
  /** Parameters shared by every point (the swept one as at the first point). */
  params: Params;
  key: SweepKey;
  at: number | null;
  /** The simulated algorithm, null for the theory alone. */
  algorithm: Algorithm | null;
  points: SweepPoint[];
}

const capitalized = (name: string): string => name[0].toUpperCase() + name.slice(1);

/** Column name → value of one point (null: names only, values NaN), in output order. */
function pointColumns(key: SweepKey, point: SweepPoint | null, withSimulation: boolean): [string, number][] {
  const theory = point?.theory;
  const simulation = point?.simulation;
  const columns: [string, number][] = [[key, point?.value ?? NaN], ['t', theory?.t ?? NaN]];
  for (const name of observableNames) columns.push([name, theory?.values[name] ?? NaN]);
  columns.push(['trainLossSe', theory?.trainLossSe ?? NaN], ['trainErrorSe', theory?.trainErrorSe ?? NaN], ['divergedAt', theory?.divergedAt ?? NaN]);
  if (!withSimulation) return columns;
  columns.push(['simT', simulation?.t ?? NaN]);
  for (const name of observableNames) columns.push([`sim${capitalized(name)}`, simulation?.values[name] ?? NaN]);
  for (const name of observableNames) columns.push([`sim${capitalized(name)}Se`, simulation?.standardErrors[`${name}Se`] ?? NaN]);
  columns.push(['simDivergedAt', simulation?.divergedAt ?? NaN]);
  return columns;
}

/** The sweep as named columns and one row of values per point, in output order. */
export function sweepColumns(report: SweepReport): { names: string[]; rows: number[][] } {
  const withSimulation = report.algorithm !== null;
  const names = pointColumns(report.key, null, withSimulation).map(([name]) => name);
  const rows = report.points.map((point) => pointColumns(report.key, point, withSimulation).map(([, value]) => value));
  return { names, rows };
}

export function formatSweepJson(report: SweepReport): string {
  const { names, rows } = sweepColumns(report);
  const shared = jsonParams(report.params);
  delete shared[report.key];
  const lines = [
    `  "params": ${JSON.stringify(shared)}`,
    `  "param": ${JSON.stringify(report.key)}`,
    `  "at": ${report.at === null ? 'null' : jsonNumber(report.at)}`,
    `  "algorithm": ${JSON.stringify(report.algorithm)}`,
  ];
  names.forEach((name, column) => lines.push(`  ${JSON.stringify(name)}: [${rows.map((row) => jsonNumber(row[column])).join(',')}]`));
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function formatSweepCsv(report: SweepReport): string {
  const { names, rows } = sweepColumns(report);
  return [names.join(','), ...rows.map((row) => row.map(csvNumber).join(','))].join('\n') + '\n';
}

export function formatSweep(report: SweepReport, format: OutputFormat): string {
  return format === 'csv' ? formatSweepCsv(report) : formatSweepJson(report);
}
