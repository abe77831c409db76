/**
 * The committee machine's reports in the CLI's one schema (core/report.ts): the params block, then t, the losses,
 * the permutation-invariant summaries and every entry of q and M (committee/series.ts names), and for a seed mean
 * each series' standard error as `<name>Se`.
 */
import { formatColumnsCsv, formatColumnsJson, jsonParams, type ColumnReport, type OutputFormat } from '../report';
import type { Divergence } from '../series';
import { committeeSeriesNames, type CommitteeRow } from './series';

export interface CommitteeReport {
  /** The run's parameters, as they went in (the CLI's params block). */
  params: object;
  hidden: number;
  teacherHidden: number;
  rows: readonly CommitteeRow[];
  /** Per row, the standard error of each series over seeds (simulations), else null. */
  standardErrors: readonly CommitteeRow[] | null;
  diverged: Divergence | null;
}

function columns(report: CommitteeReport): ColumnReport {
  const names = committeeSeriesNames(report.hidden, report.teacherHidden);
  const errorNames = report.standardErrors ? names.filter((name) => name !== 't').map((name) => `${name}Se`) : [];
  const column = (name: string): number[] => {
    if (name.endsWith('Se') && report.standardErrors) {
      const base = name.slice(0, -2);
      return report.standardErrors.map((row) => row[base] ?? Number.NaN);
    }
    return report.rows.map((row) => row[name] ?? Number.NaN);
  };
  return { params: jsonParams(report.params), names: [...names, ...errorNames], column, rowCount: report.rows.length, diverged: report.diverged };
}

export function formatCommitteeReport(report: CommitteeReport, format: OutputFormat): string {
  return format === 'csv' ? formatColumnsCsv(columns(report)) : formatColumnsJson(columns(report));
}
