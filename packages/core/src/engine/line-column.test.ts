import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineColumn, LINE_PAGE_SHIFT } from './line-column.ts';

const PAGE = 2 ** LINE_PAGE_SHIFT;

describe('createLineColumn', () => {
  it('gives back every value as it went in: NaN, -0, fractions, negatives, past 2^32', () => {
    const values = [3, Number.NaN, 0, -0, 2.5, -7, 255, 256, 65_535, 65_536, 2 ** 32 - 2, 2 ** 32, 1e300];
    const column = createLineColumn();
    for (const value of values) column.push(value);
    expect(column.length).toBe(values.length);
    values.forEach((value, i) => {
      expect(Object.is(column.get(i), value)).toBe(true);
    });
  });

  it('keeps the values before a widening, on a page and the pages after it', () => {
    const column = createLineColumn();
    // Page 0: bytes, then one value of two bytes, then a fraction: the page becomes doubles.
    for (let i = 0; i < 100; i++) column.push(i % 7);
    column.push(1000);
    column.push(Number.NaN);
    column.push(0.5);
    // Page 1 starts narrow again.
    while (column.length < PAGE + 10) column.push(column.length % 3);
    expect([column.get(6), column.get(7), column.get(100), column.get(102)]).toEqual([6, 0, 1000, 0.5]);
    expect(column.get(101)).toBeNaN();
    expect(column.get(PAGE + 9)).toBe((PAGE + 9) % 3);
  });

  it('keeps positions from a base per page, and a value below the base as a double', () => {
    const column = createLineColumn({ based: true });
    const base = 3 * 2 ** 40;
    column.push(base + 100);
    column.push(base + 175);
    column.push(base + 2 ** 32); // past four bytes from the base
    column.push(base + 50); // below it
    expect([column.get(0), column.get(1), column.get(2), column.get(3)]).toEqual([
      base + 100,
      base + 175,
      base + 2 ** 32,
      base + 50,
    ]);
    // A fraction just above a whole base: value - base rounds to 1, but is not.
    const near = createLineColumn({ based: true });
    near.push(-1);
    near.push(-5e-324);
    expect([near.get(0), near.get(1)]).toEqual([-1, -5e-324]);
  });

  it('gathers the values of lines in any order, across pages', () => {
    const column = createLineColumn({ based: true });
    for (let i = 0; i < 3 * PAGE; i++) column.push(i % 5 === 0 ? Number.NaN : 1e6 + i * 75);
    const lines = Int32Array.of(0, PAGE + 1, 7, 3 * PAGE - 1, 2 * PAGE);
    const into = new Float64Array(5).fill(-1);
    // Four lines, each into its slot; slot 3 is left as it was.
    column.gather(lines, Int32Array.of(2, 0, 1, 4), 4, into);
    expect(Number.isNaN(into[2])).toBe(true);
    expect([into[0], into[1], into[3], into[4]]).toEqual([
      1e6 + (PAGE + 1) * 75,
      1e6 + 7 * 75,
      -1,
      1e6 + (3 * PAGE - 1) * 75,
    ]);
  });

  it('reads a range of lines across pages', () => {
    const column = createLineColumn({ based: true });
    for (let i = 0; i < 2 * PAGE + 5; i++)
      column.push(i === PAGE + 2 ? 0.5 : i % 7 === 0 ? Number.NaN : 1e6 + i);
    const into = new Float64Array(PAGE + 10);
    column.read(PAGE - 3, 2 * PAGE + 5, into);
    const expected = Array.from({ length: PAGE + 8 }, (_, k) => {
      const i = PAGE - 3 + k;
      return i === PAGE + 2 ? 0.5 : i % 7 === 0 ? Number.NaN : 1e6 + i;
    });
    expect([...into.subarray(0, PAGE + 8)]).toEqual(expected);
    expect(into[PAGE + 8]).toBe(0);
  });

  it('gives back whole numbers past 2^53 in a based page, where base + 1 - 1 is not the base', () => {
    // fast-check's counterexample: 9068152348192798 + 1 rounds to ...800 in doubles.
    const values = [9068152348192798, 9068152348192800, 2 ** 60, -(2 ** 55)];
    for (const value of values) {
      const column = createLineColumn({ based: true });
      column.push(value);
      column.push(value);
      expect([column.get(0), column.get(1)]).toEqual([value, value]);
      const read = new Float64Array(2);
      column.read(0, 2, read);
      expect([...read]).toEqual([value, value]);
      const gathered = new Float64Array(2);
      column.gather(Int32Array.of(1, 0), Int32Array.of(0, 1), 2, gathered);
      expect([...gathered]).toEqual([value, value]);
    }
  });

  it('gives back any numbers, based or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.integer({ min: 0, max: 300 }), fc.integer(), fc.constant(-0)), {
          maxLength: 200,
        }),
        fc.boolean(),
        (values, based) => {
          const column = createLineColumn({ based });
          for (const value of values) column.push(value);
          expect(values.map((_, i) => column.get(i))).toEqual(values);
          const read = new Float64Array(values.length);
          column.read(0, values.length, read);
          expect([...read]).toEqual(values);
        },
      ),
      { numRuns: 500 },
    );
  });
});
