import {
  createMetricRun,
  DATE_FORMATS,
  NUMBER_FORMATS,
  type Purchase,
  type PurchaseFileSink,
  type RowIssue,
} from '@upsell/core';
import { createPurchaseReader } from '@upsell/core/internal';
import { createCsvTokenizer, fieldText, type RowView } from '@upsell/csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowPurchaseReader } from './read-purchase-row.ts';

const HEADER = [
  'order_id',
  'customer_id',
  'purchased_at',
  'product_id',
  'family',
  'tier',
  'quantity',
  'amount',
  'kind',
  'channel',
];

const garbage = fc.constantFrom(
  '',
  ' ',
  'x',
  'é',
  'a"b',
  '-1',
  '.5',
  '3.',
  '1e3',
  '0.00001',
  '2024-02-30',
  '=cmd',
);
// Each column mostly valid, sometimes garbage, so that one bad cell decides a row often.
const column = (...valid: string[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: garbage });
const rowCells = fc.tuple(
  column('o1', ' o2 ', 'ordre-é', ''),
  column('C1', ' C1 '),
  column(
    '2024-03-07',
    '2024-03-07T10:00:00Z',
    ' 2024-03-07 10:00 ',
    '2024-03-07T10:00:00+01:00',
    '2024-03-07T10:00:5',
    '07/03/2024',
    '3/7/2024 2:05 PM',
    '2024/03/07 14:05',
    '45358.5',
    '31/04/2024',
  ),
  column('P-1', ' P-1 ', 'café', 'a"b'),
  column('pro', '', 'é'),
  column('1', '2', '', '12'),
  column('1', '3', '', '1.5', '2 '),
  column('19.99', '0', '7', '', '12.5', '1,234.50', '1.234,50', '1.234', '12,50 EUR', '$12.50', '12'),
  column('upsell', 'Add-On', 'renewal', '', 'nope'),
  column('web', '', 'café'),
);

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Runs a row through the tokenizer and gives the reader both ways of reading it. */
// One run and one file for every generated row: building them per row made the property test
// slow enough to time out on a busy machine.
// One file per pair of formats (amounts in EUR, as a sample says), so that the property covers
// every date and number format the files may be read with.
const sinks = DATE_FORMATS.flatMap((date) =>
  NUMBER_FORMATS.map((number) =>
    createMetricRun({
      definition: { rule: 'tier', by: ['channel'], timeZone: 'Europe/Paris' },
      formats: { date, number },
    }).addFile(HEADER, 'p.csv', [['o1', 'C1', '2024-03-07', 'P-1', '', '1', '1', '1 EUR', '', 'web']]),
  ),
);
const sink = sinks[0]!;

function withRow(
  fields: string[],
  use: (row: RowView, sink: PurchaseFileSink) => void,
  into: PurchaseFileSink = sink,
) {
  const tokenizer = createCsvTokenizer({ delimiter: ',', onRow: (row) => use(row, into) });
  tokenizer.push(new TextEncoder().encode(`${fields.map(quote).join(',')}\n`));
  tokenizer.end();
}

describe('createRowPurchaseReader', () => {
  it('builds exactly the purchase the core reader builds, and gives up on every row the core reader rejects', () => {
    fc.assert(
      fc.property(rowCells, fc.constantFrom(...sinks), (cells, file) => {
        const fields: string[] = [...cells];
        withRow(
          fields,
          (row, sink) => {
            const decoded = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
            const issues: RowIssue[] = [];
            const slow = createPurchaseReader(sink.reader)(decoded, row.line, row.byteOffset, issues);
            const fast = createRowPurchaseReader(sink)!(row, decoded[1]!.trim(), undefined);
            if (slow === undefined) expect(fast).toBeUndefined();
            else if (fast !== undefined) expect(fast).toEqual(slow satisfies Purchase);
          },
          file,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('reads ISO dates and plain numbers from the bytes whatever the formats, and leaves the rest to the string path', () => {
    const comma = sinks.find((s) => s.formats.date === 'dmy' && s.formats.number === 'comma')!;
    const read = createRowPurchaseReader(comma)!;
    const cells = (time: string, amount: string) => [
      'o1',
      'C1',
      time,
      'P-1',
      'pro',
      '2',
      '3',
      amount,
      '',
      'web',
    ];
    withRow(cells('2024-03-07', '12'), (row) => expect(read(row, 'C1', 1)?.amount).toBe(120_000), comma);
    withRow(cells('07/03/2024', '12'), (row) => expect(read(row, 'C1', 1)).toBeUndefined(), comma);
    // With a decimal comma 1.234 is 1234, not what the byte parser of decimal points reads.
    withRow(cells('2024-03-07', '1.234'), (row) => expect(read(row, 'C1', 1)).toBeUndefined(), comma);
    expect(comma.formats).toEqual({ date: 'dmy', number: 'comma', currency: 'EUR' });
  });

  it('reads a clean row without falling back', () => {
    withRow(
      ['o1', 'C1', '2024-03-07T10:00:00Z', 'P-1', 'pro', '2', '3', '19.99', 'Add-On', 'web'],
      (row, sink) => {
        expect(createRowPurchaseReader(sink)!(row, 'C1', 4)).toMatchObject({
          orderId: 'o1',
          purchasedAt: Date.UTC(2024, 2, 7, 10),
          productId: 'P-1',
          family: 'pro',
          tier: 2,
          quantity: 3,
          amount: 199_900,
          kind: 'add_on',
          segment: ['web'],
          customerKey: 4,
        });
      },
    );
  });
});
