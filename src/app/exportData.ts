/**
 * Data exports of the current run in the CLI's schema (src/core/report.ts): one file per series
 * group, each exactly what the CLI prints for the same parameters —
 *   theory → `cli theory`, sgdTheory → `cli theory --algo sgd --dt step`, online → `cli theory --algo online`,
 *   sgf / sgd → `cli simulate --algo sgf|sgd` (seed mean and <name>Se),
 *   exact  → `cli linear-exact` (linear model only).
 * NaN never reaches a file: formatJson writes null and formatCsv an empty cell.
 */
import { formatCsv, formatJson, onlineAbout, standardErrorNames, type OutputFormat, type ResultReport } from '../core/report';
import { onlineTemperature } from '../core/theory/online';
import { seriesNames, type SeriesTable } from '../core/series';
import type { SeName } from '../core/sim/types';
import { sgdTheoryParams } from '../core/dmft/twoTheories';
import { sourceReadingOrder, type SourceKind } from '../pipeline/protocol';
import type { RunSnapshot, SeriesSnapshot } from './runResults';

/** Series groups offered for export, in menu order. */
export const exportSources: readonly SourceKind[] = sourceReadingOrder;

/** The report of one drawn series: its rows so far, its standard errors (simulations) and divergence. */
export function reportFromSeries(series: SeriesSnapshot, params: RunSnapshot['params']): ResultReport {
  const table = {} as SeriesTable;
  for (const name of seriesNames) table[name] = Array.from(name === 't' ? series.t : series.values[name]);
  let standardErrors: Record<SeName, number[]> | null = null;
  if (series.standardError) {
    const errors = series.standardError;
    standardErrors = {} as Record<SeName, number[]>;
    for (const seName of standardErrorNames) standardErrors[seName] = Array.from(errors[seName.slice(0, -2) as keyof typeof errors]);
  }
  return { params, table, standardErrors, diverged: series.diverged };
}

/** File name of an export: sgf-dmft-<source>-<short parameter summary>.<ext>. */
export function exportFileName(kind: string, params: RunSnapshot['params'], extension: string): string {
  const summary = `${params.model}-a${params.alpha}-b${params.batchFraction}-h${params.step}-seed${params.seed}`;
  return `sgf-dmft-${kind}-${summary}.${extension}`.replace(/[^\w.-]/g, '_');
}

export interface DataFile {
  name: string;
  type: string;
  text: string;
}

/** The file of one series group of `snapshot` in `format`, or null when that series has no rows. */
export function dataFile(snapshot: RunSnapshot, source: SourceKind, format: OutputFormat): DataFile | null {
  const series = snapshot.series[source];
  if (!series || series.length === 0) return null;
  // The SGD theory's params block says which theory it is, as `cli theory --algo sgd` prints it.
  const params = source === 'sgdTheory' ? sgdTheoryParams(snapshot.params) : source === 'online' ? { ...snapshot.params, theoryAlgorithm: 'online' as const } : snapshot.params;
  const report = reportFromSeries(series, params);
  if (source === 'online') report.about = onlineAbout(onlineTemperature(params));
  return format === 'csv'
    ? { name: exportFileName(source, snapshot.params, 'csv'), type: 'text/csv;charset=utf-8', text: formatCsv(report) }
    : { name: exportFileName(source, snapshot.params, 'json'), type: 'application/json', text: formatJson(report) };
}

/** Saves a blob as a download (an object URL on a temporary link; works under a strict CSP). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
