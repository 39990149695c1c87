import { describe, expect, it } from 'vitest';
import { checkValues, formatReadAmount, mostRowsFail } from './check-values.ts';
import type { FilePreview } from './read-preview.ts';

const preview = (header: string[], rows: string[][]): FilePreview => ({
  format: 'csv',
  header,
  rows: rows.map((fields, index) => ({ line: index + 2, fields })),
  issues: [],
});

const HEADER = ['customer_id', 'purchased_at', 'product_id', 'amount'];

describe('checkValues', () => {
  it('reads a European export: day-first dates, decimal commas, euros', () => {
    const check = checkValues(
      preview(HEADER, [
        ['c1', '25.12.2024 14:05', 'basic', '1.234,50 EUR'],
        ['c2', '3.1.2025', 'pro', '12,5 EUR'],
      ]),
      { map: {}, chosen: {} },
    );
    expect(check.formats).toEqual({ date: 'dmy', number: 'comma', currency: 'EUR' });
    expect(check.rows).toEqual([
      { line: 2, purchasedAt: '25 Dec 2024, 14:05', amount: '€1,234.50', issues: [] },
      { line: 3, purchasedAt: '3 Jan 2025', amount: '€12.50', issues: [] },
    ]);
    expect([check.sampled, check.rejected]).toEqual([2, 0]);
  });

  it('says when the dates fit both day-first and month-first, and reads them once chosen', () => {
    const file = preview(HEADER, [
      ['c1', '03/07/2024', 'basic', '10'],
      ['c2', '04/08/2024', 'basic', '10'],
    ]);
    const ambiguous = checkValues(file, { map: {}, chosen: {} });
    expect(ambiguous.ambiguity).toEqual({
      field: 'purchased_at',
      column: 'purchased_at',
      choices: ['dmy', 'mdy'],
      examples: ['03/07/2024', '04/08/2024'],
    });
    expect(ambiguous.rows).toEqual([]);
    const us = checkValues(file, { map: {}, chosen: { date: 'mdy' } });
    expect(us.ambiguity).toBeUndefined();
    expect(us.rows.map((row) => row.purchasedAt)).toEqual(['7 Mar 2024', '8 Apr 2024']);
  });

  it('counts the rows the import would reject, by column, with an example reason', () => {
    const check = checkValues(
      preview(HEADER, [
        ['c1', '2024-01-05', 'basic', '10.00'],
        ['c2', '2024-13-01', 'basic', '10.00'],
        ['c3', 'soon', 'basic', '-5'],
        ['', '2024-02-01', 'basic', '1'],
      ]),
      { map: {}, chosen: {} },
    );
    expect([check.sampled, check.rejected]).toEqual([4, 3]);
    expect(check.rejections.map(({ column, rows }) => [column, rows])).toEqual([
      ['purchased_at', 2],
      ['amount', 1],
      ['customer_id', 1],
    ]);
    expect(check.rejections[0]?.example).toMatch(/^line 3: purchased_at "2024-13-01"/);
    expect(check.rows[1]).toMatchObject({ line: 3, amount: '10.00' });
    expect(check.rows[1]?.purchasedAt).toBeUndefined();
    expect(mostRowsFail(check)).toBe(true);
  });

  it('reads the columns chosen in the form', () => {
    const check = checkValues(preview(['Client', 'When', 'SKU'], [['A', '2024-01-05T10:00:00+01:00', 'x']]), {
      map: { customer_id: 'Client', purchased_at: 'When', product_id: 'SKU' },
      chosen: {},
    });
    expect(check.rows).toEqual([{ line: 2, purchasedAt: '5 Jan 2024, 09:00', issues: [] }]);
    expect(check.hasAmounts).toBe(false);
  });

  describe('edge cases', () => {
    it('gives nothing to count for an empty file or a header alone', () => {
      expect(checkValues(preview([], []), { map: {}, chosen: {} }).sampled).toBe(0);
      const headerOnly = checkValues(preview(HEADER, []), { map: {}, chosen: {} });
      expect([headerOnly.sampled, mostRowsFail(headerOnly)]).toEqual([0, false]);
    });

    it('leaves a mapping the server would refuse to the mapping check', () => {
      const check = checkValues(preview(['a', 'b'], [['1', '2']]), { map: {}, chosen: {} });
      expect(check).toMatchObject({ sampled: 0, rows: [] });
    });

    it('asks only when more than half the rows fail', () => {
      const base = { rows: [], rejections: [], hasAmounts: false };
      expect(mostRowsFail({ ...base, sampled: 4, rejected: 2 })).toBe(false);
      expect(mostRowsFail({ ...base, sampled: 5, rejected: 3 })).toBe(true);
    });
  });
});

describe('formatReadAmount', () => {
  it('shows the currency by its symbol, plain decimals without one', () => {
    expect(formatReadAmount(12_345_000, 'EUR')).toBe('€1,234.50');
    expect(formatReadAmount(125_000, 'USD')).toBe('$12.50');
    expect(formatReadAmount(1_234_567, undefined)).toBe('123.4567');
  });
});
