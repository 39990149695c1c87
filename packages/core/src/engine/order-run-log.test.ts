import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrderRunLog } from './order-run-log.ts';

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

  it('finds nothing in an empty log', () => {
    expect(createOrderRunLog().firstRepeat()).toBe(-1);
  });
});
