/** A prominent parameter slider: label, range input stepping through nice values, and the value shown. */
import type { ChangeEvent } from 'react';
import { formatNumber } from '../format';
import { nearestIndex } from './sliderLadders';

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
}

export function Slider({ id, label, symbol, ladder, value, onChange, hint, title }: SliderProps) {
  const shown = formatNumber(value);
  const hintId = `${id}-hint`;
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
          min={0}
          max={ladder.length - 1}
          step={1}
          value={nearestIndex(ladder, value)}
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
      </p>
    </div>
  );
}
