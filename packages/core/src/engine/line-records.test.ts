import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLineRecords,
  createRecordColumns,
  type LineRecord,
  RECORD_PAGE_SHIFT,
  type RecordColumns,
} from './line-records.ts';

const PAGE = 1 << RECORD_PAGE_SHIFT;

const slotOf = (into: RecordColumns, s: number): LineRecord => ({
  time: into.time[s]!,
  amount: into.amount[s]!,
  position: into.position[s]!,
  quantity: into.quantity[s]!,
  line: into.line[s]!,
  order: into.order[s]!,
  shape: into.shape[s]!,
});

const lineAt = (i: number): LineRecord => ({
  time: Date.UTC(2024, 0, 1) + i * 1000,
  amount: i % 7 === 0 ? Number.NaN : i * 0.25,
  position: 2 ** 40 + i * 75,
  quantity: i % 5 === 0 ? -0 : 1 + (i % 3),
  line: i + 2,
  order: i >> 1,
  shape: i % 11,
});

describe('createLineRecords', () => {
  it('keeps its length as a plain value, no getter, so that each replay pass gets an object of one shape', () => {
    const records = createLineRecords();
    records.push(lineAt(0));
    records.push(lineAt(1));
    expect(Object.getOwnPropertyDescriptor(records, 'length')).toMatchObject({ value: 2 });
  });

  it('gives back every field of lines across pages, into the slots asked for', () => {
    const records = createLineRecords();
    const n = 2 * PAGE + 17;
    for (let i = 0; i < n; i++) records.push(lineAt(i));
    expect(records.length).toBe(n);
    const lines = Int32Array.of(n - 1, 0, PAGE, PAGE - 1, 2 * PAGE + 3);
    const into = createRecordColumns(5);
    records.gather(lines, Int32Array.of(4, 0, 2, 1, 3), lines.length, into);
    expect([0, 1, 2, 3, 4].map((s) => slotOf(into, s))).toEqual(
      [0, PAGE - 1, PAGE, 2 * PAGE + 3, n - 1].map(lineAt),
    );
  });

  it('reads the times, positions and orders of lines one at a time and by range', () => {
    const records = createLineRecords();
    const n = PAGE + 40;
    for (let i = 0; i < n; i++) records.push(lineAt(i));
    const range = new Float64Array(60);
    for (const [field, of] of [
      [records.times, (i: number) => lineAt(i).time],
      [records.positions, (i: number) => lineAt(i).position],
      [records.orders, (i: number) => lineAt(i).order],
    ] as const) {
      expect(field.get(PAGE + 1)).toBe(of(PAGE + 1));
      field.read(PAGE - 20, PAGE + 40, range);
      expect([...range]).toEqual(Array.from({ length: 60 }, (_, k) => of(PAGE - 20 + k)));
    }
  });

  it('keeps any numbers as they went in, and order and shape numbers up to 2^31 - 1', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            time: fc.double(),
            amount: fc.double(),
            position: fc.double(),
            quantity: fc.double(),
            line: fc.double(),
            order: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
            shape: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          }),
          { maxLength: 50 },
        ),
        (lines) => {
          const records = createLineRecords();
          for (const line of lines) records.push(line);
          const into = createRecordColumns(lines.length);
          const order = Int32Array.from(lines.keys());
          records.gather(order, order, lines.length, into);
          // toEqual tells NaN from numbers and -0 from 0.
          expect(lines.map((_, s) => slotOf(into, s))).toEqual(lines);
        },
      ),
    );
  });
});
