/**
 * A result report and its JSON and CSV renderings, the one schema of the CLI's stdout and the app's
 * data exports. Pure functions of the result objects, so they are tested without running a solver.
 *
 * JSON: {"params": {...}, ["about": {...},] "t": [...], "trainLoss": [...], …, "cosine": [...], [<name>Se: [...] …,] "diverged": null | {"at": t}}
 * NaN (the error columns of a regression) → null; β = Infinity in params → "Infinity".
 * CSV: header row of the same column names (t first), one row per time, NaN → empty cell.
 */
import type { DmftResult } from './dmft/types';
import type { Params } from './params';
import { paramRows } from './paramTable';
import { seriesNames, type Divergence, type SeriesTable } from './series';
import type { SeName, SimulationSummary } from './sim/types';
import type { LinearExactResult } from './theory/linearExact';
import type { OnlineResult } from './theory/online';

export type OutputFormat = 'json' | 'csv';
export const outputFormats: readonly OutputFormat[] = ['json', 'csv'];

/** Everything a command prints: the parameters, the series, optional standard errors, divergence. */
export interface ResultReport {
  params: Params;
  table: SeriesTable;
  /** Standard error over seeds of every series except t (simulate only). */
  standardErrors: Record<SeName, number[]> | null;
  diverged: Divergence | null;
  /** What a theory was, where the params alone do not say it (the one-pass limit's temperature): JSON "about". */
  about?: Record<string, number | string>;
}

/** Standard-error column names, in series order: trainLossSe, trainErrorSe, …, cosineSe. */
export const standardErrorNames: readonly SeName[] = seriesNames.filter((name) => name !== 't').map((name) => `${name}Se` as SeName);

export function reportFromDmft(result: DmftResult): ResultReport {
  return { params: result.params, table: result.table, standardErrors: null, diverged: result.diverged };
}

export function reportFromSimulation(summary: SimulationSummary): ResultReport {
  return { params: summary.params, table: summary.table, standardErrors: summary.standardErrors, diverged: summary.diverged };
}

export function reportFromLinearExact(params: Params, result: LinearExactResult): ResultReport {
  return { params, table: result.table, standardErrors: null, diverged: result.diverged };
}

/** The "about" block of a one-pass report: which theory, at which temperature τ. */
export function onlineAbout(temperature: number): Record<string, number | string> {
  return { theory: 'one-pass (online) limit, theory.md §11.2', temperature };
}

export function reportFromOnline(result: OnlineResult): ResultReport {
  return {
    params: result.params,
    table: result.table,
    standardErrors: null,
    diverged: result.diverged,
    about: onlineAbout(result.temperature),
  };
}

/** Column names in output order: t, the observables, then (simulate) their standard errors. */
export function columnNames(report: ResultReport): string[] {
  return report.standardErrors ? [...seriesNames, ...standardErrorNames] : [...seriesNames];
}

/** A grid time k·Δt to 12 significant digits: 3·0.2 is written 0.6, not 0.6000000000000001 (the grid is far coarser). */
function gridTime(t: number): number {
  return Number.isFinite(t) ? Number(t.toPrecision(12)) : t;
}

function column(report: ResultReport, name: string): readonly number[] {
  if ((seriesNames as readonly string[]).includes(name)) return report.table[name as (typeof seriesNames)[number]];
  return report.standardErrors?.[name as SeName] ?? [];
}

/** A series value in JSON: finite numbers as they are, anything else (NaN) as null. */
export function jsonNumber(value: number | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? JSON.stringify(value) : 'null';
}

/** Params in the parameter table's order (keys a report's params object lacks are left out), non-finite numbers spelled out: JSON has no Infinity. */
export function jsonParams(params: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key } of paramRows) {
    const value = (params as Partial<Params>)[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) out[key] = Number.isNaN(value) ? null : String(value);
    else out[key] = value;
  }
  return out;
}

/** Any columnar result in this schema: what formatJson and formatCsv write (the committee's exports too). */
export interface ColumnarReport {
  params: object;
  about?: Record<string, number | string>;
  /** Column names in output order, t first. */
  names: readonly string[];
  column(name: string): readonly number[];
  /** Number of rows. */
  length: number;
  diverged: Divergence | null;
}

/** A column as written: grid times rounded (gridTime), the rest as they are. */
function writtenColumn(report: ColumnarReport, name: string): readonly number[] {
  return name === 't' ? report.column(name).map(gridTime) : report.column(name);
}

function columnar(report: ResultReport): ColumnarReport {
  return { params: report.params, about: report.about, names: columnNames(report), column: (name) => column(report, name), length: report.table.t.length, diverged: report.diverged };
}

/** One key per line and each series on one line: readable, and still compact at 2000 rows. */
export function formatColumnsJson(report: ColumnarReport): string {
  const lines = [`  "params": ${JSON.stringify(jsonParams(report.params))}`];
  if (report.about) lines.push(`  "about": ${JSON.stringify(report.about)}`);
  for (const name of report.names) {
    const values = writtenColumn(report, name);
    const cells: string[] = [];
    for (let k = 0; k < report.length; k++) cells.push(jsonNumber(values[k]));
    lines.push(`  ${JSON.stringify(name)}: [${cells.join(',')}]`);
  }
  lines.push(`  "diverged": ${report.diverged ? JSON.stringify({ at: report.diverged.at }) : 'null'}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function formatJson(report: ResultReport): string {
  return formatColumnsJson(columnar(report));
}

/** A CSV cell: shortest round-trip number, empty for NaN or a missing value. */
export function csvNumber(value: number | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

export function formatColumnsCsv(report: ColumnarReport): string {
  const columns = report.names.map((name) => writtenColumn(report, name));
  const lines = [report.names.join(',')];
  for (let k = 0; k < report.length; k++) lines.push(columns.map((values) => csvNumber(values[k])).join(','));
  return lines.join('\n') + '\n';
}

export function formatCsv(report: ResultReport): string {
  return formatColumnsCsv(columnar(report));
}

export function formatReport(report: ResultReport, format: OutputFormat): string {
  return format === 'csv' ? formatCsv(report) : formatJson(report);
}
