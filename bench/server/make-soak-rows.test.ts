import { describe, expect, it } from 'vitest';
import { makeSoakRows } from './make-soak-rows.ts';

const header = 'order_id,customer_id,purchased_at,product_id,tier';
const lines = ['SO1,C1,2024-01-01T10:00:00Z,A,1', 'SO2,C2,2024-01-02T10:00:00Z,B,2'];

describe('makeSoakRows', () => {
  it('copies lines with new order ids and times one second apart after the given time', () => {
    const csv = makeSoakRows({
      header,
      lines,
      rows: 2,
      round: 7,
      after: '2024-12-31T23:59:59Z',
      random: () => 0.6,
    });
    expect(csv).toBe(`${header}\nSOAK7-1,C2,2025-01-01T00:00:00Z,B,2\nSOAK7-2,C2,2025-01-01T00:00:01Z,B,2\n`);
  });

  it('refuses a header without a purchase time and an empty list of lines', () => {
    const base = { lines, rows: 1, round: 1, after: '2024-01-01T00:00:00Z', random: () => 0 };
    expect(() => makeSoakRows({ ...base, header: 'order_id,customer_id' })).toThrow(/purchased_at/);
    expect(() => makeSoakRows({ ...base, header, lines: [] })).toThrow(/needs lines/);
  });
});
