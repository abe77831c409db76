/** A labelled menu of one parameter's choices; a choice the validator refuses is shown disabled, with its reason. */
export interface SelectOption<T extends string> {
  value: T;
  label: string;
  /** Why this choice cannot run with the other parameters (then it is disabled), or undefined. */
  refusal?: string;
}

export interface SelectFieldProps<T extends string> {
  id: string;
  label: string;
  /** Tooltip of the label and the menu (the parameter's one-line description). */
  title: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
}

export function SelectField<T extends string>({ id, label, title, value, options, onChange }: SelectFieldProps<T>) {
  return (
    <div className="field">
      <label htmlFor={id} title={title}>
        {label}
      </label>
      <select id={id} title={title} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.refusal !== undefined} title={option.refusal}>
            {option.label}
            {option.refusal ? ' — not for these parameters' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
