import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineRecords } from './line-records.ts';
import { replayOrder } from './replay-order.ts';

/** Lines as [order, time, position], orders numbered as first met. */
type Line = readonly [order: number, time: number, position: number];

const orderOf = (lines: readonly Line[]) => {
  const records = createLineRecords();
  for (const [order, time, position] of lines)
    records.push({ time, amount: 0, position, quantity: 1, line: 0, order, shape: 0 });
  return replayOrder({
    lines: lines.length,
    orders: new Set(lines.map((l) => l[0])).size,
    lineOrders: records.orders,
    times: records.times,
    positions: records.positions,
    positionsRise: lines.every((l, i) => i === 0 || l[2] > lines[i - 1]![2]),
  });
};

/** The order the replay promises, by comparing every pair of lines: order time, order's first position, time, position, input order. */
const byComparison = (lines: readonly Line[]): number[] => {
  const orderTime = new Map<number, number>();
  const orderPosition = new Map<number, number>();
  for (const [order, time, position] of lines) {
    orderTime.set(order, Math.min(orderTime.get(order) ?? Number.POSITIVE_INFINITY, time));
    orderPosition.set(order, Math.min(orderPosition.get(order) ?? Number.POSITIVE_INFINITY, position));
  }
  return lines
    .map((_, i) => i)
    .sort((a, b) => {
      const [oa, ta, pa] = lines[a]!;
      const [ob, tb, pb] = lines[b]!;
      return (
        orderTime.get(oa)! - orderTime.get(ob)! ||
        orderPosition.get(oa)! - orderPosition.get(ob)! ||
        ta - tb ||
        pa - pb ||
        a - b
      );
    });
};

describe('replayOrder', () => {
  it('puts orders by their earliest line, orders at one time by their first position', () => {
    // Order 0's lines are at 10 and 3: it starts at 3, with order 2, which it precedes by its
    // first position (0 before 3); order 1 starts at 5.
    const lines: Line[] = [
      [0, 10, 0],
      [1, 5, 1],
      [0, 3, 2],
      [2, 3, 3],
      [1, 5, 4],
    ];
    expect([...orderOf(lines)]).toEqual([2, 0, 3, 1, 4]);
  });

  it('sorts by first position when positions do not rise through the input', () => {
    // Order 0 comes first in the input but at position 50; order 1 is at 20: order 1 first.
    // Order 0's lines by position at one time.
    const lines: Line[] = [
      [0, 1, 50],
      [1, 1, 20],
      [0, 1, 45],
    ];
    expect([...orderOf(lines)]).toEqual([1, 2, 0]);
  });

  it('keeps lines equal in every key in input order', () => {
    const lines: Line[] = [
      [0, 7, 1],
      [1, 2, 2],
      [0, 7, 3],
      [0, 7, 4],
    ];
    expect([...orderOf(lines)]).toEqual([1, 0, 2, 3]);
  });

  it('compares every line when two orders share a time and a first position', () => {
    // Both orders start at time 1, position 5: their lines interleave by time and position.
    const lines: Line[] = [
      [0, 1, 5],
      [1, 1, 5],
      [0, 2, 6],
      [1, 1, 7],
    ];
    expect([...orderOf(lines)]).toEqual([0, 1, 3, 2]);
  });

  it('sorts the lines of a large order by time, then position', () => {
    // 40 lines of one order, in falling time, with two at each time: past insertion sort.
    const lines: Line[] = Array.from({ length: 40 }, (_, i) => [0, 100 - (i >> 1), i] as const);
    lines.push([1, 0, 40]);
    const expected = [40, ...Array.from({ length: 20 }, (_, k) => [38 - 2 * k, 39 - 2 * k]).flat()];
    expect([...orderOf(lines)]).toEqual(expected);
  });

  it('orders times of any sign and size, fractions and -0 with 0', () => {
    const lines: Line[] = [
      [0, 2 ** 52, 0],
      [1, -5.5, 1],
      [2, 0, 2],
      [3, -0, 3],
      [4, -1e300, 4],
      [5, 1.5, 5],
    ];
    expect([...orderOf(lines)]).toEqual([4, 1, 2, 3, 5, 0]);
  });

  it('gives the order of comparing every line for more lines than it reads at a time', () => {
    let state = 7;
    const next = (n: number) => {
      state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0 || 1;
      return state % n;
    };
    for (const rising of [true, false]) {
      const numbers = new Map<number, number>();
      const lines: Line[] = Array.from({ length: 10_000 }, (_, i) => {
        const label = next(3000);
        if (!numbers.has(label)) numbers.set(label, numbers.size);
        return [numbers.get(label)!, next(50) * 1000, rising ? i : 1e6 + i * 13 - next(20) * 1000] as const;
      });
      expect([...orderOf(lines)]).toEqual(byComparison(lines));
    }
  });

  it('gives the order of comparing every line for whole times: seconds, milliseconds, spans past 2^16 and 2^32', () => {
    const T0 = Date.UTC(2024, 0, 1);
    // Times as exports give them (whole seconds, whole milliseconds) over small and large spans,
    // and whole times too far apart for 32 bits of units.
    const time = fc.oneof(
      fc.integer({ min: 0, max: 70_000 }).map((s) => T0 + s * 1000),
      fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((s) => T0 + s * 1000),
      fc.integer({ min: 0, max: 2 ** 33 }).map((ms) => T0 + ms),
      fc.integer({ min: 0, max: 3000 }).map((ms) => T0 + ms),
      fc.integer({ min: 0, max: 70_000 }),
      fc.constantFrom(T0, T0 + 1, -T0, 2 ** 52),
    );
    agreesWithComparing(time);
  });

  it('gives the order of comparing every line, for any lines', () => {
    agreesWithComparing(
      fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    );
  });
});

/** Holds replayOrder to comparing every line, for up to 80 lines of 7 orders with times from `time`. */
function agreesWithComparing(time: fc.Arbitrary<number>): void {
  const line = fc.tuple(fc.integer({ min: 0, max: 6 }), time, fc.integer({ min: 0, max: 20 }));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 80 }), fc.boolean(), (raw, rising) => {
      // Orders numbered as first met; rising positions as in one read of a file.
      const numbers = new Map<number, number>();
      const lines: Line[] = raw.map(([label, t, position], i) => {
        if (!numbers.has(label)) numbers.set(label, numbers.size);
        return [numbers.get(label)!, t, rising ? i * 10 + (position % 10) : position];
      });
      expect([...orderOf(lines)]).toEqual(byComparison(lines));
    }),
    { numRuns: 500 },
  );
}
