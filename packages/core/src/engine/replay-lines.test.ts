import { describe, expect, it } from 'vitest';
import type { Purchase } from '../input/purchase.ts';
import { RECORD_PAGE_SHIFT } from './line-records.ts';
import { createReplayLines } from './replay-lines.ts';

const T0 = Date.UTC(2024, 0, 1);
const FILE_SPAN = 2 ** 40;

const purchase = (fields: Partial<Purchase>): Purchase => ({
  customerId: 'c1',
  purchasedAt: T0,
  productId: 'p',
  family: '',
  tier: Number.NaN,
  amount: Number.NaN,
  quantity: 1,
  segment: [],
  position: FILE_SPAN,
  file: 1,
  line: 2,
  ...fields,
});

/** The lines as replayed, copied (the replay refills one object). */
const replayed = (lines: ReturnType<typeof createReplayLines>): Purchase[] => {
  const out: Purchase[] = [];
  lines.replay((p) => out.push({ ...p, segment: [...p.segment] }));
  return out;
};

describe('createReplayLines', () => {
  it('keeps its count and what it read ahead as plain values, no getters, so that each pass gets an object of one shape', () => {
    const lines = createReplayLines();
    lines.add(purchase({ customerId: 'C1', orderId: 'SO1' }));
    expect(Object.getOwnPropertyDescriptor(lines, 'count')).toMatchObject({ value: 1 });
    expect(Object.getOwnPropertyDescriptor(lines, 'touched')).toHaveProperty('value');
  });

  it('gives back every field of every line, unknowns and all', () => {
    const given: Purchase[] = [
      purchase({
        customerId: 'Kundé-1',
        orderId: 'SO0042',
        productId: 'Pro ✓',
        family: 'analytics',
        tier: 2,
        amount: 1_805_000,
        quantity: 3,
        kind: 'upsell',
        segment: ['web', 'Zürich', '(unknown)', ''],
        customerKey: 0,
        position: FILE_SPAN + 75,
        line: 2,
      }),
      // No order id, kind, key, tier or amount; a negative fractional amount on another line.
      purchase({
        customerId: '顧客',
        purchasedAt: T0 + 1,
        orderId: undefined,
        kind: undefined,
        customerKey: undefined,
        segment: ['shop', 'Köln', 'B2B', 'x'],
        position: FILE_SPAN + 150,
        line: 3,
      }),
      purchase({
        customerId: 'Kundé-1',
        purchasedAt: T0 + 2,
        orderId: 'order-ü',
        amount: -12.5,
        tier: -0,
        quantity: 0,
        kind: 'cross_sell',
        segment: ['web', 'Zürich', '(unknown)', ''],
        customerKey: 0,
        file: 2,
        position: 2 * FILE_SPAN + 10,
        line: 7,
      }),
    ];
    const lines = createReplayLines();
    for (const p of given) lines.add(p);
    expect(lines.count).toBe(3);
    // toEqual tells NaN from numbers and -0 from 0.
    given.forEach((p, i) => {
      expect(lines.line(i)).toEqual(p);
    });
    expect(replayed(lines)).toEqual(given);
  });

  it('keeps a copy: the reader may refill its purchase for the next line', () => {
    const lines = createReplayLines();
    const reused = purchase({ segment: ['a'], orderId: 'o1' });
    lines.add(reused);
    reused.segment[0] = 'b';
    reused.orderId = 'o2';
    reused.purchasedAt = T0 + 5;
    reused.position = FILE_SPAN + 1;
    lines.add(reused);
    expect(lines.line(0)).toMatchObject({ segment: ['a'], orderId: 'o1', purchasedAt: T0 });
    expect(lines.line(1)).toMatchObject({ segment: ['b'], orderId: 'o2', purchasedAt: T0 + 5 });
  });

  it('gives back lines with many segment values, and segments of different lengths', () => {
    const lines = createReplayLines();
    const wide = Array.from({ length: 12 }, (_, s) => `v${s}-ä`);
    lines.add(purchase({ segment: wide }));
    lines.add(purchase({ segment: ['one'], position: FILE_SPAN + 1, line: 3 }));
    lines.add(purchase({ segment: [], position: FILE_SPAN + 2, line: 4 }));
    expect([lines.line(0).segment, lines.line(1).segment, lines.line(2).segment]).toEqual([
      wide,
      ['one'],
      [],
    ]);
  });

  it('tells customers apart as the engine does: by key, else by id among lines without a key', () => {
    const lines = createReplayLines();
    const add = (customerKey: number | undefined, orderId: string, minutes: number, line: number) =>
      lines.add(
        purchase({
          customerId: 'c',
          customerKey,
          orderId,
          purchasedAt: T0 + minutes * 60_000,
          line,
          position: FILE_SPAN + line,
        }),
      );
    // One id with key 5 and without a key: two customers to the engine, so order A of each is
    // its own. Keyed A starts at 5, after keyed B at 3; keyless A at 1.
    add(5, 'A', 5, 2);
    add(undefined, 'A', 1, 3);
    add(5, 'B', 3, 4);
    add(6, 'A', 2, 5);
    const out = replayed(lines);
    expect(out.map((p) => [p.line, p.customerKey])).toEqual([
      [3, undefined],
      [5, 6],
      [4, 5],
      [2, 5],
    ]);
    expect(out.every((p) => p.customerId === 'c')).toBe(true);
  });

  it("gives each key its own id when the reader's keys skip one (an id whose rows were rejected)", () => {
    const lines = createReplayLines();
    // Key 1 (rows of key 0's id were rejected so far), then key 3, then keys 0 and 2.
    const keyed: [number, string][] = [
      [1, 'b'],
      [3, 'd'],
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [0, 'a'],
    ];
    keyed.forEach(([customerKey, customerId], i) => {
      lines.add(purchase({ customerId, customerKey, position: FILE_SPAN + i, line: i + 2 }));
    });
    expect(keyed.map((_, i) => [lines.line(i).customerKey, lines.line(i).customerId])).toEqual(keyed);
  });

  it('gives back more lines than a page holds, with the fields of each', () => {
    const lines = createReplayLines();
    const n = (1 << RECORD_PAGE_SHIFT) * 8 + 123;
    const lineAt = (i: number) =>
      purchase({
        customerId: `c${i % 1000}`,
        customerKey: i % 1000,
        orderId: `SO${100_000 + i}`,
        purchasedAt: T0 + i * 60_000,
        amount: i % 10 === 0 ? Number.NaN : i * 100,
        tier: (i % 3) + 1,
        quantity: 1 + (i % 4),
        segment: [`ch${i % 3}`],
        position: FILE_SPAN + i * 75,
        line: i + 2,
      });
    for (let i = 0; i < n; i++) lines.add(lineAt(i));
    for (const i of [0, 1, (1 << RECORD_PAGE_SHIFT) - 1, 1 << RECORD_PAGE_SHIFT, n - 1]) {
      expect(lines.line(i)).toMatchObject(lineAt(i));
    }
    // In time order already: replayed as added.
    const lines2 = replayed(lines);
    expect(lines2.length).toBe(n);
    expect(lines2.every((p, i) => p.line === i + 2)).toBe(true);
  });

  it('replays lines that came in any order, past a group of places, each with its own fields', () => {
    const lines = createReplayLines();
    // 50,000 lines (three groups of 2^14 places and some) added in a scrambled order of time:
    // line i is at minute (i * 7919) mod n, its other fields made from that minute.
    const n = 50_000;
    const minuteOf = (i: number) => (i * 7919) % n;
    const lineAt = (i: number) => {
      const m = minuteOf(i);
      return purchase({
        customerId: `c${m % 777}`,
        customerKey: m % 777,
        orderId: m % 5 === 0 ? undefined : `SO${m}`,
        purchasedAt: T0 + m * 60_000,
        amount: m % 10 === 0 ? Number.NaN : m * 0.25,
        tier: (m % 3) + 1,
        quantity: 1 + (m % 4),
        segment: [`ch${m % 3}`],
        position: FILE_SPAN + i * 75,
        line: i + 2,
      });
    };
    for (let i = 0; i < n; i++) lines.add(lineAt(i));
    const out = replayed(lines);
    expect(out.length).toBe(n);
    // The m-th line replayed is the one at minute m, with every field it was added with.
    out.forEach((p, m) => {
      const i = p.line - 2;
      expect(minuteOf(i)).toBe(m);
      expect(p).toEqual({ ...lineAt(i), kind: undefined });
    });
  });

  it("gives each batch's customer keys to prefetch before those lines, -1 for a line without a key", () => {
    const lines = createReplayLines();
    // 70 lines in reverse time order; every third has no key.
    const n = 70;
    for (let i = 0; i < n; i++) {
      const keyed = i % 3 !== 0;
      lines.add(
        purchase({
          customerId: keyed ? `k${i}` : `id${i}`,
          customerKey: keyed ? i : undefined,
          purchasedAt: T0 + (n - i) * 60_000,
          position: FILE_SPAN + i,
          line: i + 2,
        }),
      );
    }
    const events: string[] = [];
    const expected: string[] = [];
    lines.replay(
      (p) => events.push(`take ${p.line - 2}`),
      (keys, count) => {
        events.push(`prefetch ${[...keys.subarray(0, count)].join(',')}`);
        return count;
      },
    );
    const order = Array.from({ length: n }, (_, k) => n - 1 - k);
    for (let k = 0; k < n; k += 32) {
      const batch = order.slice(k, k + 32);
      expected.push(`prefetch ${batch.map((i) => (i % 3 !== 0 ? i : -1)).join(',')}`);
      for (const i of batch) expected.push(`take ${i}`);
    }
    expect(events).toEqual(expected);
    expect(lines.touched).toBe(32 ^ 32 ^ 6);
  });

  it('replays orders by their earliest line, lines without an order id as one order per time', () => {
    const lines = createReplayLines();
    const add = (customerId: string, orderId: string | undefined, minutes: number, line: number) =>
      lines.add(
        purchase({
          customerId,
          orderId,
          purchasedAt: T0 + minutes * 60_000,
          line,
          position: FILE_SPAN + line,
        }),
      );
    // c1's order A has lines at 10 and 3, so it starts at 3, with c2's order B (its first
    // position is later) and c1's lines without an id at 3. c1's lines without an id at 5 are
    // another order. The same id for another customer is another order.
    add('c1', 'A', 10, 2);
    add('c2', 'B', 3, 3);
    add('c1', undefined, 5, 4);
    add('c1', 'A', 3, 5);
    add('c1', undefined, 3, 6);
    add('c1', undefined, 5, 7);
    add('c2', 'A', 1, 8);
    add('c1', undefined, 3, 9);
    // Orders by (time, first position): c2's A (1, 8); at 3, c1's A (first at 2), c2's B (3)
    // and c1's lines without an id at 3 (6); c1's lines without an id at 5 (5, 4).
    expect(replayed(lines).map((p) => p.line)).toEqual([8, 5, 2, 3, 6, 9, 4, 7]);
  });

  it('replays once, and takes no line after', () => {
    const lines = createReplayLines();
    lines.add(purchase({}));
    replayed(lines);
    expect(() => lines.replay(() => {})).toThrow(/replayed/);
    expect(() => lines.add(purchase({}))).toThrow(/replayed/);
  });
});
