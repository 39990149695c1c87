import { DatasetStoreError } from './dataset-store-error.ts';
import type { StoreLimits } from './store-context.ts';

/**
 * Refuses a file over the store's limits of rows or of bad rows (LIMIT_EXCEEDED), naming the
 * setting that sets the limit.
 *
 * @example
 * checkFileLimits(ctx.limits, 'orders.csv', { accounting: { rows: 12, rejected: 0 } });
 */
export function checkFileLimits(
  limits: Pick<StoreLimits, 'maxRows' | 'maxRowErrors'>,
  fileName: string,
  read: { accounting: { rows: number; rejected: number }; issues?: readonly { line: number }[] },
): void {
  const { maxRows, maxRowErrors } = limits;
  if (read.accounting.rows > maxRows) {
    throw new DatasetStoreError(
      'LIMIT_EXCEEDED',
      `${fileName}: ${read.accounting.rows.toLocaleString('en-US')} rows, over the limit of ${maxRows.toLocaleString('en-US')} (UPSELL_MAX_ROWS)`,
    );
  }
  if (read.accounting.rejected > maxRowErrors) {
    throw new DatasetStoreError(
      'LIMIT_EXCEEDED',
      `${fileName}: over ${maxRowErrors.toLocaleString('en-US')} bad rows (UPSELL_MAX_ROW_ERRORS); the first is line ${
        read.issues?.[0]?.line ?? '?'
      }: fix the file (upsell validate lists every bad row) and import it again`,
    );
  }
}
