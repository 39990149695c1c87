import { type InputHTMLAttributes, type KeyboardEvent, useEffect, useState } from 'react';

/** Props of {@link CommitInput}: an input's, but the value is applied with `onCommit`. */
export type CommitInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  id: string;
  value: string;
  onCommit(value: string): void;
  /** A problem with the text, shown under the input (with the id `<id>-error`), or undefined. */
  validate?(value: string): string | undefined;
};

/**
 * A text input that applies its value on Enter or blur (not on every key, which would compute
 * the metric for every character), after `validate` accepts it.
 *
 * @example
 * <CommitInput id="tz" value={timeZone} onCommit={setTimeZone} validate={(text) => (text ? undefined : 'Enter a time zone.')} />
 */
export function CommitInput({ value, onCommit, validate, ...props }: CommitInputProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setDraft(value);
    setError(undefined);
  }, [value]);
  const commit = () => {
    if (draft === value) return setError(undefined);
    const problem = validate?.(draft);
    setError(problem);
    if (problem === undefined) onCommit(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setDraft(value);
      setError(undefined);
    }
  };
  const describedBy = [props['aria-describedby'], error ? `${props.id}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <input
        type="text"
        {...props}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {error && (
        <small id={`${props.id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </>
  );
}
