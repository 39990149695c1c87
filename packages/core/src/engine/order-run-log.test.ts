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

  it('keeps customers apart beyond the first block of 2^21', () => {
    const log = createOrderRunLog();
    log.add(5, 'a');
    log.add(5 + 2 ** 21, 'a');
    log.add(2 ** 22 + 7, 'b');
    expect(log.firstRepeat()).toBe(-1);
    log.add(2 ** 22 + 7, 'b');
    expect(log.firstRepeat()).toBe(2 ** 22 + 7);
  });

  it('finds nothing in an empty log', () => {
    expect(createOrderRunLog().firstRepeat()).toBe(-1);
  });
});
