import {
  type CustomerTable,
  type CustomerTableReader,
  createCustomerTableReader,
  type RowIssue,
  UpsellError,
} from '@upsell/core';
import { rowFields, streamRows } from './stream-rows.ts';

/** What reading a customers file gave: the table, and the rows read and rejected. */
export interface ReadCustomersResult {
  table: CustomerTable;
  rows: number;
  rejected: number;
}

/**
 * Reads a customers CSV (customer_id plus attribute columns) into a table, reporting each bad row.
 *
 * @example
 * const { table } = await readCustomers(stream, { fileName: 'customers.csv', onIssue: console.error });
 */
export async function readCustomers(
  stream: ReadableStream<Uint8Array>,
  options: { fileName: string; onIssue?: (issue: RowIssue) => void; customerColumn?: string },
): Promise<ReadCustomersResult> {
  const { fileName, onIssue } = options;
  let reader: CustomerTableReader | undefined;
  let rows = 0;
  let rejected = 0;
  await streamRows(stream, (row, issues) => {
    const fields = rowFields(row);
    if (reader === undefined) {
      reader = createCustomerTableReader(fields, fileName, options.customerColumn);
      return;
    }
    rows++;
    const found: RowIssue[] = issues.map((issue) => ({ file: fileName, ...issue }));
    if (found.length > 0 || !reader.add(fields, row.line, found)) {
      rejected++;
      for (const issue of found) onIssue?.(issue);
    }
  });
  if (reader === undefined)
    throw new UpsellError('MISSING_COLUMN', `${fileName}: the file has no header row (it is empty)`);
  return { table: reader.table, rows, rejected };
}
