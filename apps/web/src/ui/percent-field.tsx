import { CommitInput } from './commit-input.tsx';
import { ControlField } from './control-field.tsx';

/** Props of {@link PercentField}. */
export interface PercentFieldProps {
  id: string;
  label: string;
  hint: string;
  /** The percentage (20 for 20%), or undefined when empty. */
  value: number | undefined;
  disabled?: boolean;
  onCommit(value: number | undefined): void;
}

/**
 * A labelled percentage from 0 to 100, applied on Enter or blur; empty is undefined.
 *
 * @example
 * <PercentField id="target" label="Target (%)" hint="Empty: no target." value={20} onCommit={setTarget} />
 */
export function PercentField({ id, label, hint, value, disabled, onCommit }: PercentFieldProps) {
  return (
    <ControlField id={id} label={label} hint={hint}>
      <CommitInput
        id={id}
        value={value === undefined ? '' : String(value)}
        inputMode="decimal"
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        validate={(text) =>
          text.trim() === '' || (/^\d+(\.\d+)?$/.test(text.trim()) && Number(text) <= 100)
            ? undefined
            : 'Enter a percentage from 0 to 100, e.g. 20.'
        }
        onCommit={(text) => onCommit(text.trim() === '' ? undefined : Number(text))}
      />
    </ControlField>
  );
}
