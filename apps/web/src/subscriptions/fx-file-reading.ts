import { createFxRatesReader, detectDatasetKind, isUpsellError, type RowIssue } from '@upsell/core';

/** A rates file's preview as the server will read it: the currencies its rows give rates for. */
export interface FxFileReading {
  /** Currencies with a rate in the rows read, in the order the core lists them. */
  currencies: readonly string[];
  /** Rows of the preview that would be rejected (a bad date, code or rate), with line and reason. */
  issues: RowIssue[];
}

/**
 * Reads a file's header and first rows as an exchange-rates file (`date,currency,rate`, or the
 * aliases the core's `createFxRatesReader` accepts), or undefined when it is not one: a column
 * missing, or a header that is purchases or subscription history.
 *
 * @example
 * readFxFile(['date', 'currency', 'rate'], [['2024-01-01', 'EUR', '1.085']], 'USD')
 * // { currencies: ['EUR'], issues: [] }
 */
export function readFxFile(
  header: readonly string[],
  rows: readonly { line: number; fields: readonly string[] }[],
  reportingCurrency: string,
  fileName?: string,
): FxFileReading | undefined {
  if (detectDatasetKind(header) !== null) return undefined;
  let reader: ReturnType<typeof createFxRatesReader>;
  try {
    reader = createFxRatesReader(header, { reportingCurrency, ...(fileName ? { fileName } : {}) });
  } catch (error) {
    if (isUpsellError(error)) return undefined;
    throw error;
  }
  const issues: RowIssue[] = [];
  for (const row of rows) reader.add(row.fields, row.line, issues);
  return { currencies: reader.finish().currencies, issues };
}
