import { SUBSCRIPTION_FIELD_NAMES, SUBSCRIPTION_FIELDS, type SubscriptionField } from '@upsell/core';
import { ColumnMappingEditor, type MappableFields } from '../datasets/column-mapping-editor.tsx';
import type { FilePreview } from '../datasets/read-preview.ts';
import { RowsPreview } from '../datasets/rows-preview.tsx';
import type {
  SubscriptionChoice,
  SubscriptionChoicesCheck,
  SubscriptionFileReading,
} from './subscription-file-reading.ts';

const SHOWN_ROWS = 10;

const SHAPE_WORDS = {
  states: 'one row per state: a subscription on one plan, quantity and price from starts_at to ends_at',
  events: 'one row per change: start, change, cancel, pause, resume or reactivate, at effective_at',
} as const;

/** The subscription fields, offered for each column of a subscription file. */
const SUBSCRIPTION_MAPPABLE: MappableFields<SubscriptionField> = {
  names: SUBSCRIPTION_FIELD_NAMES,
  required: (field) => SUBSCRIPTION_FIELDS[field].required,
};

/** Props of {@link SubscriptionColumnsPreview}. */
export interface SubscriptionColumnsPreviewProps {
  preview: FilePreview;
  /** How the import reads the header by names alone (the "Detected" column). */
  detected: SubscriptionFileReading;
  /** Per column, the subscription field chosen, or '' (a dimension). */
  choices: readonly SubscriptionChoice[];
  /** The choices checked: the reading with their map, and each column's problem. */
  check: SubscriptionChoicesCheck;
  onChoice(index: number, choice: SubscriptionChoice): void;
}

/**
 * The upload's preview of a subscription file: "Subscription history (states)" or "(events)",
 * what that shape means, each column with its first values, the field found by its name and a
 * choice of the field to read it as (the import's `map`, as the CLI's `--map`: a billing export
 * names its columns its own way), then the first rows as they are.
 */
export function SubscriptionColumnsPreview({
  preview,
  detected,
  choices,
  check,
  onChoice,
}: SubscriptionColumnsPreviewProps) {
  const { reading, columnErrors } = check;
  return (
    <>
      <h2>Subscription history{reading.shape ? ` (${reading.shape})` : ''}</h2>
      <p className="hint">
        {reading.shape ? `Read as ${SHAPE_WORDS[reading.shape]}. ` : ''}
        The file has a subscription_id column, so it becomes a subscription dataset: MRR movements, retention
        and the subscription upsell rate. Columns are found by their names; choose another column for a field
        where the file names it its own way. Columns that are no field become dimensions to segment by.
      </p>
      {reading.problem && (
        <ul className="notes">
          <li>{reading.problem}: choose its column below, or rename the column in the file.</li>
        </ul>
      )}
      <ColumnMappingEditor
        label="Columns and the subscription fields they are read as"
        preview={preview}
        detected={detected}
        choices={choices}
        check={{ columnErrors }}
        onChange={onChoice}
        fields={SUBSCRIPTION_MAPPABLE}
      />
      <h2>First rows</h2>
      {preview.rows.length === 0 ? (
        <p>The file has a header but no rows.</p>
      ) : (
        <RowsPreview preview={{ ...preview, rows: preview.rows.slice(0, SHOWN_ROWS) }} />
      )}
    </>
  );
}
