/**
 * The sources a matrix or histogram view draws (the two theories and the two simulated algorithms), their titles,
 * and the staleness rule every such view follows: per source the current run's data, else the previous run's marked
 * stale where the current run has a job for that source; nothing of a previous run is drawn as current.
 */
import type { SimulatedAlgorithm, TheorySource } from '../pipeline/protocol';
import type { RunSnapshot } from './runResults';

export type ViewSource = TheorySource | SimulatedAlgorithm;
export const viewSources: readonly ViewSource[] = ['theory', 'sgdTheory', 'sgf', 'sgd'];

export const viewSourceTitles: Record<ViewSource, string> = {
  theory: 'DMFT of the SGF',
  sgdTheory: 'DMFT of SGD',
  sgf: 'SGF simulation',
  sgd: 'SGD simulation',
};

/** What a view draws per source (`pick` reads its data from a run), and which of it stands in from the previous run. */
export function drawnBySource<T>(
  current: RunSnapshot,
  previous: RunSnapshot | null,
  pick: (run: RunSnapshot) => Readonly<Record<ViewSource, T | null>> | undefined,
): { drawn: Record<ViewSource, T | null>; stale: Set<ViewSource> } {
  const stale = new Set<ViewSource>();
  const currentData = pick(current);
  const previousData = previous ? pick(previous) : undefined;
  const drawn = Object.fromEntries(
    viewSources.map((source) => {
      const fresh = currentData?.[source] ?? null;
      const old = current.status[source].jobsTotal > 0 ? (previousData?.[source] ?? null) : null;
      if (!fresh && old) stale.add(source);
      return [source, fresh ?? old];
    }),
  ) as Record<ViewSource, T | null>;
  return { drawn, stale };
}
