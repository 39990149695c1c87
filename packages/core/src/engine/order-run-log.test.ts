import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrderRunLog, sortRunKeys } from './order-run-log.ts';

describe('createOrderRunLog', () => {
  it('finds a customer whose order id comes back after another order', () => {
    const log = createOrderRunLog();
    log.add(3, 'o1');
    log.add(4, 'o1');
    log.add(3, 'o2');
    expect(log.firstRepeat()).toBe(-1);
    log.add(3, 'o1');
    expect(log.firstRepeat()).toBe(3);
  });

  it('keeps customers apart beyond the first block of 2^16, and beyond 2^21', () => {
    const log = createOrderRunLog();
    log.add(5, 'a');
    log.add(5 + 2 ** 16, 'a');
    log.add(5 + 2 ** 21, 'a');
    log.add(2 ** 22 + 7, 'b');
    expect(log.firstRepeat()).toBe(-1);
    log.add(2 ** 22 + 7, 'b');
    expect(log.firstRepeat()).toBe(2 ** 22 + 7);
  });

  it('checks again after more runs, finding a repeat across the two checks', () => {
    const log = createOrderRunLog();
    for (const [customer, order] of [
      [1, 'b'],
      [1, 'a'],
      [2, 'a'],
    ] as const)
      log.add(customer, order);
    expect(log.firstRepeat()).toBe(-1);
    log.add(3, 'z');
    log.add(0, 'a');
    expect(log.firstRepeat()).toBe(-1);
    log.add(2, 'c');
    expect(log.firstRepeat()).toBe(-1);
    log.add(1, 'a');
    expect(log.firstRepeat()).toBe(1);
  });

  it('agrees with one check at the end, however the checks are spread', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.constantFrom('a', 'b', 'c', 'd')), { maxLength: 30 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        (runs, checks) => {
          const once = createOrderRunLog();
          const often = createOrderRunLog();
          let found = -1;
          runs.forEach(([customer, order], index) => {
            once.add(customer, order);
            often.add(customer, order);
            if (checks[index] && found < 0) found = often.firstRepeat();
          });
          if (found < 0) found = often.firstRepeat();
          const expected = once.firstRepeat();
          expect(found >= 0).toBe(expected >= 0);
        },
      ),
    );
  });

  it('finds a repeat exactly when one was added, over many checks of sorted runs kept apart', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.nat(30), fc.boolean()), { maxLength: 400 }), (adds) => {
        const log = createOrderRunLog();
        const seen = new Map<string, number>();
        let repeated: number[] = [];
        for (const [customer, order, check] of adds) {
          log.add(customer, `o${order}`);
          const key = `${customer}/${order}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          if (seen.get(key) === 2) repeated.push(customer);
          if (!check) continue;
          const found = log.firstRepeat();
          if (repeated.length === 0) expect(found).toBe(-1);
          else {
            // The first check after a repeat names a customer with one; later checks start afresh.
            expect(repeated).toContain(found);
            repeated = [];
          }
        }
      }),
    );
  });

  it('keeps a few sorted runs however many checks there were', () => {
    const log = createOrderRunLog();
    let order = 0;
    for (let check = 0; check < 1000; check++) {
      for (let k = 0; k < 50; k++) log.add((check * 7919 + k * 104_729) % 60_000, `o${order++}`);
      expect(log.firstRepeat()).toBe(-1);
    }
    const [runs] = log.runsPerBlock();
    expect(runs).toBeGreaterThan(1);
    expect(runs).toBeLessThanOrEqual(Math.ceil(Math.log2(1000)) + 1);
    log.add(104_729 % 60_000, 'o1');
    expect(log.firstRepeat()).toBe(104_729 % 60_000);
  });

  it('finds nothing in an empty log', () => {
    expect(createOrderRunLog().firstRepeat()).toBe(-1);
  });
});

describe('sortRunKeys', () => {
  it("sorts a block's keys as the typed array's sort does, few runs or many, buckets small or large (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 1, max: 2 ** 16 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, customers, seed) => {
          let state = seed;
          const next = () => {
            state = (Math.imul(state, 1103515245) + 12345) >>> 0;
            return state;
          };
          const keys = new Float64Array(n);
          // Fingerprints from the whole 32-bit range, repeats included; customers 0..customers-1.
          for (let k = 0; k < n; k++)
            keys[k] = (next() % customers) * 2 ** 32 + (next() % 3 === 0 ? 7 : next());
          const expected = keys.slice().sort();
          sortRunKeys(keys);
          expect(Array.from(keys)).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 60 },
    );
  });
});
