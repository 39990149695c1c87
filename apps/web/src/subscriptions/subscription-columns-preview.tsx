import { SUBSCRIPTION_FIELDS } from '@upsell/core';
import type { FilePreview } from '../datasets/read-preview.ts';
import { RowsPreview } from '../datasets/rows-preview.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { SubscriptionFileReading } from './subscription-file-reading.ts';

const SAMPLE_VALUES = 3;
const SHOWN_ROWS = 10;

const SHAPE_WORDS = {
  states: 'one row per state: a subscription on one plan, quantity and price from starts_at to ends_at',
  events: 'one row per change: start, change, cancel, pause, resume or reactivate, at effective_at',
} as const;

/**
 * The upload's preview of a subscription file: "Subscription history (states)" or "(events)",
 * what that shape means, each column with its first values and the field the server will read
 * from it (found by name: the columns are named as the spec's fields or their aliases), then the
 * first rows as they are.
 */
export function SubscriptionColumnsPreview({
  preview,
  reading,
}: {
  preview: FilePreview;
  reading: SubscriptionFileReading;
}) {
  return (
    <>
      <h2>Subscription history{reading.shape ? ` (${reading.shape})` : ''}</h2>
      <p className="hint">
        {reading.shape ? `Read as ${SHAPE_WORDS[reading.shape]}. ` : ''}
        The file has a subscription_id column, so it becomes a subscription dataset: MRR movements, retention
        and the subscription upsell rate. Columns are found by their names; columns that are no field become
        dimensions to segment by.
      </p>
      {reading.problem && (
        <ul className="notes">
          <li>{reading.problem}: rename the column in the file.</li>
        </ul>
      )}
      <TableScroll label="Columns and the subscription fields they are read as">
        <table className="mapping">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">First values</th>
              <th scope="col">Read as</th>
            </tr>
          </thead>
          <tbody>
            {preview.header.map((name, index) => {
              const field = reading.fields[index];
              const samples = preview.rows
                .slice(0, SAMPLE_VALUES)
                .map((row) => row.fields[index] ?? '')
                .join(', ');
              return (
                <tr key={index}>
                  <th scope="row">{name === '' ? <em>(no name)</em> : name}</th>
                  <td className="samples">{samples}</td>
                  <td data-label="read as">
                    {field ? (
                      <>
                        {field}
                        {SUBSCRIPTION_FIELDS[field].required ? ' (required)' : ''}
                      </>
                    ) : (
                      <span className="muted">a dimension to segment by</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <h2>First rows</h2>
      {preview.rows.length === 0 ? (
        <p>The file has a header but no rows.</p>
      ) : (
        <RowsPreview preview={{ ...preview, rows: preview.rows.slice(0, SHOWN_ROWS) }} />
      )}
    </>
  );
}
