import { describe, expect, it } from 'vitest';
import { orderIdWords } from './order-id-words.ts';
import { blankPurchase } from './refilled-purchase.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('RefilledPurchase', () => {
  it('reads an order id set from bytes back as its string, made once', () => {
    const purchase = blankPurchase(['web'], 1);
    const bytes = bytesOf('xxSO10000001yy');
    purchase.setOrderIdBytes(bytes, 2, 12);
    const id = purchase.orderId;
    expect(id).toBe('SO10000001');
    expect(purchase.orderId).toBe(id);
    // Refilled with another id, it reads the new one.
    purchase.setOrderIdBytes(bytes, 2, 4);
    expect(purchase.orderId).toBe('SO');
  });

  it('gives the engine the words of whichever id it holds, from bytes or a string', () => {
    const purchase = blankPurchase();
    const words = new Int32Array(4);
    const expected = new Int32Array(4);
    for (const id of ['SO10000001', 'a much longer order id', 'ordér', undefined]) {
      purchase.orderId = id;
      expect(purchase.orderIdWords(words) | 0).toBe(orderIdWords(id, expected) | 0);
      expect(words).toEqual(expected);
    }
    purchase.setOrderIdBytes(bytesOf('SO10000001'), 0, 10);
    expect(purchase.orderIdWords(words) | 0).toBe(orderIdWords('SO10000001', expected) | 0);
    expect(words).toEqual(expected);
    // A string set after the bytes replaces them.
    purchase.orderId = undefined;
    expect(purchase.orderId).toBeUndefined();
    purchase.orderIdWords(words);
    expect([...words]).toEqual([0, 0, 0, 0]);
  });

  it('looks its customer id up by its key only when read, once, and shows it like any field', () => {
    const purchase = blankPurchase();
    const looked: number[] = [];
    const idOfKey = (key: number) => {
      looked.push(key);
      return `C${key}`;
    };
    purchase.setCustomerKey(7, idOfKey);
    expect(purchase.customerKey).toBe(7);
    expect(looked).toEqual([]);
    expect(purchase.customerId).toBe('C7');
    expect(purchase.customerId).toBe('C7');
    expect({ ...purchase }.customerId).toBe('C7');
    expect(looked).toEqual([7]);
    // Refilled with another key, it reads that key's id; an id set as a string replaces it.
    purchase.setCustomerKey(8, idOfKey);
    expect({ ...purchase }).toMatchObject({ customerId: 'C8', customerKey: 8 });
    purchase.customerId = 'given';
    expect(purchase.customerId).toBe('given');
    expect(looked).toEqual([7, 8]);
    expect(Object.keys(purchase)).toContain('customerId');
  });

  it('shows its order id to spreading, keys and comparison like any field', () => {
    const purchase = blankPurchase(['web'], 2);
    purchase.customerId = 'C1';
    purchase.setOrderIdBytes(bytesOf('O7'), 0, 2);
    expect({ ...purchase }.orderId).toBe('O7');
    expect(Object.keys(purchase)).toContain('orderId');
    expect(purchase).toEqual({
      customerId: 'C1',
      purchasedAt: 0,
      productId: '',
      family: '',
      tier: Number.NaN,
      amount: Number.NaN,
      quantity: 1,
      segment: ['web'],
      position: 0,
      file: 2,
      line: 0,
      orderId: 'O7',
      kind: undefined,
      customerKey: undefined,
    });
  });
});
