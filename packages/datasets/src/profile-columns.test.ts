import { readCsv } from '@upsell/csv';
import { streamOf } from '@upsell/test-support/stream-of';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSION_SAMPLE_ROWS, dimensionOf, profileColumns } from './profile-columns.ts';

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const HEADER = ['order_id', 'customer_id', 'purchased_at', 'product_id', 'amount', 'channel', 'region'];

/** The dimensions as every row decoded whole gives them: the profile's meaning, independently. */
async function dimensionsOfRows(text: string) {
  const rows: string[][] = [];
  for await (const batch of readCsv(streamOf(text))) for (const record of batch) rows.push(record.fields);
  const header = rows.shift()!.map((f) => f.trim());
  return ['channel', 'region']
    .filter((name) => header.includes(name))
    .map((name) => {
      const index = header.indexOf(name);
      return dimensionOf(
        name,
        'purchase',
        rows.slice(0, DIMENSION_SAMPLE_ROWS).map((r) => (r[index] ?? '').trim()),
      );
    })
    .map(({ longValues: _, ...dimension }) => dimension);
}

describe('profileColumns', () => {
  it('lists the values of each dimension as the rows decoded whole do, whatever the fields hold', async () => {
    const value = fc.oneof(
      fc.constantFrom('web', ' web ', 'shop', 'café', 'a,b', 'say "hi"', 'two\nlines', ''),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value, fc.boolean()), { maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        async (rows, chunk) => {
          const lines = rows.map(([channel, region, short], i) => {
            const cells = [
              `o${i}`,
              `c${i % 5}`,
              '2024-01-02',
              'p1',
              '9.50',
              csvCell(channel),
              csvCell(region),
            ];
            // A short row misses its last fields: their values are empty.
            return (short ? cells.slice(0, 6) : cells).join(',');
          });
          const text = `${HEADER.join(',')}\n${lines.join('\n')}\n`;
          const profile = await profileColumns(streamOf(text, chunk), { format: 'csv', kind: 'purchases' });
          expect(profile.dimensions).toEqual(await dimensionsOfRows(text));
          expect(profile.header).toEqual(HEADER);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads the same dimensions and formats from a CSV file and its NDJSON twin', async () => {
    const rows = [
      ['o1', 'c1', '03/04/2024', 'p1', '1.234,50', 'web', 'north'],
      ['o2', 'c2', '13/04/2024', 'p2', '7,00', 'shop', 'south'],
    ];
    const csv = `${HEADER.join(',')}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
    const ndjson = rows
      .map((r) => JSON.stringify(Object.fromEntries(HEADER.map((h, i) => [h, r[i]]))))
      .join('\n');
    const fromCsv = await profileColumns(streamOf(csv), { format: 'csv', kind: 'purchases' });
    const fromNdjson = await profileColumns(streamOf(ndjson), { format: 'ndjson', kind: 'purchases' });
    expect(fromCsv.dimensions).toEqual(fromNdjson.dimensions);
    expect(fromCsv.formats).toEqual(fromNdjson.formats);
    expect(fromCsv.formats).toMatchObject({ date: 'dmy', number: 'comma' });
    expect(fromCsv.dimensions.map((d) => d.values)).toEqual([
      ['shop', 'web'],
      ['north', 'south'],
    ]);
  });

  it(`lists values from the first ${DIMENSION_SAMPLE_ROWS.toLocaleString('en-US')} rows only`, async () => {
    const lines = Array.from(
      { length: DIMENSION_SAMPLE_ROWS },
      (_, i) => `o${i},c1,2024-01-02,p1,1,web,r${i % 3}`,
    );
    lines.push('o-last,c1,2024-01-02,p1,1,late,r9');
    const profile = await profileColumns(streamOf(`${HEADER.join(',')}\n${lines.join('\n')}\n`, 65_536), {
      format: 'csv',
      kind: 'purchases',
    });
    expect(profile.dimensions.map((d) => d.values)).toEqual([['web'], ['r0', 'r1', 'r2']]);
  });

  it('lists a customers file’s every column but the customer id, and an empty file as nothing', async () => {
    const customers = await profileColumns(
      streamOf('customer_id,plan,"city"\nc1,pro,Oslo\nc2,free,"Bergen"\n'),
      {
        format: 'csv',
        kind: 'customers',
      },
    );
    expect(customers.dimensions).toEqual([
      { name: 'plan', from: 'customer', values: ['free', 'pro'], more: false },
      { name: 'city', from: 'customer', values: ['Bergen', 'Oslo'], more: false },
    ]);
    const empty = await profileColumns(streamOf(''), { format: 'csv', kind: 'purchases' });
    expect(empty).toMatchObject({ columns: [], dimensions: [], header: [] });
  });
});
