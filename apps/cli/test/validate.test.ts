import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

const BAD = 'examples/bad-rows.csv';

interface ValidateJson {
  file: string;
  fields: Record<string, string>;
  dimensions: string[];
  autoRule: string;
  input: { rows: number; accepted: number; rejected: number };
  issues: { line: number; column: number; reason: string; file: string; columnName?: string }[];
}

describe('validate', () => {
  it('exits 1 when the file has bad rows', () => {
    expect(runUpsell(['validate', BAD]).status).toBe(1);
  });

  it('lists every bad row with its line, column and reason', () => {
    const lines = runUpsell(['validate', BAD]).stdout.split('\n');
    expect(lines.filter((line) => line.startsWith(`${BAD}:`))).toEqual([
      `${BAD}:4:2 (customer_id): customer_id is empty`,
      `${BAD}:5:3 (purchased_at): purchased_at "2024-02-30T12:00:00Z" is not an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)`,
      `${BAD}:6:7 (quantity): quantity "-1" is negative`,
      `${BAD}:7:10: expected 9 fields as in the header, found 10`,
      `${BAD}:8:8 (amount): amount "forty-nine" is not a decimal number >= 0 with at most 4 decimals and a decimal point (e.g. 19.99 or 1,234.50)`,
      `${BAD}:9:9 (channel): expected 9 fields as in the header, found 8`,
      `${BAD}:10:2: characters follow the closing quote of a field; the whole field was kept as text`,
    ]);
  });

  it('ends with the accounting of rows read, accepted and rejected', () => {
    expect(runUpsell(['validate', BAD]).stdout).toContain(
      'Rows read 12 = accepted 5 + rejected 7: 7 bad rows\n',
    );
  });

  it('exits 0 on a clean file and says all rows are good', () => {
    const { status, stdout } = runUpsell(['validate', 'examples/worked-20-of-100.csv']);
    expect(status).toBe(0);
    expect(stdout).toContain('Rows read 160 = accepted 160 + rejected 0: all rows good');
  });

  it('shows which header column each field was read from', () => {
    const { stdout } = runUpsell(['validate', 'examples/shop.csv']);
    expect(stdout).toContain(
      'Columns: customer_id <- "Client ID", purchased_at <- "Order Date", product_id <- "SKU", amount <- "Total", quantity <- "Qty", tier <- "Tier", family <- "Product Line", order_id <- "Order"',
    );
    expect(stdout).toContain('Dimensions: Channel\n');
  });

  it('gives the mapping, the accounting and each issue as JSON with --format json', () => {
    const run = runUpsell(['validate', BAD, '--format', 'json']);
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as ValidateJson;
    expect(json).toMatchObject({
      file: BAD,
      dimensions: ['channel'],
      autoRule: 'tier',
      input: { rows: 12, accepted: 5, rejected: 7 },
    });
    expect(json.fields.customer_id).toBe('customer_id');
    expect(json.issues.map((issue) => [issue.line, issue.column, issue.columnName])).toEqual([
      [4, 2, 'customer_id'],
      [5, 3, 'purchased_at'],
      [6, 7, 'quantity'],
      [7, 10, undefined],
      [8, 8, 'amount'],
      [9, 9, 'channel'],
      [10, 2, undefined],
    ]);
  });

  it('gives an empty issue list as JSON for a clean file', () => {
    const json = runUpsellJson<ValidateJson>([
      'validate',
      'examples/worked-150-of-500.csv',
      '--format',
      'json',
    ]);
    expect(json.issues).toEqual([]);
    expect(json.input).toEqual({ rows: 790, accepted: 790, rejected: 0 });
  });

  it('exits 2 for a file that does not exist', () => {
    const { status, stderr } = runUpsell(['validate', 'examples/no-such-file.csv']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: examples/no-such-file.csv: no such file\n');
  });
});

describe('validate with side files', () => {
  it('checks a customers file and a catalog too, listing their bad rows, and exits 1 when any is bad', () => {
    const temp = makeTempDir();
    const customers = temp.path('customers.csv');
    writeFileSync(customers, 'customer_id,region\nann,emea\nann,na\n');
    const { status, stdout } = runUpsell([
      'validate',
      'examples/no-tiers.csv',
      '--customers',
      customers,
      '--catalog',
      'examples/catalog.csv',
    ]);
    expect(status).toBe(1);
    expect(stdout).toContain(`${customers}:3:1 (customer_id): customer ann already appears on line 2`);
    expect(stdout).toContain('Rule auto would use: tier');
    expect(stdout).toContain(`${customers}: 2 rows, 1 rejected`);
    expect(stdout).toContain('examples/catalog.csv: 4 rows, 0 rejected');
    temp.remove();
  });
});
