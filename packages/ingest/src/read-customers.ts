import { type CustomerTable, createCustomerTableReader } from '@upsell/core';
import { type LookupTableOptions, readLookupTable } from './read-lookup-table.ts';

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
  options: LookupTableOptions & { customerColumn?: string },
): Promise<ReadCustomersResult> {
  const read = await readLookupTable(stream, options, (header) => {
    const reader = createCustomerTableReader(header, options.fileName, options.customerColumn);
    return { result: reader.table, add: reader.add };
  });
  return { table: read.result, rows: read.rows, rejected: read.rejected };
}
