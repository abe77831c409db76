/** "Pin this run": keeps the current run's theories and SGD drawn, faded, while the parameters move. */
import { useAppStore } from '../store';
import { maxPins, pinRefusal, usePinStore } from './pinStore';

export function PinButton() {
  const current = useAppStore((state) => state.current);
  const pins = usePinStore((state) => state.pins);
  const pin = usePinStore((state) => state.pin);
  const refusal = pinRefusal(current, pins);
  return (
    <span className="pin-controls">
      <button
        type="button"
        disabled={refusal !== null}
        aria-describedby="pin-note"
        title={refusal ?? `keep this run's theories and SGD drawn, faded, while the parameters change (up to ${maxPins})`}
        onClick={() => pin(current)}
      >
        ⊕ Pin run
      </button>
      <span id="pin-note" className="pin-note">
        {refusal && pins.length > 0 ? refusal : `${pins.length} of ${maxPins} pinned`}
      </span>
    </span>
  );
}
