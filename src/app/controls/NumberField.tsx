/**
 * A numeric parameter field of the advanced settings. The typed text is applied as soon as it
 * is a valid value; otherwise the validator's message is shown and the run keeps its parameters.
 */
import { useEffect, useState } from 'react';
import type { Problem } from '../../core/params';

export interface NumberFieldProps {
  /** DOM id of the input. */
  id: string;
  /** Visible label and accessible name. */
  label: string;
  /** Current value of the parameter. */
  value: number;
  /** Applies a value; returns the problems if it is not allowed. */
  onCommit: (value: number) => Problem[];
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

export function NumberField({ id, label, value, onCommit, step, min, max, disabled = false, title }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  // Follow changes made elsewhere (another control, a reset) unless the text already means this value.
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
    setProblem(null);
  }, [value]);

  const commit = (next: string): void => {
    setText(next);
    const parsed = Number(next);
    if (next.trim() === '' || !Number.isFinite(parsed)) {
      setProblem('enter a number');
      return;
    }
    const problems = onCommit(parsed);
    setProblem(problems.length > 0 ? problems.map((p) => p.message).join('; ') : null);
  };

  const errorId = `${id}-error`;
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
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => commit(event.target.value)}
      />
      {problem && (
        <span id={errorId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
