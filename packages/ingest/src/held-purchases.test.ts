import { blankPurchase, type PurchaseFileSink } from '@upsell/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteInterner, fnv1aBytes } from './byte-interner.ts';
import { HELD_ID, HeldPurchases, PURCHASES_HELD } from './held-purchases.ts';

const encoder = new TextEncoder();

/** A sink that notes what the held purchases reach it as: prefetched keys, then each push. */
function recordingSink() {
  const seen: string[] = [];
  const sink = {
    prefetch(keys: Int32Array, count: number) {
      seen.push(`prefetch ${Array.from(keys.subarray(0, count)).join(' ')}`);
      return 0;
    },
    pushPurchase(p: { customerId: string; customerKey?: number | undefined; line: number }) {
      seen.push(`push ${p.line} ${p.customerId} ${p.customerKey}`);
    },
  } as unknown as PurchaseFileSink;
  return { sink, seen };
}

describe('HeldPurchases', () => {
  it('interns held ids in order, as one by one would, and pushes the purchases in order after a prefetch', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom('C1', 'C2', 'C3', 'C10000000001'),
            fc.string({ minLength: 1, maxLength: 60 }).map((s) => `long-${s.replace(/[^ -~]/g, 'x')}`),
            fc.constant(''),
          ),
          { maxLength: 3 * PURCHASES_HELD },
        ),
        fc.integer({ min: 1, max: PURCHASES_HELD }),
        (ids, every) => {
          const interner = createByteInterner();
          const held = new HeldPurchases(interner);
          const { sink, seen } = recordingSink();
          // The same ids interned one by one give the expected keys ('' stands for an id read as text).
          const oneByOne = createByteInterner();
          const expected: string[] = [];
          let batch: number[] = [];
          const flushExpected = () => {
            if (batch.length > 0) expected.push(`prefetch ${batch.join(' ')}`);
            batch = [];
          };
          // Each purchase its own object here, as the reader's ring of PURCHASES_HELD gives.
          ids.forEach((id, i) => {
            const purchase = blankPurchase();
            purchase.line = i;
            if (id === '') {
              purchase.customerId = 'text id';
              held.hold(purchase);
              batch.push(-1);
              expected.push(`push ${i} text id undefined`);
            } else {
              purchase.customerId = HELD_ID;
              const bytes = encoder.encode(`,${id},`);
              const hash = fnv1aBytes(bytes, 1, bytes.length - 1);
              held.holdById(purchase, bytes, 1, bytes.length - 1, hash);
              const key = oneByOne.intern(bytes, 1, bytes.length - 1, hash);
              batch.push(key);
              expected.push(`push ${i} ${id} ${key}`);
            }
            const flush = held.full || i % every === every - 1;
            if (flush) {
              // The prefetch comes before the batch's pushes.
              const pushes = expected.splice(expected.length - batch.length);
              flushExpected();
              expected.push(...pushes);
              held.flush(sink);
            }
          });
          const pushes = expected.splice(expected.length - batch.length);
          flushExpected();
          expected.push(...pushes);
          held.flush(sink);
          expect(seen).toEqual(expected);
          expect(interner.size).toBe(oneByOne.size);
        },
      ),
    );
  });
});
