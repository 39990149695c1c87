import { describe, expect, it } from 'vitest';
import { prefixSubscriptionIds } from './prefix-subscription-ids.ts';

describe('prefixSubscriptionIds', () => {
  it('prefixes the second column of every row, not the header, and keeps a last line without newline', () => {
    const csv = 'customer_id,subscription_id,plan_id\nC1,S1,basic\nC2,S2,pro';
    expect(prefixSubscriptionIds(csv, 'A7-')).toBe(
      'customer_id,subscription_id,plan_id\nC1,A7-S1,basic\nC2,A7-S2,pro',
    );
    expect(prefixSubscriptionIds('customer_id,subscription_id,x\n', 'A-')).toBe(
      'customer_id,subscription_id,x\n',
    );
  });

  it('refuses a file whose first columns are not customer_id and subscription_id', () => {
    expect(() => prefixSubscriptionIds('order_id,customer_id\nO1,C1\n', 'A-')).toThrow(/first columns/);
  });
});
