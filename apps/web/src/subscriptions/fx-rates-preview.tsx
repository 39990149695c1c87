import { formatRowIssue } from '@upsell/core';
import type { FilePreview } from '../datasets/read-preview.ts';
import { RowsPreview } from '../datasets/rows-preview.tsx';
import type { FxFileReading } from './fx-file-reading.ts';

const SHOWN_ROWS = 10;
const SHOWN_ISSUES = 5;

/**
 * The upload's preview of an exchange-rates file: "Exchange rates (USD per unit of EUR, GBP)",
 * what a rate means, the preview's rows that would be rejected, then the first rows as they are.
 */
export function FxRatesPreview({
  preview,
  reading,
  reportingCurrency,
}: {
  preview: FilePreview;
  reading: FxFileReading;
  reportingCurrency: string;
}) {
  const currencies = reading.currencies.filter((currency) => currency !== reportingCurrency);
  return (
    <>
      <h2>
        Exchange rates ({reportingCurrency} per unit of {currencies.length > 0 ? currencies.join(', ') : '…'})
      </h2>
      <p className="hint">
        The file has date, currency and rate columns, so it is read as the dataset’s exchange rates: each rate
        is the {reportingCurrency} paid for 1 unit of the currency from its date on. Subscription amounts in
        another currency are converted with the latest rate on or before their day; a row with no such rate is
        rejected until its rate is uploaded.
      </p>
      {reading.issues.length > 0 && (
        <ul className="notes">
          {reading.issues.slice(0, SHOWN_ISSUES).map((issue) => (
            <li key={`${issue.line}:${issue.column}`}>{formatRowIssue(issue)}: the row will be rejected.</li>
          ))}
        </ul>
      )}
      <h2>First rows</h2>
      {preview.rows.length === 0 ? (
        <p>The file has a header but no rows.</p>
      ) : (
        <RowsPreview preview={{ ...preview, rows: preview.rows.slice(0, SHOWN_ROWS) }} />
      )}
    </>
  );
}
