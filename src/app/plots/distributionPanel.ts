/**
 * The distribution view (issue 12 item 3): the training samples' margins y·r (classifiers) or residuals r − y
 * (regression models) at a chosen time, from the DMFT's sample process against the SGF and SGD simulations' training
 * samples, with the test samples' distribution at the same (q, m) for contrast. The pure steps between a run's
 * histogram snapshots and what the panel draws.
 */
import { binEdge, binIndex, histogramBins, histogramRowLength } from '../../core/dmft/sampleHistogram';
import type { RunSnapshot } from '../runResults';
import { type DistributionSnapshot, type DistributionSnapshots } from '../distributionResults';
import { drawnBySource, viewSourceTitles, type ViewSource } from '../viewSources';
import { nearestTimeIndex } from './nearestTime';

export interface DistributionPanelSpec {
  id: 'distribution';
  title: string;
}

export const distributionPanels: readonly DistributionPanelSpec[] = [{ id: 'distribution', title: 'Distribution of the training samples' }];

/** What is histogrammed, for a classifier or a regression model. */
export function distributionQuantity(classifier: boolean): { name: 'margin' | 'residual'; symbol: string; label: string; ariaLabel: string } {
  const symbol = classifier ? 'y·r' : 'r − y';
  const label = classifier ? 'margin y·r' : 'residual r − y';
  return {
    name: classifier ? 'margin' : 'residual',
    symbol,
    label,
    ariaLabel: `distribution of the training samples' ${label} at a chosen time: DMFT of the SGF and of SGD against the SGF and SGD simulations, and the test samples' distribution for contrast`,
  };
}

/** Titles of each source in the legend and readout. */
export const distributionSourceTitles = viewSourceTitles;

/** Width of one fine bin. */
export const binWidth = (histogramBins.high - histogramBins.low) / histogramBins.binCount;

/** Per source, the current run's histograms, else the previous run's (stale) where the current run has a job for that source. */
export function drawnDistributions(current: RunSnapshot, previous: RunSnapshot | null): { drawn: DistributionSnapshots; stale: Set<ViewSource> } {
  return drawnBySource(current, previous, (run) => run.distributions);
}

/** One source's histogram at the recorded time nearest the chosen one: densities (fraction / bin width) of the fine bins. */
export interface DistributionSlice {
  /** The recorded time actually drawn. */
  at: number;
  /** Density of each fine bin (binCount of them, without the outer bins). */
  density: Float64Array;
  /** Standard error of each density (simulations of several seeds), else null. */
  densitySe: Float64Array | null;
  /** The test samples' density (theories only), else null. */
  testDensity: Float64Array | null;
  /** Fraction of samples with a negative margin (the train error of a classifier), or below zero residual. */
  belowZero: number;
  /** Fraction outside the drawn range [low, high). */
  outside: number;
}

export function sliceAt(snapshot: DistributionSnapshot, time: number): DistributionSlice | null {
  if (snapshot.times.length === 0) return null;
  const i = nearestTimeIndex(snapshot.times, time);
  const row = (values: Float64Array): Float64Array => values.subarray(i * histogramRowLength + 1, i * histogramRowLength + 1 + histogramBins.binCount).map((fraction) => fraction / binWidth);
  const offset = i * histogramRowLength;
  let belowZero = 0;
  for (let j = 0; j < binIndex(0); j++) belowZero += snapshot.fractions[offset + j];
  return {
    at: snapshot.times[i],
    density: row(snapshot.fractions),
    densitySe: snapshot.standardErrors && row(snapshot.standardErrors),
    testDensity: snapshot.fieldFractions && row(snapshot.fieldFractions),
    belowZero,
    outside: snapshot.fractions[offset] + snapshot.fractions[offset + histogramRowLength - 1],
  };
}

/** The value range worth drawing: the bins where some slice has density above `floor`, widened by a bin, at least [−1, 1]. */
export function drawnRange(slices: readonly DistributionSlice[], floor = 1e-3): [number, number] {
  let first: number = histogramBins.binCount;
  let last = -1;
  for (const slice of slices) {
    for (const density of [slice.density, slice.testDensity]) {
      if (!density) continue;
      for (let j = 0; j < density.length; j++) {
        if (density[j] > floor) {
          first = Math.min(first, j);
          last = Math.max(last, j);
        }
      }
    }
  }
  if (last < 0) return [-1, 1];
  return [Math.min(-1, binEdge(Math.max(0, first - 1))), Math.max(1, binEdge(Math.min(histogramBins.binCount, last + 2)))];
}

/** A stepped outline of the densities over their bins (x: value, y: density), as pixel points. */
export function stepPoints(density: Float64Array, x: (value: number) => number, y: (density: number) => number): [number, number][] {
  const points: [number, number][] = [];
  for (let j = 0; j < density.length; j++) {
    const py = y(density[j]);
    points.push([x(binEdge(j)), py], [x(binEdge(j + 1)), py]);
  }
  return points;
}
