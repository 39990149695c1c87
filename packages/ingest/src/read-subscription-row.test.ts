import {
  createFxRatesReader,
  createSubscriptionRowReader,
  createSubscriptionRun,
  DATE_FORMATS,
  type RowIssue,
  type SubscriptionFileSink,
  type SubscriptionRow,
} from '@upsell/core';
import { createCsvTokenizer, fieldText, type RowView } from '@upsell/csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowSubscriptionReader } from './read-subscription-row.ts';

const HEADER = [
  'customer_id',
  'subscription_id',
  'plan_id',
  'tier',
  'starts_at',
  'ends_at',
  'amount',
  'interval',
  'interval_count',
  'quantity',
  'currency',
  'family',
  'channel',
];
const SAMPLE = [
  ['C1', 'S1', 'basic', '1', '2024-01-05', '', '10.00', 'month', '1', '1', 'USD', 'core', 'web'],
];

const fx = (() => {
  const reader = createFxRatesReader(['date', 'currency', 'rate'], { reportingCurrency: 'USD' });
  reader.add(['2024-01-01', 'EUR', '1.0845'], 2, []);
  reader.add(['2024-03-01', 'EUR', '1.1'], 3, []);
  return reader.finish();
})();

// Files read in every date format, with and without rates and segments, in two reporting
// currencies: the byte path must agree with the string path under each.
const sinks: SubscriptionFileSink[] = DATE_FORMATS.flatMap((date) => [
  createSubscriptionRun({
    definition: { period: 'month', by: ['channel'], timeZone: 'Europe/Paris' },
    formats: { date },
    fx,
  }).addFile(HEADER, 's.csv', SAMPLE),
  createSubscriptionRun({ definition: { period: 'month' }, currency: 'EUR', formats: { date } }).addFile(
    HEADER,
    's.csv',
    SAMPLE,
  ),
]);

const garbage = fc.constantFrom('', ' ', 'x', 'é', 'a"b', '-1', '.5', '3.', '1e3', '0.00001', '=cmd');
// Each column mostly valid, sometimes garbage, so that one bad cell decides a row often.
const column = (...valid: string[]) =>
  fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: garbage });
const rowCells = fc.tuple(
  column('C1', ' C1 ', 'C2', 'C10', 'Ç3'),
  column('S1', 'S2', ' S1', 'sub_9'),
  column('basic', 'pro', ' pro ', 'pró'),
  column('1', '2', '', '007', '1.5', '99999999999999999'),
  column(
    '2024-01-05',
    '2024-03-07T10:00:00Z',
    ' 2024-03-07 10:00 ',
    '2024-03-07T10:00:00+01:00',
    '07/03/2024',
    '45358.5',
    '2023-12-31',
    '2024-02-30',
  ),
  column('', '', '2024-04-01', '2024-03-07T10:00:00Z', '2024-01-05', '04/01/2024'),
  column('10.00', '0', '0.00', '7', '12.5', '1,234.50', '$12.50', '12 EUR', '19.99999', '  49.9 '),
  column('month', 'Month', 'YEAR', '', 'quarter', 'weekly', 'dáy'),
  column('1', '', '3', '0', '12', '1.0'),
  column('1', '', '2', '0', '2.5', '10 '),
  column('USD', 'usd', 'EUR', 'eur', '', 'GBP', 'Eur', 'EU', 'EURO', 'U$D'),
  column('core', '', 'add-on', 'café'),
  column('web', '', 'café', 'sales'),
);

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Runs rows through one tokenizer, as a file's rows go through one reader. */
function eachRow(rows: readonly (readonly string[])[], use: (row: RowView) => void) {
  const tokenizer = createCsvTokenizer({ delimiter: ',', onRow: use });
  tokenizer.push(new TextEncoder().encode(rows.map((cells) => `${cells.map(quote).join(',')}\n`).join('')));
  tokenizer.end();
}

describe('createRowSubscriptionReader', () => {
  it('builds exactly the row the core reader builds, and gives up on every row the core reader rejects', () => {
    let built = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(rowCells, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...sinks),
        (cells, sink) => {
          // One reader for the whole file, as the range reader keeps it: what it remembers from one
          // row (the customer's id, the currency) must not leak into the next.
          const fast = createRowSubscriptionReader(sink)!;
          const slow = createSubscriptionRowReader(sink.reader);
          eachRow(cells, (row) => {
            const decoded = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
            const issues: RowIssue[] = [];
            const expected = slow(decoded, row.line, 0, issues);
            const got = fast(row, row.line);
            if (expected === undefined) expect(got).toBeUndefined();
            else accepted++;
            if (got !== undefined) {
              built++;
              expect(got).toEqual(expected);
            }
          });
        },
      ),
      { numRuns: 1000 },
    );
    // The byte path must carry real weight, not give every row to the string path (about a
    // quarter of the accepted rows here have a cell only the string path reads, by design).
    expect(built / accepted).toBeGreaterThan(0.15);
  });

  it('reads a clean row from its bytes, the customer id decoded once for consecutive rows', () => {
    const sink = sinks[0]!;
    const read = createRowSubscriptionReader(sink)!;
    const got: SubscriptionRow[] = [];
    eachRow(
      [
        [
          'C1',
          'S1',
          'basic',
          '1',
          '2024-01-05T10:00:00Z',
          '',
          '10.00',
          'month',
          '',
          '2',
          'eur',
          'core',
          'web',
        ],
        ['C1', 'S1', 'pro', '2', '2024-03-05T10:00:00Z', '2025-03-05', '120', 'Year', '1', '', '', '', ''],
      ],
      (row) => got.push(read(row, row.line + 10)!),
    );
    expect(got[0]).toMatchObject({
      customerId: 'C1',
      subscriptionId: 'S1',
      planId: 'basic',
      tier: 1,
      at: Date.UTC(2024, 0, 5, 10),
      endsAt: Number.POSITIVE_INFINITY,
      units: 100_000,
      currency: 'EUR',
      rate: { num: 2169n, den: 2000n },
      interval: 'month',
      intervalCount: 1,
      quantity: 2,
      family: 'core',
      dimensions: { channel: 'web' },
      line: 11,
    });
    expect(got[1]).toMatchObject({
      planId: 'pro',
      endsAt: Date.UTC(2025, 2, 4, 23),
      units: 1_200_000,
      currency: 'USD',
      interval: 'year',
      quantity: 1,
      dimensions: { channel: '(unknown)' },
      line: 12,
    });
    expect(got[1]!.customerId).toBe(got[0]!.customerId);
  });

  it('leaves files of the events shape and with decimal commas to the string path', () => {
    const events = createSubscriptionRun({ definition: { period: 'month' } }).addFile(
      ['customer_id', 'subscription_id', 'event', 'effective_at', 'plan_id', 'amount'],
      'e.csv',
    );
    expect(createRowSubscriptionReader(events)).toBeUndefined();
    const comma = createSubscriptionRun({
      definition: { period: 'month' },
      formats: { number: 'comma' },
    }).addFile(HEADER, 's.csv');
    expect(createRowSubscriptionReader(comma)).toBeUndefined();
  });
});
