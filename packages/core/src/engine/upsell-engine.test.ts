import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../definition.ts';
import { computeMetric } from '../run-metric.ts';
import { PAGE_SHIFT } from './records.ts';

describe('the engine past one page of records', () => {
  // Customer and family records live in pages of 2^14: 2.5 pages of customers and 5 of family
  // nodes, each customer's nodes on different pages from its record, must count like a few.
  const customers = (5 << PAGE_SHIFT) / 2;
  const header = ['order_id', 'customer_id', 'purchased_at', 'product_id', 'family', 'tier', 'amount'];
  const rows: string[][] = [];
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`;
    rows.push([`a${c}`, id, '2024-01-05T10:00:00Z', 'A1', 'a', '1', '10']);
    rows.push([`a${c}`, id, '2024-01-05T10:00:00Z', 'B1', 'b', '1', '10']);
  }
  // February: even customers buy family a one tier up (an upsell), odd ones family b at its tier.
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`;
    rows.push([
      `f${c}`,
      id,
      '2024-02-07T10:00:00Z',
      c % 2 === 0 ? 'A2' : 'B1',
      c % 2 === 0 ? 'a' : 'b',
      c % 2 === 0 ? '2' : '1',
      '20',
    ]);
  }

  it('counts every customer once, on whichever page its record and families are', () => {
    const definition = DefinitionSchema.parse({
      metric: 'customer-upsell-rate',
      rule: 'tier',
      period: 'month',
    });
    const result = computeMetric([{ header, rows }], { definition });
    const byPeriod = Object.fromEntries(result.rows.map((r) => [r.period, [r.numerator, r.denominator]]));
    expect(byPeriod['2024-02']).toEqual([customers / 2, customers]);
  });
});
