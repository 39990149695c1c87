import { describe, expect, it } from 'vitest';
import { createOrderNumbers } from './order-numbers.ts';

describe('createOrderNumbers', () => {
  it('numbers orders as first met, one number per (customer, head, tail)', () => {
    const orders = createOrderNumbers();
    expect(orders.numberOf(7, 17, 1001)).toBe(0);
    expect(orders.numberOf(8, 17, 1001)).toBe(1); // another customer, the same id
    expect(orders.numberOf(7, 18, 1001)).toBe(2); // another head
    expect(orders.numberOf(7, 17, 1002)).toBe(3);
    expect(orders.numberOf(7, 17, 1001)).toBe(0);
    expect(orders.numberOf(8, 17, 1001)).toBe(1);
    expect(orders.count).toBe(4);
    expect([orders.customers.get(2), orders.heads.get(2), orders.tails.get(2)]).toEqual([7, 18, 1001]);
  });

  it('takes 0 and -0 as one time, and times past 2^32 apart by a millisecond', () => {
    const orders = createOrderNumbers();
    expect(orders.numberOf(1, 0, 0)).toBe(0);
    expect(orders.numberOf(1, 0, -0)).toBe(0);
    expect(orders.numberOf(1, 0, 1_704_067_200_000)).toBe(1);
    expect(orders.numberOf(1, 0, 1_704_067_200_001)).toBe(2);
    expect(orders.numberOf(1, 0, 1_704_067_200_000)).toBe(1);
  });

  it('finds every order again after the table grew many times', () => {
    const orders = createOrderNumbers();
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(orders.numberOf(i % 97, 1 + (i % 3), i * 1000)).toBe(i);
    for (let i = n - 1; i >= 0; i -= 7) expect(orders.numberOf(i % 97, 1 + (i % 3), i * 1000)).toBe(i);
    expect(orders.count).toBe(n);
  });
});
