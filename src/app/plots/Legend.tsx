/** The key of one plot: which mark is the theory, SGF and SGD, and which line style is which quantity. */
import type { SourceKind } from '../protocol';
import { divergenceText } from '../divergences';
import { seriesStyles } from '../seriesStyles';
import type { QuantitySpec } from './panels';

export interface LegendProps {
  /** Quantities of the plot (two get a solid / dashed key). */
  quantities: readonly QuantitySpec[];
  /** What the faded series are, when some are shown (see describeStale); null when none. */
  staleNote: string | null;
  /** The exact theory of the linear model is drawn. */
  showsExact: boolean;
  /** Where drawn series diverged (each a dashed rule in the plot). */
  divergences?: readonly { at: number; sources: readonly SourceKind[] }[];
}

interface SwatchProps {
  /** Which source's mark to show. */
  source: SourceKind;
}

function Swatch({ source }: SwatchProps) {
  const color = seriesStyles[source].color;
  return (
    <svg width="28" height="14" aria-hidden="true" className="swatch">
      {source === 'sgf' && <rect x="0" y="2" width="28" height="10" fill={color} fillOpacity="0.22" />}
      {source !== 'sgd' && (
        <line x1="0" x2="28" y1="7" y2="7" stroke={color} strokeWidth={seriesStyles[source].lineWidth} strokeOpacity={seriesStyles[source].lineOpacity} />
      )}
      {source === 'sgd' && <path d="M14,1.5l5.5,5.5l-5.5,5.5l-5.5,-5.5z" fill={color} />}
    </svg>
  );
}

/** What the faded series of the previous run are: of other parameters or the same ones (a restart), computing or paused. */
export function describeStale(sameParameters: boolean, playing: boolean): string {
  const what = sameParameters ? 'faded: the previous run of these parameters' : 'faded: the previous parameters';
  return playing ? `${what}, until this run catches up` : `${what}; paused (press Play to compute)`;
}

export function Legend({ quantities, staleNote, showsExact, divergences = [] }: LegendProps) {
  return (
    <ul className="legend">
      <li>
        <Swatch source="theory" /> {seriesStyles.theory.label}
      </li>
      <li>
        <Swatch source="sgf" /> {seriesStyles.sgf.label}
      </li>
      <li>
        <Swatch source="sgd" /> {seriesStyles.sgd.label}
      </li>
      {showsExact && (
        <li>
          <Swatch source="exact" /> {seriesStyles.exact.label}
        </li>
      )}
      {quantities.length > 1 && (
        <li className="legend-styles">
          solid: {quantities[0].label} · dashed, hollow: {quantities[1].label}
        </li>
      )}
      {divergences.map((divergence) => (
        <li key={divergence.at} className="legend-divergence" data-diverged={divergence.sources.join(' ')}>
          <svg width="10" height="14" aria-hidden="true" className="swatch">
            <line x1="5" x2="5" y1="0" y2="14" className="divergence-rule" />
          </svg>
          {divergenceText(divergence)}
        </li>
      ))}
      {staleNote && <li className="legend-stale">{staleNote}</li>}
    </ul>
  );
}
