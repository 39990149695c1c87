import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTemporaryDirectory } from '@upsell/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeader } from './read-header.ts';

const dir = await createTemporaryDirectory('upsell-read-header-');
afterAll(() => dir.remove());
const fileOf = (name: string, text: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
};

describe('readHeader', () => {
  it('returns a CSV file’s first row, trimmed, from a file larger than one read', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `o${i},c${i % 97},2024-01-01,p,9.5`);
    const path = fileOf(
      'big.csv',
      `\uFEFF order_id ,customer_id,purchased_at,product_id,amount\n${rows.join('\n')}\n`,
    );
    expect(await readHeader(path, 'csv')).toEqual([
      'order_id',
      'customer_id',
      'purchased_at',
      'product_id',
      'amount',
    ]);
  });

  it('reads a header row longer than the slices it is read in', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `column_number_${i}`);
    const path = fileOf('wide.csv', `${names.join(';')}\n${names.map(() => '1').join(';')}\n`);
    expect(await readHeader(path, 'csv')).toEqual(names);
  });

  it('reads a quoted header field with a line break across slices', async () => {
    const long = 'x'.repeat(20_000);
    const path = fileOf('quoted.csv', `"a\n${long}",b\n1,2\n`);
    expect(await readHeader(path, 'csv')).toEqual([`a\n${long}`, 'b']);
  });

  it('returns an NDJSON file’s first object’s keys in order', async () => {
    const path = fileOf('rows.ndjson', '{"customer_id":"c1","amount":3,"order_id":"o1"}\n{"x":1}\n');
    expect(await readHeader(path, 'ndjson')).toEqual(['customer_id', 'amount', 'order_id']);
  });

  it('returns no columns for an empty file', async () => {
    expect(await readHeader(fileOf('empty.csv', ''), 'csv')).toEqual([]);
    expect(await readHeader(fileOf('empty.ndjson', ''), 'ndjson')).toEqual([]);
  });
});
