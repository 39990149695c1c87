import { PURCHASE_FIELD_NAMES, PURCHASE_FIELDS, type PurchaseField } from '@upsell/core';
import { useId } from 'react';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { FilePreview } from './read-preview.ts';

/** The fields a column may be read as, and which of them a file must have. */
export interface MappableFields<F extends string> {
  names: readonly F[];
  required(field: F): boolean;
}

/** The purchase fields (the default of {@link ColumnMappingEditor}). */
export const PURCHASE_MAPPABLE: MappableFields<PurchaseField> = {
  names: PURCHASE_FIELD_NAMES,
  required: (field) => PURCHASE_FIELDS[field].required,
};

/** Props of {@link ColumnMappingEditor}. */
export interface ColumnMappingEditorProps<F extends string> {
  preview: FilePreview;
  /** Per column, the field the core finds from its name (or undefined). */
  detected: { fields: readonly (F | undefined)[] };
  /** Per column, the field chosen, or '' for none (a dimension). */
  choices: readonly (F | '')[];
  /** Per column, why its choice cannot stand. */
  check: { columnErrors: readonly (string | undefined)[] };
  onChange(index: number, choice: F | ''): void;
  /** Appending: the dataset's own mapping applies, so the choices are shown but fixed. */
  readOnly?: boolean;
  /** The fields offered: purchase fields, or a subscription file's. */
  fields: MappableFields<F>;
  /** The table's name for screen readers. */
  label?: string;
}

const SAMPLE_VALUES = 3;

/**
 * One row per column of the file: its first values, the field the core detected from its name,
 * and a select to read it as another field (or as none: a dimension to segment by); the purchase
 * fields or the subscription fields.
 */
export function ColumnMappingEditor<F extends string>(props: ColumnMappingEditorProps<F>) {
  const { preview, detected, choices, check, onChange, readOnly = false, fields } = props;
  const id = useId();
  return (
    <TableScroll label={props.label ?? 'Columns and the fields they are read as'}>
      <table className="mapping">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">First values</th>
            <th scope="col">Detected</th>
            <th scope="col">Read as</th>
          </tr>
        </thead>
        <tbody>
          {preview.header.map((name, index) => {
            const error = check.columnErrors[index];
            const detectedField = detected.fields[index];
            const samples = preview.rows
              .slice(0, SAMPLE_VALUES)
              .map((row) => row.fields[index] ?? '')
              .join(', ');
            const errorId = `${id}-error-${index}`;
            return (
              <tr key={index} className={error ? 'invalid' : undefined}>
                <th scope="row">{name === '' ? <em>(no name)</em> : name}</th>
                <td className="samples">{samples}</td>
                <td data-label="detected">{detectedField ?? <span className="muted">none</span>}</td>
                <td>
                  <select
                    aria-label={`Read column “${name}” as`}
                    value={choices[index] ?? ''}
                    onChange={(event) => onChange(index, event.target.value as F | '')}
                    disabled={readOnly}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                  >
                    <option value="">none (a dimension to segment by)</option>
                    {fields.names.map((field) => (
                      <option key={field} value={field}>
                        {field}
                        {fields.required(field) ? ' (required)' : ''}
                      </option>
                    ))}
                  </select>
                  {error && (
                    <p id={errorId} className="field-error">
                      {error}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
