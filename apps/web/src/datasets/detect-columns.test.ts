import { describe, expect, it } from 'vitest';
import { detectColumns } from './detect-columns.ts';

describe('detectColumns', () => {
  it('finds fields by their names and aliases, leaving the other columns as dimensions', () => {
    expect(detectColumns(['customer', 'Order Date', 'SKU', 'Revenue', 'Channel'])).toEqual({
      fields: ['customer_id', 'purchased_at', 'product_id', 'amount', undefined],
      problems: [],
    });
  });

  it('still finds the rest when a required field has no column', () => {
    const detected = detectColumns(['Client', 'Date', 'SKU']);
    expect(detected.fields).toEqual([undefined, 'purchased_at', 'product_id']);
    expect(detected.problems).toEqual([
      { field: 'customer_id', reason: expect.stringMatching(/No column is named customer_id/) },
    ]);
  });

  it('names both columns when two could be the same field', () => {
    const detected = detectColumns(['customer', 'customer_id', 'date', 'sku']);
    expect(detected.fields).toEqual([undefined, undefined, 'purchased_at', 'product_id']);
    expect(detected.problems).toEqual([
      { field: 'customer_id', reason: '"customer_id" and "customer" could both be customer_id: choose one.' },
    ]);
  });

  it('reports every required field of an empty header', () => {
    expect(detectColumns([]).problems.map((p) => p.field)).toEqual([
      'customer_id',
      'purchased_at',
      'product_id',
    ]);
  });

  it('words every problem for the column selects, with no CLI flag', () => {
    const reasons = [
      ...detectColumns(['customer', 'client_id', 'sku']).problems,
      ...detectColumns([]).problems,
    ].map((p) => p.reason);
    expect(reasons.length).toBeGreaterThan(3);
    for (const reason of reasons) expect(reason).not.toMatch(/--[a-z]/);
  });
});
