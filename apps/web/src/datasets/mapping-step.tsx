import type { ColumnChoice, MappingCheck } from './check-mapping.ts';
import { ColumnMappingEditor } from './column-mapping-editor.tsx';
import type { DetectedColumns } from './detect-columns.ts';
import type { FilePreview } from './read-preview.ts';
import { RowsPreview } from './rows-preview.tsx';

/** Props of {@link MappingStep}. */
export interface MappingStepProps {
  preview: FilePreview;
  detected: DetectedColumns;
  choices: readonly ColumnChoice[];
  check: MappingCheck;
  /** Appending reads the file with the dataset's mapping: the columns are shown, not chosen. */
  appending: boolean;
  onChoice(index: number, choice: ColumnChoice): void;
}

/** The upload's second step: the columns and the fields they are read as, then the first rows. */
export function MappingStep({ preview, detected, choices, check, appending, onChoice }: MappingStepProps) {
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
      />
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
        <RowsPreview preview={preview} />
      )}
    </>
  );
}
