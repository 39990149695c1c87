import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, UPSELL_BIN } from './run-upsell.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

const sampleFile = (name: string, ...args: string[]) => {
  const out = temp.path(name);
  const run = runUpsell(['sample', '--rows', '1000', '--out', out, ...args]);
  expect(run.status).toBe(0);
  return readFileSync(out, 'utf8');
};

describe('sample', () => {
  it('writes the same file twice for the same seed', () => {
    const first = sampleFile('seed5-a.csv', '--seed', '5');
    const second = sampleFile('seed5-b.csv', '--seed', '5');
    expect(first.length).toBeGreaterThan(0);
    expect(second).toBe(first);
  });

  it('writes the asked number of rows under a header', () => {
    const lines = sampleFile('rows.csv', '--seed', '5').trimEnd().split('\n');
    expect(lines[0]).toBe('order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel');
    expect(lines).toHaveLength(1001);
  });

  it('writes different files for different seeds', () => {
    expect(sampleFile('seed6.csv', '--seed', '6')).not.toBe(sampleFile('seed7.csv', '--seed', '7'));
  });

  it('says on stderr how many rows it wrote to the file', () => {
    const out = temp.path('told.csv');
    const { stderr, stdout } = runUpsell(['sample', '--rows', '1000', '--seed', '5', '--out', out]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(`^wrote 1,000 rows to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in `),
    );
  });

  it('writes the same data to stdout without --out', () => {
    const { status, stdout, stderr } = runUpsell(['sample', '--rows', '1000', '--seed', '5']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(sampleFile('stdout-twin.csv', '--seed', '5'));
  });

  it('writes customer attributes with --customers-out, one line per customer id of the sample', () => {
    const customersOut = temp.path('customers.csv');
    const purchases = sampleFile('with-customers.csv', '--seed', '5', '--customers-out', customersOut);
    const customers = readFileSync(customersOut, 'utf8').trimEnd().split('\n');
    expect(customers[0]).toBe('customer_id,region,industry,size');
    const ids = new Set(
      purchases
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    expect(new Set(customers.slice(1).map((line) => line.split(',')[0]))).toEqual(ids);
  });

  it('gives a file that validate reads without a bad row', () => {
    const out = temp.path('valid.csv');
    runUpsell(['sample', '--rows', '1000', '--seed', '5', '--out', out]);
    expect(runUpsell(['validate', out]).status).toBe(0);
  });

  it('exits 2 for a --rows that is not a whole number', () => {
    const { status, stderr } = runUpsell(['sample', '--rows', 'many']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: --rows "many": give a whole number >= 0\n');
  });

  it('stops quietly when stdout is closed early, as in `upsell sample | head -n 1`', () => {
    const command = `"${process.execPath}" "${UPSELL_BIN}" sample --rows 100000 --seed 5 | head -n 1`;
    const { stdout, stderr } = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(stdout).toBe('order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel\n');
    expect(stderr).toBe('');
  });
});
