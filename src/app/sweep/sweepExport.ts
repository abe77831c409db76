/**
 * A finished sweep as the file `cli sweep` prints for the same settings (core/sweepReport.ts): params are the
 * first point's (as the CLI's), one row per value, with the simulation's columns when one was drawn —
 * `cli sweep --param <flag> --values … [--at t] [--simulate --algo sgf|sgd] <the app's parameters as flags>`.
 */
import type { OutputFormat } from '../../core/report';
import { formatSweep, type SweepReport } from '../../core/sweepReport';
import { exportFileName, type DataFile } from '../exportData';
import { sweepComplete, sweepPoints, type SweepSnapshot } from './sweepStore';

/** The report of a complete sweep, or null while it computes (a file holds every value or none). */
export function sweepReport(snapshot: SweepSnapshot): SweepReport | null {
  if (!snapshot.plan || !sweepComplete(snapshot)) return null;
  const { plan } = snapshot;
  return { params: plan.points[0], key: plan.key, at: plan.at, algorithm: snapshot.settings.algorithm, points: sweepPoints(snapshot).map(({ point }) => point) };
}

export function sweepDataFile(snapshot: SweepSnapshot, format: OutputFormat): DataFile | null {
  const report = sweepReport(snapshot);
  if (!report) return null;
  const name = exportFileName(`sweep-${report.key}`, report.params, format);
  return { name, type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json', text: formatSweep(report, format) };
}
