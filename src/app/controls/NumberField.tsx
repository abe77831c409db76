/**
 * A numeric parameter field of the advanced settings. Typing does not run anything: the text is applied
 * on Enter, when the field loses focus, or after a pause in typing (`applyDelayMs`), so typing 50 never
 * runs T = 5 first. While the text is not applied, it is checked against the current other parameters on
 * every render, so an error goes away as soon as another change makes the value allowed.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Problem } from '../../core/params';

/** Quiet time after the last keystroke before the typed value is applied. */
export const applyDelayMs = 900;

export interface NumberFieldProps {
  /** DOM id of the input. */
  id: string;
  /** Visible label and accessible name. */
  label: string;
  /** Current value of the parameter. */
  value: number;
  /** Applies a value; returns the problems if it is not allowed. */
  onCommit: (value: number) => Problem[];
  /** The problems `value` would have with the other parameters as they are now (nothing is applied). */
  validate: (value: number) => Problem[];
  /** Spinner step of the input. */
  step?: number;
  /** Smallest allowed value (for the spinner). */
  min?: number;
  /** Largest allowed value (for the spinner). */
  max?: number;
  /** Disabled (e.g. β while the sign teacher is chosen). */
  disabled?: boolean;
  /** Tooltip (title) of the label and the input. */
  title?: string;
}

/** The number a field's text means, or null when it is not one. */
function parse(text: string): number | null {
  const parsed = Number(text);
  return text.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
}

/** The text of a value: empty for ±∞ (the sign teacher's β), which a number input cannot show. */
function textOf(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

export function NumberField({ id, label, value, onCommit, validate, step, min, max, disabled = false, title }: NumberFieldProps) {
  // The typed text while it differs from the applied value; null shows the value itself.
  const [draft, setDraft] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A change made elsewhere (a preset, a reset) replaces the draft, unless the draft already means the new value.
  useEffect(() => {
    setDraft((current) => (current !== null && parse(current) === value ? current : null));
  }, [value]);
  useEffect(() => () => clearPending(), []);

  function clearPending(): void {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    setWaiting(false);
  }

  const apply = (next: string): void => {
    clearPending();
    const parsed = parse(next);
    if (parsed !== null && parsed !== value) onCommit(parsed);
  };

  const onChange = (next: string): void => {
    setDraft(next);
    clearPending();
    setWaiting(true);
    timer.current = setTimeout(() => apply(next), applyDelayMs);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') apply(event.currentTarget.value);
    else if (event.key === 'Escape') {
      clearPending();
      setDraft(null);
    }
  };

  const text = draft ?? textOf(value);
  const parsed = parse(text);
  const pending = draft !== null && parsed !== value;
  const problem = !pending || disabled ? null : parsed === null ? 'enter a number' : validate(parsed).map((p) => p.message).join('; ') || null;
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  return (
    <div className="field">
      <label htmlFor={id} title={title}>
        {label}
      </label>
      <input
        id={id}
        title={title}
        type="number"
        inputMode="decimal"
        value={disabled ? '' : text}
        step={step ?? 'any'}
        min={min}
        max={max}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : pending ? noteId : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={(event) => apply(event.target.value)}
      />
      {problem ? (
        <span id={errorId} className="field-error" role="alert">
          {problem}
        </span>
      ) : (
        pending &&
        !disabled &&
        !waiting && (
          <span id={noteId} className="field-note">
            not applied yet: press Enter to apply
          </span>
        )
      )}
    </div>
  );
}
