import type { ReactNode } from 'react';

/** Props of {@link ControlField}. */
export interface ControlFieldProps {
  /** The id of the control inside, which the label names. */
  id: string;
  label: string;
  /** A line under the control, with the id `<id>-hint` for its `aria-describedby`. */
  hint?: string | undefined;
  children: ReactNode;
}

/**
 * One labelled control of a grid of controls (a select, an input), with an optional hint.
 *
 * @example
 * <ControlField id="tz" label="Time zone" hint="Periods start at midnight here."><input id="tz" /></ControlField>
 */
export function ControlField({ id, label, hint, children }: ControlFieldProps) {
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
