/** A pinned run's legend entry: a faded swatch, its label (the parameters it differs in) and an unpin button. */
import { usePinStore } from '../pins/pinStore';
import { pinOpacity } from './marks/PinMarks';

export interface PinLegendEntryProps {
  id: number;
  /** 1-based, as in the plots' labels. */
  number: number;
  /** "pin 1: b = 1". */
  label: string;
  /** Still being recomputed (a pin read from a link). */
  computing: boolean;
  /** Why its recomputation failed, or null. */
  failure: string | null;
}

export function PinLegendEntry({ id, number, label, computing, failure }: PinLegendEntryProps) {
  const unpin = usePinStore((state) => state.unpin);
  return (
    <li className="legend-pin" data-pin-entry={number}>
      <svg width="28" height="14" aria-hidden="true" className="swatch">
        <line x1="0" x2="28" y1="7" y2="7" stroke="#000000" strokeWidth={1.5} opacity={pinOpacity} />
      </svg>
      <span>
        {label} (faded{computing ? ', computing…' : ''}{failure ? `; failed: ${failure}` : ''})
      </span>
      <button type="button" className="unpin" aria-label={`unpin ${number}`} title="stop drawing this pinned run" onClick={() => unpin(id)}>
        ×
      </button>
    </li>
  );
}
