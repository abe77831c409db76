/** Where series stopped because they diverged, grouped for labels. */
import { formatNumber } from './format';
import { sourceReadingOrder, type SourceKind } from '../pipeline/protocol';
import { seriesStyles } from './seriesStyles';

/** Divergences of the drawn series, grouped by time (several sources often stop at the same step). */
export function groupDivergences(series: readonly { source: SourceKind; diverged: { at: number } | null }[]): { at: number; sources: SourceKind[] }[] {
  const groups = new Map<number, SourceKind[]>();
  for (const entry of series) {
    if (!entry.diverged) continue;
    groups.set(entry.diverged.at, [...(groups.get(entry.diverged.at) ?? []), entry.source]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([at, sources]) => ({ at, sources: sources.sort((a, b) => sourceReadingOrder.indexOf(a) - sourceReadingOrder.indexOf(b)) }));
}

/** "theory, SGF diverged at t = 5.8": the words of one divergence, in plots and exports. */
export function divergenceText({ at, sources }: { at: number; sources: readonly SourceKind[] }): string {
  return `${sources.map((source) => seriesStyles[source].shortLabel).join(', ')} diverged at t = ${formatNumber(at)}`;
}
