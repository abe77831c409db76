/**
 * The band drawn around a theory line: ± the Monte-Carlo standard error of that very solve (bandResults.ts), only
 * with a line of the same run (a parameter change drops the old band), over the rows both have.
 */
import type { BandSnapshot, BandSnapshots } from '../bandResults';
import type { TheorySource } from '../../pipeline/protocol';
import type { SeriesSnapshot } from '../runResults';

/** The line with the band's standard errors, or null when there is no band of its run. */
export function theoryBandSeries(series: SeriesSnapshot, band: BandSnapshot | null): SeriesSnapshot | null {
  if (!band || band.runId !== series.runId || band.source !== series.source) return null;
  return { ...series, length: Math.min(series.length, band.length), standardError: band.standardError };
}

/** What the legend says the band is (short: it is in every plot's legend; the tooltip says more). */
export function theoryBandText(band: BandSnapshot | null): string {
  if (!band) return 'band: theory ±1 s.e. (Monte Carlo, computing)';
  return `band: theory ±1 s.e. (Monte Carlo${band.replicas < band.plannedReplicas ? `, ${band.replicas}/${band.plannedReplicas}` : ''})`;
}

/** How the band was estimated (the legend entry's tooltip). */
export function theoryBandDetail(band: BandSnapshot | null): string {
  const line = 'The line is the solve at this seed (what `cli theory` prints).';
  const how = (count: number | string): string => `the spread (standard deviation) of ${count} independent solves at other seeds with the same N`;
  if (!band) return `${line} Its band, ± its Monte-Carlo standard error, is being computed as ${how('several')}.`;
  const sofar = band.replicas < band.plannedReplicas ? ` (${band.replicas} so far)` : '';
  return `${line} The band is ± its Monte-Carlo standard error: ${how(band.plannedReplicas)}${sofar}, ${band.replicaSamples} trajectories each.`;
}

/** The band the legend describes: the SGF theory's, else SGD's, of the current run. */
export function describedBand(bands: BandSnapshots, drawn: readonly TheorySource[]): BandSnapshot | null {
  for (const source of drawn) if (bands[source]) return bands[source];
  return null;
}
