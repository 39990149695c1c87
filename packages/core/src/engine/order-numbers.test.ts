import { describe, expect, it } from 'vitest';
import { createOrderNumbers } from './order-numbers.ts';

describe('createOrderNumbers', () => {
  it('keeps its count as a plain value, no getter, so that each replay pass gets an object of one shape', () => {
    const orders = createOrderNumbers();
    orders.numberOf(7, 17, 1001);
    orders.numberOf(7, 17, 1001);
    expect(Object.getOwnPropertyDescriptor(orders, 'count')).toMatchObject({ value: 1 });
  });

  it('numbers orders as first met, one number per (customer, head, tail)', () => {
    const orders = createOrderNumbers();
    expect(orders.numberOf(7, 17, 1001)).toBe(0);
    expect(orders.numberOf(8, 17, 1001)).toBe(1); // another customer, the same id
    expect(orders.numberOf(7, 18, 1001)).toBe(2); // another head
    expect(orders.numberOf(7, 17, 1002)).toBe(3);
    expect(orders.numberOf(7, 17, 1001)).toBe(0);
    expect(orders.numberOf(8, 17, 1001)).toBe(1);
    expect(orders.count).toBe(4);
    const keys = { customer: new Float64Array(2), head: new Float64Array(2), tail: new Float64Array(2) };
    orders.gather(Int32Array.of(2, 1), Int32Array.of(0, 1), 2, keys);
    expect([...keys.customer, ...keys.head, ...keys.tail]).toEqual([7, 8, 18, 17, 1001, 1001]);
  });

  it('takes 0 and -0 as one time, and times past 2^32 apart by a millisecond', () => {
    const orders = createOrderNumbers();
    expect(orders.numberOf(1, 0, 0)).toBe(0);
    expect(orders.numberOf(1, 0, -0)).toBe(0);
    expect(orders.numberOf(1, 0, 1_704_067_200_000)).toBe(1);
    expect(orders.numberOf(1, 0, 1_704_067_200_001)).toBe(2);
    expect(orders.numberOf(1, 0, 1_704_067_200_000)).toBe(1);
  });

  it('keeps keys of negative customers, fractional and huge tails, across pages of keys', () => {
    const orders = createOrderNumbers();
    const n = 10_000;
    const key = (i: number) => [-1 - i, i % 5, i % 2 === 0 ? i + 0.5 : 2 ** 60 + i * 2 ** 10] as const;
    for (let i = 0; i < n; i++) expect(orders.numberOf(...key(i))).toBe(i);
    const picked = Int32Array.of(0, 4095, 4096, n - 1);
    const into = { customer: new Float64Array(4), head: new Float64Array(4), tail: new Float64Array(4) };
    orders.gather(picked, Int32Array.of(3, 2, 1, 0), 4, into);
    expect([0, 1, 2, 3].map((s) => [into.customer[s], into.head[s], into.tail[s]])).toEqual(
      [n - 1, 4096, 4095, 0].map((i) => [...key(i)]),
    );
  });

  it('numbers a key by its hash as by the key, whether its place was touched first or not', () => {
    const orders = createOrderNumbers();
    const keys = Array.from({ length: 3000 }, (_, i) => [i % 41, i % 3, i * 7] as const);
    let touched = 0;
    keys.forEach((key, i) => {
      const hash = orders.hashOf(...key);
      if (i % 2 === 0) touched ^= orders.touch(hash) ^ orders.touchKey(hash);
      expect(orders.numberOfHashed(...key, hash)).toBe(i);
    });
    expect(Number.isInteger(touched)).toBe(true);
    keys.forEach((key, i) => {
      // A known key's first place holds it (or a key met before it): its customer is read.
      const hash = orders.hashOf(...key);
      const read = orders.touchKey(hash);
      expect(read === 0 || keys.some((k) => k[0] === read)).toBe(true);
      expect(orders.numberOf(...key)).toBe(i);
    });
    expect(orders.touchKey(orders.hashOf(40, 2, -1))).toBe(0);
  });

  it('refuses a customer or head that is not a whole number of 32 bits', () => {
    const orders = createOrderNumbers();
    expect(() => orders.numberOf(2 ** 31, 0, 1)).toThrow(/32 bits/);
    expect(() => orders.numberOf(1, 0.5, 1)).toThrow(/32 bits/);
  });

  it('finds every order again after the table grew many times', () => {
    const orders = createOrderNumbers();
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(orders.numberOf(i % 97, 1 + (i % 3), i * 1000)).toBe(i);
    for (let i = n - 1; i >= 0; i -= 7) expect(orders.numberOf(i % 97, 1 + (i % 3), i * 1000)).toBe(i);
    expect(orders.count).toBe(n);
  });
});
