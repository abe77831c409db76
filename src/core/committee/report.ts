/**
 * A committee result in the schema of report.ts, the CLI's stdout and the app's exports
 * (names from committee/series.ts; unit indices are 1-based):
 *
 * JSON: {"params": {...}, ["about": {...},] "t": [...], "trainLoss", "testLoss", "qDiag", "qOff", "mMean", "mRms",
 *        "q_1_1" … "q_p_p" (q = ΘᵀΘ/d, row-major), "M_1_1" … "M_p_p*" (M = ΘᵀΘ* / d, row-major),
 *        [then "<name>Se" for each of those but t (simulations: s.e. of the mean over seeds),] "diverged": null | {"at": t}}
 * NaN (qOff for p = 1) → null. CSV: a header of the same column names (t first), one row per time, NaN → empty.
 */
import { formatColumnsCsv, formatColumnsJson, type ColumnarReport, type OutputFormat } from '../report';
import type { Divergence } from '../series';
import type { CommitteeParams } from './config';
import { committeeSeriesNames } from './series';
import type { CommitteeSimulationSummary } from './simulate';
import type { CommitteeSolveResult } from './solver';

export interface CommitteeReport {
  params: CommitteeParams;
  /** Series in output order: committeeSeriesNames(p, p*), t first. */
  names: string[];
  table: Record<string, readonly number[]>;
  /** `<name>Se` for every series but t (simulations), or null (theory). */
  standardErrors: Record<string, readonly number[]> | null;
  diverged: Divergence | null;
  about?: Record<string, number | string>;
}

/** The DMFT's report: its rows as columns, no standard errors (the solver's train-loss s.e. is in "about" at the last row). */
export function reportFromCommitteeTheory(result: CommitteeSolveResult): CommitteeReport {
  const names = committeeSeriesNames(result.params.hidden, result.params.teacherHidden);
  const table = Object.fromEntries(names.map((name) => [name, result.rows.map((row) => row[name])]));
  return { params: result.params, names, table, standardErrors: null, diverged: result.diverged, about: { theory: `committee DMFT (${result.params.theoryAlgorithm}), theory.md §10`, relabellings: result.relabellings } };
}

export function reportFromCommitteeSimulation(summary: CommitteeSimulationSummary): CommitteeReport {
  return { params: summary.params, names: summary.names, table: summary.table, standardErrors: summary.standardErrors, diverged: summary.diverged, about: { algorithm: summary.algorithm, seeds: summary.seeds } };
}

/** Column names in output order: the series, then (simulations) their standard errors. */
export function committeeColumnNames(report: Pick<CommitteeReport, 'params' | 'standardErrors'>): string[] {
  const names = committeeSeriesNames(report.params.hidden, report.params.teacherHidden);
  return report.standardErrors ? [...names, ...names.filter((name) => name !== 't').map((name) => `${name}Se`)] : names;
}

/** The report as the columns report.ts writes. */
export function committeeColumns(report: CommitteeReport): ColumnarReport {
  return {
    params: report.params,
    about: report.about,
    names: committeeColumnNames(report),
    column: (name) => report.table[name] ?? report.standardErrors?.[name] ?? [],
    length: report.table.t.length,
    diverged: report.diverged,
  };
}

export function formatCommitteeReport(report: CommitteeReport, format: OutputFormat): string {
  const columns = committeeColumns(report);
  return format === 'csv' ? formatColumnsCsv(columns) : formatColumnsJson(columns);
}
