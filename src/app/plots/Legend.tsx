/**
 * The key of one plot: which mark is which theory, SGF and SGD, and which line style is which quantity.
 * Each theory's entry is a toggle button that shows or hides it in every plot.
 */
import type { ReactNode } from 'react';
import type { SourceKind, TheorySource } from '../../pipeline/protocol';
import { divergenceText } from '../divergences';
import { seriesStyles } from '../seriesStyles';
import { useUiStore } from '../uiStore';
import type { QuantitySpec } from './panels';
import { PinLegendEntry, type PinLegendEntryProps } from './PinLegendEntry';
import type { BandSnapshot } from '../bandResults';
import { theoryBandDetail, theoryBandText } from './theoryBand';

export interface LegendProps {
  /** Quantities of the plot (two get a solid / dashed key). */
  quantities: readonly QuantitySpec[];
  /** What the faded series are, when some are shown (see describeStale); null when none. */
  staleNote: string | null;
  /** The exact theory of the linear model is drawn. */
  showsExact: boolean;
  /** The one-pass overlay is drawn. */
  showsOnline: boolean;
  /** Why the DMFT of SGD is the DMFT of the SGF for these parameters (then it is not drawn twice), or null. */
  theoriesCoincide: string | null;
  /** Where drawn series diverged (each a dashed rule in the plot). */
  divergences?: readonly { at: number; sources: readonly SourceKind[] }[];
  /** Pinned runs drawn in the plot, each with an unpin button. */
  pins?: readonly PinLegendEntryProps[];
  /** A theory line is drawn: its band (null while computing) and whether bands are shown; null: no theory line. */
  theoryBand?: { band: BandSnapshot | null; shown: boolean } | null;
}

interface SwatchProps {
  /** Which source's mark to show. */
  source: SourceKind;
  /** Draw a theory's Monte-Carlo band behind its line. */
  band?: boolean;
}

function Swatch({ source, band = false }: SwatchProps) {
  const color = seriesStyles[source].color;
  return (
    <svg width="28" height="14" aria-hidden="true" className="swatch">
      {band && <rect x="0" y="2" width="28" height="10" fill={color} fillOpacity="0.18" />}
      {source === 'sgf' && <rect x="0" y="2" width="28" height="10" fill={color} fillOpacity="0.22" />}
      {source !== 'sgd' && (
        <line x1="0" x2="28" y1="7" y2="7" stroke={color} strokeWidth={seriesStyles[source].lineWidth} strokeOpacity={seriesStyles[source].lineOpacity} />
      )}
      {source === 'sgd' && <path d="M14,1.5l5.5,5.5l-5.5,5.5l-5.5,-5.5z" fill={color} />}
    </svg>
  );
}

interface TheoryToggleProps {
  source: TheorySource;
  /** Text after the label (e.g. that both theories coincide). */
  note?: string;
  /** Its swatch shows the band (presentation mode, where the band has no entry of its own); the tooltip says what it is. */
  band?: string | null;
}

interface LegendToggleProps {
  /** Whether what the entry names is shown. */
  pressed: boolean;
  title: string;
  onClick: () => void;
  children: ReactNode;
  'data-theory-band'?: string;
}

/** A legend entry that is a toggle button. */
function LegendToggle({ pressed, title, onClick, children, ...data }: LegendToggleProps) {
  return (
    <li>
      <button type="button" className="legend-toggle" aria-pressed={pressed} {...data} title={title} onClick={onClick}>
        {children}
      </button>
    </li>
  );
}

function TheoryToggle({ source, note, band = null }: TheoryToggleProps) {
  const hidden = useUiStore((state) => state.hiddenTheories.includes(source));
  const toggleTheory = useUiStore((state) => state.toggleTheory);
  return (
    <LegendToggle
      pressed={!hidden}
      title={`${hidden ? 'show this theory in every plot' : 'hide this theory in every plot'}${band ? `. ${band}` : ''}`}
      onClick={() => toggleTheory(source)}
    >
      <Swatch source={source} band={band !== null} /> <span className={hidden ? 'legend-hidden' : undefined}>{seriesStyles[source].label}</span>
      {note}
    </LegendToggle>
  );
}

/** The one-pass overlay's entry: a button that hides it again. */
function OnlineToggle() {
  const setShowOnline = useUiStore((state) => state.setShowOnline);
  return (
    <LegendToggle pressed={true} title="hide the one-pass overlay" onClick={() => setShowOnline(false)}>
      <Swatch source="online" /> {seriesStyles.online.label}
    </LegendToggle>
  );
}

/** The theory band's entry: what the band is, and a button that hides or shows the bands in every plot. */
function BandToggle({ band, shown }: { band: BandSnapshot | null; shown: boolean }) {
  const setShowBands = useUiStore((state) => state.setShowBands);
  return (
    <LegendToggle
      pressed={shown}
      data-theory-band={band ? String(band.replicas) : 'computing'}
      title={`${theoryBandDetail(band)} Press to ${shown ? 'hide' : 'show'} the bands in every plot.`}
      onClick={() => setShowBands(!shown)}
    >
      <svg width="28" height="14" aria-hidden="true" className="swatch">
        <rect x="0" y="2" width="28" height="10" fill={seriesStyles.theory.color} fillOpacity="0.18" />
      </svg>{' '}
      <span className={shown ? undefined : 'legend-hidden'}>{theoryBandText(band)}</span>
    </LegendToggle>
  );
}

/** What the faded series of the previous run are: of other parameters or the same ones (a restart), computing or paused. */
export function describeStale(sameParameters: boolean, playing: boolean): string {
  const what = sameParameters ? 'faded: the previous run of these parameters' : 'faded: the previous parameters';
  return playing ? `${what}, until this run catches up` : `${what}; paused (press Play to compute)`;
}

export function Legend({ quantities, staleNote, showsExact, showsOnline, theoriesCoincide, divergences = [], pins = [], theoryBand = null }: LegendProps) {
  // Presentation mode has no room for one more entry in every plot: the theories' swatches show the band instead.
  const present = useUiStore((state) => state.present);
  const swatchBand = present && theoryBand?.shown && theoryBand.band ? `${theoryBandText(theoryBand.band)}: ${theoryBandDetail(theoryBand.band)}` : null;
  return (
    <ul className="legend">
      <TheoryToggle source="theory" note={theoriesCoincide ? ` = DMFT of SGD here (${theoriesCoincide})` : undefined} band={swatchBand} />
      {!theoriesCoincide && <TheoryToggle source="sgdTheory" band={swatchBand} />}
      {theoryBand && !present && <BandToggle band={theoryBand.band} shown={theoryBand.shown} />}
      <li>
        <Swatch source="sgf" /> {seriesStyles.sgf.label}
      </li>
      <li>
        <Swatch source="sgd" /> {seriesStyles.sgd.label}
      </li>
      {showsOnline && <OnlineToggle />}
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
      {pins.map((pin) => (
        <PinLegendEntry key={pin.id} {...pin} />
      ))}
      {staleNote && <li className="legend-stale">{staleNote}</li>}
    </ul>
  );
}
