/**
 * One colour and one mark per source, the same in every plot: Okabe–Ito colours,
 * safe for colour-blind viewers and distinct on a projector.
 */
import type { SourceKind } from '../pipeline/protocol';

export interface SeriesStyle {
  /** Stroke / fill colour. */
  color: string;
  /** Legend text. */
  label: string;
  /** Short name for tooltips. */
  shortLabel: string;
  /** Stroke width of its line, in px. */
  lineWidth: number;
  /** Opacity of its line. */
  lineOpacity: number;
}

export const seriesStyles: Readonly<Record<SourceKind, SeriesStyle>> = {
  theory: { color: '#000000', label: 'DMFT of the SGF', shortLabel: 'SGF theory', lineWidth: 2.75, lineOpacity: 1 },
  sgdTheory: { color: '#D55E00', label: 'DMFT of SGD', shortLabel: 'SGD theory', lineWidth: 2, lineOpacity: 0.9 },
  sgf: { color: '#0072B2', label: 'SGF (mean ± s.e.)', shortLabel: 'SGF', lineWidth: 2, lineOpacity: 1 },
  sgd: { color: '#D55E00', label: 'SGD', shortLabel: 'SGD', lineWidth: 2, lineOpacity: 1 },
  exact: { color: '#CC79A7', label: 'exact theory (no Monte Carlo)', shortLabel: 'exact', lineWidth: 7, lineOpacity: 0.6 },
  online: { color: '#009E73', label: 'one-pass SGD: fresh data, same batch (theory)', shortLabel: 'one-pass', lineWidth: 2.5, lineOpacity: 0.9 },
};

/** Opacity of series left from the previous parameters while the new run computes. */
export const staleOpacity = 0.3;
