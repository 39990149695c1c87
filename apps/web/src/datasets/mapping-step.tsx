import type { ColumnChoice, MappingCheck } from './check-mapping.ts';
import type { ValueCheck } from './check-values.ts';
import { ColumnMappingEditor, PURCHASE_MAPPABLE } from './column-mapping-editor.tsx';
import type { DetectedColumns } from './detect-columns.ts';
import type { FilePreview } from './read-preview.ts';
import { RowsPreview } from './rows-preview.tsx';
import { type FormatChoices, ValueFormatFields } from './value-format-fields.tsx';
import { ValuesPreview } from './values-preview.tsx';

/** Props of {@link MappingStep}. */
export interface MappingStepProps {
  preview: FilePreview;
  detected: DetectedColumns;
  choices: readonly ColumnChoice[];
  check: MappingCheck;
  /** Appending reads the file with the dataset's mapping: the columns are shown, not chosen. */
  appending: boolean;
  onChoice(index: number, choice: ColumnChoice): void;
  formats: FormatChoices;
  /** The sample read as the import would read it (undefined while the mapping cannot stand). */
  values: ValueCheck | undefined;
  onFormats(formats: FormatChoices): void;
}

/** Rows shown in the tables; the value check counts the whole sample. */
const SHOWN_ROWS = 10;

/**
 * The upload's second step: the columns and the fields they are read as, how dates and amounts
 * are written, how the first rows would be read (and how many rejected), then the rows as they are.
 */
export function MappingStep(props: MappingStepProps) {
  const { preview, detected, choices, check, appending, onChoice, formats, values, onFormats } = props;
  return (
    <>
      <h2>Columns</h2>
      <p className="hint">
        Read as {preview.format === 'csv' ? 'CSV' : 'NDJSON'}. Each column is read as the field detected from
        its name; choose another where that is wrong. Columns that are no field become dimensions to segment
        by.
      </p>
      {appending && (
        <p className="hint">
          Appending uses the dataset’s mapping: this shows how the names would be read, not a choice.
        </p>
      )}
      {detected.problems.length > 0 && !appending && (
        <ul className="notes">
          {detected.problems.map((problem) => (
            <li key={problem.field}>{problem.reason}</li>
          ))}
        </ul>
      )}
      <ColumnMappingEditor
        preview={preview}
        detected={detected}
        choices={choices}
        check={check}
        readOnly={appending}
        onChange={onChoice}
        fields={PURCHASE_MAPPABLE}
      />
      <h2>Dates and amounts</h2>
      <ValueFormatFields
        choices={formats}
        read={values?.formats}
        ambiguity={values?.ambiguity}
        onChange={onFormats}
      />
      {values && <ValuesPreview check={values} shown={SHOWN_ROWS} />}
      <h2>First rows</h2>
      {preview.issues.length > 0 && (
        <ul className="notes">
          {preview.issues.map((issue) => (
            <li key={`${issue.line}:${issue.reason}`}>
              Line {issue.line}: {issue.reason}
            </li>
          ))}
        </ul>
      )}
      {preview.rows.length === 0 ? (
        <p>The file has a header but no rows.</p>
      ) : (
        <RowsPreview preview={{ ...preview, rows: preview.rows.slice(0, SHOWN_ROWS) }} />
      )}
    </>
  );
}
