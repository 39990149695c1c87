import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Purchase } from '../input/purchase.ts';
import { createCustomerIndex } from './customer-index.ts';

const line = (customerId: string, customerKey?: number) => ({ customerId, customerKey }) as Purchase;

// What the engine does with the index: find the line's customer, else number it next.
const numberAll = (lines: Purchase[]) => {
  const index = createCustomerIndex();
  let customers = 0;
  return {
    index,
    numbers: lines.map((p) => {
      const found = index.find(p);
      if (found >= 0) return found;
      index.add(p, customers);
      return customers++;
    }),
  };
};

// The same by a map, keyed by the key when there is one, else by the id.
const numberByMap = (lines: Purchase[]) => {
  const seen = new Map<string, number>();
  return lines.map((p) => {
    const name = p.customerKey === undefined ? `id ${p.customerId}` : `key ${p.customerKey}`;
    let c = seen.get(name);
    if (c === undefined) seen.set(name, (c = seen.size));
    return c;
  });
};

describe('createCustomerIndex', () => {
  it('numbers keys that come in turn from any first key, and finds them by key', () => {
    const { index, numbers } = numberAll([
      line('a', 40),
      line('b', 41),
      line('a', 40),
      line('c', 42),
      line('b', 41),
    ]);
    expect(numbers).toEqual([0, 1, 0, 2, 1]);
    expect([39, 40, 41, 42, 43].map((k) => index.byKey(k))).toEqual([-1, 0, 1, 2, -1]);
  });

  it('keeps every number when a key comes out of turn, and after', () => {
    const { index, numbers } = numberAll([
      line('a', 5),
      line('b', 6),
      line('x', 9),
      line('c', 7),
      line('a', 5),
    ]);
    expect(numbers).toEqual([0, 1, 2, 3, 0]);
    expect([4, 5, 6, 7, 8, 9, 10].map((k) => index.byKey(k))).toEqual([-1, 0, 1, 3, -1, 2, -1]);
  });

  it('keeps every number when a customer without a key comes between keyed ones', () => {
    const { index, numbers } = numberAll([line('a', 0), line('t'), line('b', 1), line('t'), line('a', 0)]);
    expect(numbers).toEqual([0, 1, 2, 1, 0]);
    expect([0, 1, 2].map((k) => index.byKey(k))).toEqual([0, 2, -1]);
  });

  it('numbers customers as a map would, whatever the keys and their order', () => {
    const lineArb = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }).map((k) => line(`k${k}`, k)) },
      { weight: 1, arbitrary: fc.constantFrom('p', 'q', 'r').map((id) => line(id)) },
    );
    // Mostly keys in turn, as a reader gives them, with lines out of turn mixed in.
    const inTurn = fc.integer({ min: 0, max: 30 }).chain((first) =>
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 60 }).map((steps) => {
        let next = first;
        return steps.map((step) =>
          line(`k${step === 0 ? next++ : first + step}`, step === 0 ? next - 1 : first + step),
        );
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          inTurn,
          fc.array(lineArb, { maxLength: 60 }),
          fc.tuple(inTurn, fc.array(lineArb)).map(([a, b]) => [...a, ...b]),
        ),
        (lines) => {
          const { index, numbers } = numberAll(lines);
          expect(numbers).toEqual(numberByMap(lines));
          for (let k = -2; k < 80; k++) {
            const at = lines.findIndex((p) => p.customerKey === k);
            expect(index.byKey(k)).toBe(at < 0 ? -1 : numbers[at]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
