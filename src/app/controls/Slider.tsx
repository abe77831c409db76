/** A prominent parameter slider: label, range input stepping through nice values, and the value shown. */
import type { ChangeEvent } from 'react';
import { formatNumber } from '../format';
import { nearestIndex, usableRange } from './sliderLadders';

export interface SliderProps {
  /** DOM id of the input. */
  id: string;
  /** Visible label and accessible name, e.g. "sample ratio α = n/d". */
  label: string;
  /** Symbol shown with the value, e.g. "α". */
  symbol: string;
  /** Values the slider steps through, increasing. */
  ladder: readonly number[];
  /** Current value (shown exactly even when it is not on the ladder). */
  value: number;
  /** Called with the newly chosen value. */
  onChange: (value: number) => void;
  /** One line explaining what the parameter does. */
  hint: string;
  /** Tooltip (title) of the label and the input, e.g. the parameter's CLI description. */
  title?: string;
  /** Whether a value can run with the other parameters as they are; the slider spans only those (all when omitted). */
  runs?: (value: number) => boolean;
}

export function Slider({ id, label, symbol, ladder, value, onChange, hint, title, runs }: SliderProps) {
  const shown = formatNumber(value);
  const hintId = `${id}-hint`;
  const { first, last } = runs ? usableRange(ladder, runs) : { first: 0, last: ladder.length - 1 };
  const limited = first > 0 || last < ladder.length - 1;
  // The current value stays reachable even where it lies outside what the other settings let run now.
  const index = nearestIndex(ladder, value);
  const low = Math.min(first, index);
  const high = Math.max(last, index);
  return (
    <div className="slider" data-slider={id}>
      <label htmlFor={id} title={title}>
        {label}
      </label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          title={title}
          min={low}
          max={high}
          step={1}
          value={index}
          data-range={`${ladder[low]} ${ladder[high]}`}
          aria-valuetext={`${symbol} = ${shown}`}
          aria-describedby={hintId}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(ladder[Number(event.target.value)])}
        />
        {/* A span, not <output>: that would be a second role="status" on the page; the value reaches assistive tech via aria-valuetext. */}
        <span className="slider-value" aria-hidden="true">
          {symbol} = {shown}
        </span>
      </div>
      <p id={hintId} className="hint">
        {hint}
        {limited && ` (${formatNumber(ladder[low])} to ${formatNumber(ladder[high])} at the other settings)`}
      </p>
    </div>
  );
}
