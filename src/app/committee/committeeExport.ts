/**
 * The committee panel's data file: for each source of the run with matrices, its report in the CLI's committee
 * schema (core/committee/report.ts). JSON: {"theory": {...}, "sgf": {...}, …}; CSV: one block per source, each
 * headed by a `# source` line.
 */
import { committeeRow, committeeSeriesNames, type CommitteeRow } from '../../core/committee/series';
import type { CommitteeParams } from '../../core/committee/config';
import { formatCommitteeReport } from '../../core/committee/report';
import type { OutputFormat } from '../../core/report';
import type { RunSnapshot, SeriesSnapshot } from '../runResults';
import { type CommitteeSnapshot } from '../committeeResults';
import { matricesAt } from './committeeView';
import { viewSources } from '../viewSources';

/** The rows of one source: losses from its line series (same grid), matrices and summaries from its committee snapshot. */
function rowsOf(snapshot: CommitteeSnapshot, series: SeriesSnapshot | null): { rows: CommitteeRow[]; errors: CommitteeRow[] | null } {
  const rows: CommitteeRow[] = [];
  const errors: CommitteeRow[] | null = snapshot.standardErrors ? [] : null;
  for (let i = 0; i < snapshot.times.length; i++) {
    const { q, M, qSe, MSe, t } = matricesAt(snapshot, i);
    const at = series ? nearestIndex(series.t, t) : -1;
    const loss = (name: 'trainLoss' | 'testLoss'): number => (at >= 0 ? series!.values[name][at] : Number.NaN);
    rows.push(committeeRow(t, loss('trainLoss'), loss('testLoss'), q, M, snapshot.hidden, snapshot.teacherHidden));
    if (errors && qSe && MSe) {
      const lossSe = (name: 'trainLoss' | 'testLoss'): number => (at >= 0 && series!.standardError ? series!.standardError[name][at] : Number.NaN);
      const row = committeeRow(t, lossSe('trainLoss'), lossSe('testLoss'), qSe, MSe, snapshot.hidden, snapshot.teacherHidden);
      for (const name of ['qDiag', 'qOff', 'mMean', 'mRms']) row[name] = Number.NaN; // a summary's s.e. is not the summary of s.e.s
      errors.push(row);
    }
  }
  return { rows, errors };
}

function nearestIndex(times: Float64Array, t: number): number {
  for (let i = 0; i < times.length; i++) if (Math.abs(times[i] - t) <= 1e-9 * Math.max(1, Math.abs(t))) return i;
  return -1;
}

export function committeeDataFile(current: RunSnapshot, format: OutputFormat): { text: string; type: string; name: string } | null {
  const blocks = viewSources.flatMap((source) => {
    const snapshot = current.committee[source];
    if (!snapshot) return [];
    const { rows, errors } = rowsOf(snapshot, current.series[source]);
    const names = committeeSeriesNames(snapshot.hidden, snapshot.teacherHidden);
    const table = Object.fromEntries(names.map((name) => [name, rows.map((row) => row[name])]));
    const standardErrors = errors && Object.fromEntries(names.slice(1).map((name) => [`${name}Se`, errors.map((row) => row[name])]));
    // The shape comes from the matrices (the same as the run's params for a committee run).
    const params = { ...current.params, hidden: snapshot.hidden, teacherHidden: snapshot.teacherHidden } as unknown as CommitteeParams;
    const text = formatCommitteeReport({ params, names, table, standardErrors, diverged: current.series[source]?.diverged ?? null }, format);
    return [{ source, text }];
  });
  if (blocks.length === 0) return null;
  const text = format === 'json' ? `{\n${blocks.map(({ source, text: block }) => `${JSON.stringify(source)}: ${block.trimEnd()}`).join(',\n')}\n}\n` : blocks.map(({ source, text: block }) => `# ${source}\n${block}`).join('\n');
  return { text, type: format === 'json' ? 'application/json' : 'text/csv', name: `sgf-dmft-committee-run${current.runId}.${format}` };
}
