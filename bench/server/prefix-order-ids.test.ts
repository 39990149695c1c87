import { describe, expect, it } from 'vitest';
import { prefixOrderIds } from './prefix-order-ids.ts';

describe('prefixOrderIds', () => {
  it('prefixes the order id of every row and leaves the header alone', () => {
    const csv = 'order_id,customer_id,amount\nSO1,C1,2.00\nSO2,C2,3.00\n';
    expect(prefixOrderIds(csv, 'A7-')).toBe('order_id,customer_id,amount\nA7-SO1,C1,2.00\nA7-SO2,C2,3.00\n');
  });

  it('prefixes a last row without a final newline', () => {
    expect(prefixOrderIds('order_id,x\nSO1,a', 'P-')).toBe('order_id,x\nP-SO1,a');
  });

  describe('edge cases', () => {
    it('returns a header-only file unchanged', () => {
      expect(prefixOrderIds('order_id,x\n', 'P-')).toBe('order_id,x\n');
    });

    it('throws when the first column is not order_id', () => {
      expect(() => prefixOrderIds('customer_id,order_id\nC1,SO1\n', 'P-')).toThrow(/not order_id/);
    });
  });
});
