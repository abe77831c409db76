/**
 * What the committee panel draws, as pure functions of the run's snapshots (committeeResults.ts): which source's
 * matrices stand where (current, else the previous run's marked stale), the matrices at a time, the line series of a
 * group of entries or of the permutation-invariant summaries, and a symmetric colour domain.
 */
import { committeeRow } from '../../core/committee/series';
import type { RunSnapshot } from '../runResults';
import { type CommitteeSnapshot, type CommitteeSnapshots } from '../committeeResults';
import { viewSources, drawnBySource, type ViewSource } from '../viewSources';
import { nearestTimeIndex } from '../plots/nearestTime';


/** The line groups a user can pick. */
export type LineGroup = 'M' | 'q' | 'summaries';
export const lineGroups: readonly { id: LineGroup; label: string }[] = [
  { id: 'M', label: 'entries of M (student · teacher)' },
  { id: 'q', label: 'entries of q (student · student)' },
  { id: 'summaries', label: 'invariant summaries' },
];
export const summaryNames = ['qDiag', 'qOff', 'mMean', 'mRms'] as const;
export const summaryLabels: Record<(typeof summaryNames)[number], string> = {
  qDiag: 'tr q / p',
  qOff: 'mean off-diagonal q',
  mMean: 'mean M',
  mRms: 'rms M',
};

/** Per source, the current run's matrices, else the previous run's (stale) where the current run has a job for it. */
export function drawnCommittee(current: RunSnapshot, previous: RunSnapshot | null): { drawn: CommitteeSnapshots; stale: Set<ViewSource> } {
  return drawnBySource(current, previous, (run) => run.committee);
}

/** Index of the row whose time is nearest t. */
export function nearestRow(snapshot: CommitteeSnapshot, t: number): number {
  return nearestTimeIndex(snapshot.times, t);
}

/** q (p×p) and M (p×p*) at row i, with their standard errors where the source has them. */
export function matricesAt(snapshot: CommitteeSnapshot, row: number) {
  const p = snapshot.hidden;
  const width = snapshot.names.length;
  const entries = snapshot.values.subarray(row * width, (row + 1) * width);
  const errors = snapshot.standardErrors?.subarray(row * width, (row + 1) * width) ?? null;
  return {
    q: entries.subarray(0, p * p),
    M: entries.subarray(p * p, width),
    qSe: errors?.subarray(0, p * p) ?? null,
    MSe: errors?.subarray(p * p, width) ?? null,
    t: snapshot.times[row],
  };
}

export interface EntrySeries {
  name: string;
  label: string;
  times: Float64Array;
  values: Float64Array;
  standardErrors: Float64Array | null;
}

/** The series of one group: each entry of q or M against t, or the summaries computed from the matrices. */
export function groupSeries(snapshot: CommitteeSnapshot, group: LineGroup): EntrySeries[] {
  const { hidden: p, teacherHidden: pStar, names, times, values, standardErrors } = snapshot;
  const width = names.length;
  const rows = times.length;
  if (group === 'summaries') {
    const computed = Array.from({ length: rows }, (_, i) => {
      const { q, M } = matricesAt(snapshot, i);
      return committeeRow(times[i], Number.NaN, Number.NaN, q, M, p, pStar);
    });
    // The seed mean of a summary is the summary of the mean matrices for the linear ones (tr q, mean q, mean M); rms M
    // of the mean is not the mean of rms M, so simulations draw it without a band rather than with a wrong one.
    return summaryNames
      .filter((name) => name !== 'qOff' || p > 1)
      .map((name) => ({ name, label: summaryLabels[name], times, values: Float64Array.from(computed, (row) => row[name]), standardErrors: null }));
  }
  const prefix = `${group}_`;
  return names.flatMap((name, column) => {
    if (!name.startsWith(prefix)) return [];
    const pick = (source: Float64Array): Float64Array => Float64Array.from({ length: rows }, (_, i) => source[i * width + column]);
    return [{ name, label: name.replace(/^(\w)_(\d)_(\d)$/, '$1[$2,$3]'), times, values: pick(values), standardErrors: standardErrors ? pick(standardErrors) : null }];
  });
}

/** The largest |value| of q and M over the drawn sources at their rows nearest t, for one colour scale symmetric about 0. */
export function colourExtent(drawn: CommitteeSnapshots, t: number): number {
  let extent = 0;
  for (const source of viewSources) {
    const snapshot = drawn[source];
    if (!snapshot || snapshot.times.length === 0) continue;
    const { q, M } = matricesAt(snapshot, nearestRow(snapshot, t));
    for (const value of [...q, ...M]) if (Number.isFinite(value)) extent = Math.max(extent, Math.abs(value));
  }
  return extent > 0 ? extent : 1;
}
