import { ControlField } from './control-field.tsx';

/** One choice of a {@link ChoiceField}: the value and the words people read. */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** Props of {@link ChoiceField}. */
export interface ChoiceFieldProps<T extends string> {
  id: string;
  label: string;
  options: readonly Choice<T>[];
  value: T;
  onChange(value: T): void;
  hint?: string | undefined;
}

/**
 * A labelled select of a fixed list of choices, typed by its values.
 *
 * @example
 * <ChoiceField id="period" label="Period" options={PERIOD_OPTIONS} value={period} onChange={setPeriod} />
 */
export function ChoiceField<T extends string>({
  id,
  label,
  options,
  value,
  onChange,
  hint,
}: ChoiceFieldProps<T>) {
  return (
    <ControlField id={id} label={label} hint={hint}>
      <select
        id={id}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          const next = options.find((o) => o.value === event.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </ControlField>
  );
}
