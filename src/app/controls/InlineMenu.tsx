/** A view's own menu inside its label ("vary [sample ratio α ▾]"); a model parameter's menu is SelectField. */
export interface InlineMenuProps<T extends string> {
  /** Text before the menu. */
  label: string;
  /** Accessible name of the menu. */
  ariaLabel: string;
  /** Tooltip of the label. */
  title?: string;
  className?: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}

export function InlineMenu<T extends string>({ label, ariaLabel, title, className, value, options, onChange }: InlineMenuProps<T>) {
  return (
    <label className={className} title={title}>
      {label}{' '}
      <select value={value} aria-label={ariaLabel} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
