import { PURCHASE_FIELD_NAMES, PURCHASE_FIELDS } from '@upsell/core';
import { useId } from 'react';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { ColumnChoice, MappingCheck } from './check-mapping.ts';
import type { DetectedColumns } from './detect-columns.ts';
import type { FilePreview } from './read-preview.ts';

/** Props of {@link ColumnMappingEditor}. */
export interface ColumnMappingEditorProps {
  preview: FilePreview;
  detected: DetectedColumns;
  choices: readonly ColumnChoice[];
  check: MappingCheck;
  onChange(index: number, choice: ColumnChoice): void;
  /** Appending: the dataset's own mapping applies, so the choices are shown but fixed. */
  readOnly?: boolean;
}

const SAMPLE_VALUES = 3;

/**
 * One row per column of the file: its first values, the field the core detected from its name,
 * and a select to read it as another field (or as none: a dimension to segment by).
 */
export function ColumnMappingEditor(props: ColumnMappingEditorProps) {
  const { preview, detected, choices, check, onChange, readOnly = false } = props;
  const id = useId();
  return (
    <TableScroll label="Columns and the fields they are read as">
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
                    onChange={(event) => onChange(index, event.target.value as ColumnChoice)}
                    disabled={readOnly}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                  >
                    <option value="">none (a dimension to segment by)</option>
                    {PURCHASE_FIELD_NAMES.map((field) => (
                      <option key={field} value={field}>
                        {field}
                        {PURCHASE_FIELDS[field].required ? ' (required)' : ''}
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
