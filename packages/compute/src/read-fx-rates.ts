import { createFxRatesReader, type FxRates, type RowIssue } from '@upsell/core';
import { readLookupTable } from '@upsell/ingest';
import { fileStream } from './file-stream.ts';

/**
 * Reads a rates table (`date,currency,rate`) into the rates a run converts states with, each bad
 * row reported with its line, column and reason.
 *
 * @example
 * const { rates } = await readFxRates('rates.csv', 'USD', (issue) => issues.push(issue));
 */
export async function readFxRates(
  path: string,
  reportingCurrency: string,
  keep: (issue: RowIssue) => void,
  fileName: string = path,
): Promise<{ rates: FxRates; rows: number; rejected: number }> {
  const read = await readLookupTable(
    fileStream(path),
    { fileName, format: 'csv', onIssue: keep },
    (header) => {
      const reader = createFxRatesReader(header, { reportingCurrency, fileName });
      return { result: reader, add: (fields, line, issues) => reader.add(fields, line, issues) };
    },
  );
  return { rates: read.result.finish(), rows: read.rows, rejected: read.rejected };
}
