import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Definition, DefinitionSchema } from '../definition.ts';
import { buildMetricResult } from '../metric-result.ts';
import { createMetricRun } from '../metric-run.ts';
import { computeMetric, type PurchaseTable, runMetric } from '../run-metric.ts';
import { createPeriodCalendar } from '../time/period.ts';
import { mergeEngineCounters } from './engine-counters.ts';

const HEADER = [
  'order_id',
  'customer_id',
  'purchased_at',
  'product_id',
  'family',
  'tier',
  'amount',
  'quantity',
  'channel',
  'kind',
];

const row = fc.record({
  customer: fc.integer({ min: 0, max: 4 }),
  // Few distinct times, so that ties, shared timestamps and orders split in time are common.
  day: fc.constantFrom(0, 1, 30, 31, 45, 95, 200),
  hour: fc.constantFrom(0, 23),
  order: fc.integer({ min: -1, max: 2 }), // -1: no order id on this line
  family: fc.constantFrom('a', 'b'),
  tier: fc.integer({ min: 1, max: 3 }),
  cents: fc.integer({ min: 0, max: 5000 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  channel: fc.constantFrom('web', 'shop'),
  kind: fc.constantFrom('new', 'upsell', 'upgrade', 'cross_sell', 'renewal', ''),
});

/** Purchase tables with ties, multi-line orders (order ids shared across days too) and any order of rows. */
const tables = fc
  .tuple(fc.array(row, { minLength: 0, maxLength: 40 }), fc.boolean())
  .map(([rows, withOrderIds]) => {
    const start = Date.UTC(2024, 0, 1);
    return {
      header: withOrderIds ? HEADER : HEADER.slice(1),
      rows: rows.map((r) => {
        const at = new Date(start + r.day * 86_400_000 + r.hour * 3_600_000).toISOString();
        const fields = [
          `c${r.customer}`,
          at,
          `${r.family}-${r.tier}`,
          r.family,
          String(r.tier),
          (r.cents / 100).toFixed(2),
          String(r.quantity),
          r.channel,
          r.kind,
        ];
        return withOrderIds ? [r.order < 0 ? '' : `o${r.customer}-${r.order}`, ...fields] : fields;
      }),
    } satisfies PurchaseTable;
  });

const definitions = fc.record({
  metric: fc.constantFrom(
    'customer-upsell-rate',
    'purchase-upsell-rate',
    'customer-cross-sell-rate' as const,
  ),
  rule: fc.constantFrom('flag', 'tier', 'price', 'additional' as const),
  eligible: fc.constantFrom('all', 'existing', 'active' as const),
  period: fc.constantFrom('all', 'day', 'week', 'month', 'quarter', 'year' as const),
  timeZone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Asia/Kolkata'),
});

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
};

interface NaiveLine {
  customer: string;
  time: number;
  order: string;
  family: string;
  tier: number;
  unitPrice: number;
  amount: number;
  channel: string;
  kind: string;
  position: number;
}

/**
 * METRICS.md read literally, by brute force: every line compared with every line of the
 * customer's earlier orders. Slow and obvious, so that it can judge the streaming engine.
 */
function naiveCounts(table: PurchaseTable, definition: Definition, by: boolean) {
  const col = (name: string) => table.header.indexOf(name);
  const calendar = createPeriodCalendar(definition.period, definition.timeZone);
  const lines: NaiveLine[] = table.rows.map((r, position) => ({
    customer: r[col('customer_id')]!,
    time: Date.parse(r[col('purchased_at')]!),
    order:
      col('order_id') >= 0 && r[col('order_id')] !== ''
        ? `#${r[col('order_id')]}`
        : `@${r[col('purchased_at')]}`,
    family: r[col('family')]!,
    tier: Number(r[col('tier')]),
    unitPrice: Number(r[col('amount')]) / Number(r[col('quantity')]),
    amount: Number(r[col('amount')]),
    channel: r[col('channel')]!,
    kind: r[col('kind')]!,
    position,
  }));
  const orderKey = (l: NaiveLine) => `${l.customer}/${l.order}`;
  const orderTime = new Map<string, number>();
  const orderFirst = new Map<string, number>();
  for (const l of lines) {
    const k = orderKey(l);
    orderTime.set(k, Math.min(orderTime.get(k) ?? Number.POSITIVE_INFINITY, l.time));
    orderFirst.set(k, Math.min(orderFirst.get(k) ?? Number.POSITIVE_INFINITY, l.position));
  }
  const earlier = (a: NaiveLine, b: NaiveLine) =>
    orderTime.get(orderKey(a))! < orderTime.get(orderKey(b))! ||
    (orderTime.get(orderKey(a)) === orderTime.get(orderKey(b)) &&
      orderFirst.get(orderKey(a))! < orderFirst.get(orderKey(b))!);
  const movement = (l: NaiveLine): string => {
    const before = lines.filter((o) => o.customer === l.customer && earlier(o, l));
    if (before.length === 0) return 'initial';
    if (definition.rule === 'additional') return 'upsell';
    if (definition.rule === 'flag') {
      if (l.kind === 'upsell' || l.kind === 'upgrade') return 'upsell';
      return l.kind === 'cross_sell' ? 'cross_sell' : 'other';
    }
    const sameFamily = before.filter((o) => o.family === l.family);
    if (sameFamily.length === 0) return 'cross_sell';
    const level = (o: NaiveLine) => (definition.rule === 'tier' ? o.tier : o.unitPrice);
    return level(l) > Math.max(...sameFamily.map(level)) + 1e-9 ? 'upsell' : 'other';
  };
  const periodOf = (l: NaiveLine) => calendar.indexOf(orderTime.get(orderKey(l))!);
  const customers = [...new Set(lines.map((l) => l.customer))];
  const initialLine = (c: string) =>
    lines
      .filter((l) => l.customer === c)
      .sort((a, b) =>
        earlier(a, b) ? -1 : earlier(b, a) ? 1 : a.time - b.time || a.position - b.position,
      )[0]!;
  const periods = lines.map(periodOf);
  const counts = new Map<string, [number, number]>();
  if (lines.length === 0) return counts;
  const wanted = definition.metric === 'customer-cross-sell-rate' ? 'cross_sell' : 'upsell';
  for (let p = Math.min(...periods); p <= Math.max(...periods); p++) {
    if (definition.metric === 'purchase-upsell-rate') {
      for (const l of lines.filter((x) => periodOf(x) === p)) {
        const key = `${calendar.label(p)}|${by ? l.channel : ''}`;
        const [n, d] = counts.get(key) ?? [0, 0];
        counts.set(key, [n + (movement(l) === 'upsell' ? 1 : 0), d + 1]);
      }
      continue;
    }
    for (const c of customers) {
      const first = initialLine(c);
      const start = periodOf(first);
      const eligible =
        definition.eligible === 'all'
          ? start <= p
          : definition.eligible === 'existing'
            ? start < p
            : lines.some((l) => l.customer === c && periodOf(l) === p);
      if (!eligible) continue;
      const key = `${calendar.label(p)}|${by ? first.channel : ''}`;
      const hit = lines.some((l) => l.customer === c && periodOf(l) === p && movement(l) === wanted);
      const [n, d] = counts.get(key) ?? [0, 0];
      counts.set(key, [n + (hit ? 1 : 0), d + 1]);
    }
  }
  return counts;
}

describe('engine invariants', () => {
  it('agrees with a brute-force reading of the spec on every row', () => {
    fc.assert(
      fc.property(tables, definitions, fc.boolean(), (table, raw, by) => {
        const definition = DefinitionSchema.parse({ ...raw, by: by ? ['channel'] : [] });
        const result = computeMetric([table], { definition });
        const expected = naiveCounts(table, definition, by);
        const got = new Map(
          result.rows.map((r) => [`${r.period}|${r.segment.channel ?? ''}`, [r.numerator, r.denominator]]),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every rate in [0, 1] with the numerator at most the denominator', () => {
    fc.assert(
      fc.property(tables, definitions, (table, definition) => {
        for (const r of computeMetric([table], { definition }).rows) {
          expect(r.numerator).toBeLessThanOrEqual(r.denominator);
          expect(r.rate).toBeGreaterThanOrEqual(0);
          expect(r.rate).toBeLessThanOrEqual(1);
          expect(r.ci95[0]).toBeLessThanOrEqual(r.rate + 1e-4);
          expect(r.ci95[1]).toBeGreaterThanOrEqual(r.rate - 1e-4);
        }
      }),
    );
  });

  it('gives the same numbers whatever the order of the rows, where the spec breaks no tie by input order', () => {
    fc.assert(
      fc.property(tables, definitions, fc.integer(), (table, definition, seed) => {
        // Two orders of a customer at the same time are told apart by which comes first in the
        // input (the spec's tie-break), so reordering may rightly change those; leave them out.
        const col = (name: string) => table.header.indexOf(name);
        const orderTimes = new Map<string, string>();
        for (const r of table.rows) {
          const id = col('order_id') >= 0 ? r[col('order_id')] : '';
          const order = `${r[col('customer_id')]}|${id ? `#${id}` : `@${r[col('purchased_at')]}`}`;
          const time = r[col('purchased_at')]!;
          if (!orderTimes.has(order) || time < orderTimes.get(order)!) orderTimes.set(order, time);
        }
        const starts = [...orderTimes].map(([order, time]) => `${order.split('|')[0]}|${time}`);
        fc.pre(new Set(starts).size === starts.length);
        const original = computeMetric([table], { definition });
        // Rows of one customer at one instant keep their relative order: that is the spec's tie-break.
        const key = (r: readonly string[]) =>
          `${r[table.header.indexOf('customer_id')]}|${r[table.header.indexOf('purchased_at')]}`;
        const order = shuffled(
          table.rows.map((_, i) => i),
          seed,
        );
        const queues = new Map<string, number[]>();
        for (let i = 0; i < table.rows.length; i++) {
          const k = key(table.rows[i]!);
          queues.set(k, [...(queues.get(k) ?? []), i]);
        }
        const rows = order.map((i) => table.rows[queues.get(key(table.rows[i]!))!.shift()!]!);
        const reordered = computeMetric([{ ...table, rows }], { definition });
        expect(reordered.rows).toEqual(original.rows);
      }),
    );
  });

  it('gives the same numbers when streamed in time order as when buffered and sorted', () => {
    fc.assert(
      fc.property(tables, definitions, (table, definition) => {
        const at = table.header.indexOf('purchased_at');
        const sorted = {
          ...table,
          rows: [...table.rows].sort((a, b) => (a[at]! < b[at]! ? -1 : a[at]! > b[at]! ? 1 : 0)),
        };
        const buffered = createMetricRun({ definition, order: 'buffer' });
        const file = buffered.addFile(sorted.header);
        sorted.rows.forEach((r, i) => {
          file.push(r, i + 2, i);
        });
        const fromBuffer = buffered.finish();
        const streamed = runMetric([sorted], { definition });
        expect(streamed.counters).toEqual(fromBuffer.counters);
      }),
    );
  });

  it('gives the same numbers whatever the order ids look like: short, long or beyond Latin-1', () => {
    fc.assert(
      fc.property(tables, definitions, fc.nat(3), (table, definition, style) => {
        const at = table.header.indexOf('order_id');
        // One-to-one renamings: the record keeps ids of up to 15 Latin-1 characters whole, the rest by hash.
        const rename = [
          (id: string) => `${id}${'.'.repeat(20)}`,
          (id: string) => `訂${id}`,
          (id: string) => (id.length % 2 === 0 ? `${id}\u0000` : `${id}-ä${'z'.repeat(14)}`),
          (id: string) => id.padStart(15, '0'),
        ][style]!;
        const renamed = {
          ...table,
          rows: table.rows.map((r) =>
            at < 0 || r[at] === '' ? r : r.map((v, i) => (i === at ? rename(v) : v)),
          ),
        };
        expect(runMetric([renamed], { definition }).counters).toEqual(
          runMetric([table], { definition }).counters,
        );
      }),
    );
  });

  it('takes more files after a snapshot, with the numbers of runs that took no snapshot', () => {
    fc.assert(
      fc.property(tables, definitions, fc.nat(40), (table, definition, cut) => {
        const at = table.header.indexOf('purchased_at');
        const rows = [...table.rows].sort((a, b) => (a[at]! < b[at]! ? -1 : a[at]! > b[at]! ? 1 : 0));
        const first = { ...table, rows: rows.slice(0, cut) };
        const second = { ...table, rows: rows.slice(cut) };
        const feed = (run: ReturnType<typeof createMetricRun>, part: PurchaseTable) => {
          const file = run.addFile(part.header);
          part.rows.forEach((r, i) => {
            file.push(r, i + 2, i);
          });
        };
        const outcome = (f: () => unknown) => {
          try {
            return f();
          } catch (error) {
            return (error as { code?: string }).code;
          }
        };
        const open = createMetricRun({ definition });
        feed(open, first);
        const early = outcome(() => open.snapshot().counters);
        const firstOnly = createMetricRun({ definition });
        feed(firstOnly, first);
        expect(early).toEqual(outcome(() => firstOnly.finish().counters));
        fc.pre(early !== 'OUT_OF_ORDER');
        feed(open, second);
        const both = createMetricRun({ definition });
        feed(both, first);
        feed(both, second);
        expect(outcome(() => open.snapshot().counters)).toEqual(outcome(() => both.finish().counters));
      }),
    );
  });

  it('gives the same numbers when a reader prefetches any customers between lines', () => {
    fc.assert(
      fc.property(
        tables,
        definitions,
        fc.array(fc.array(fc.integer({ min: -2, max: 8 }), { maxLength: 40 }), { maxLength: 41 }),
        (table, definition, ahead) => {
          const at = table.header.indexOf('purchased_at');
          const rows = [...table.rows].sort((a, b) => (a[at]! < b[at]! ? -1 : a[at]! > b[at]! ? 1 : 0));
          const column = table.header.indexOf('customer_id');
          const counters = (prefetch: boolean) => {
            const run = createMetricRun({ definition });
            const file = run.addFile(table.header);
            // Keys as a byte reader gives them: customers numbered in order of first sight.
            const keys = new Map<string, number>();
            const keyOf = (id: string) => keys.get(id) ?? keys.set(id, keys.size).get(id)!;
            // A line may be refused as it is pushed (an order split by another at one time), not
            // only at the end: either way both runs must give the same code.
            try {
              rows.forEach((r, i) => {
                const wanted = ahead[i] ?? [];
                if (prefetch) file.prefetch(Int32Array.from(wanted), wanted.length);
                file.push(r, i + 2, i, keyOf(r[column]!));
              });
              if (prefetch) file.prefetch(Int32Array.from(ahead.at(-1) ?? []), ahead.at(-1)?.length ?? 0);
              return run.finish().counters;
            } catch (error) {
              return (error as { code?: string }).code;
            }
          };
          expect(counters(true)).toEqual(counters(false));
        },
      ),
    );
  });

  it('adds up customer-disjoint shards to the numbers of one engine', () => {
    fc.assert(
      fc.property(tables, definitions, fc.integer({ min: 2, max: 4 }), (table, definition, count) => {
        const whole = runMetric([table], { definition });
        const shards = Array.from({ length: count }, (_, index) =>
          runMetric([table], { definition, shard: { index, count } }),
        );
        const merged = mergeEngineCounters(shards.map((s) => s.counters));
        expect(merged).toEqual(mergeEngineCounters([whole.counters]));
        expect(shards.reduce((sum, s) => sum + s.accounting.rows, 0)).toBe(whole.accounting.rows);
      }),
    );
  });

  it('splits customers into segments that add up to the total, period by period', () => {
    fc.assert(
      fc.property(tables, definitions, (table, definition) => {
        const total = computeMetric([table], { definition });
        const bySegment = computeMetric([table], { definition: { ...definition, by: ['channel'] } });
        for (const r of total.rows) {
          const parts = bySegment.rows.filter((s) => s.period === r.period);
          expect(parts.reduce((sum, s) => sum + s.numerator, 0)).toBe(r.numerator);
          expect(parts.reduce((sum, s) => sum + s.denominator, 0)).toBe(r.denominator);
        }
        expect(bySegment.rows.every((s) => total.rows.some((r) => r.period === s.period))).toBe(true);
      }),
    );
  });

  it('explains every row with exactly its numerator and denominator', () => {
    fc.assert(
      fc.property(tables, definitions, (table, definition) => {
        const output = runMetric([table], { definition: { ...definition, by: ['channel'] } });
        const result = buildMetricResult(output.counters, output);
        for (const r of result.rows.slice(0, 4)) {
          const explained = runMetric([table], {
            definition: { ...definition, by: ['channel'] },
            explain: { period: r.period, segment: r.segment },
          }).explanation;
          if (definition.metric === 'purchase-upsell-rate') {
            expect(explained.lines.length).toBe(r.denominator);
            expect(explained.lines.filter((l) => l.movement === 'upsell').length).toBe(r.numerator);
          } else {
            const key = definition.metric === 'customer-cross-sell-rate' ? 'crossSell' : 'upsell';
            expect(explained.customers.length).toBe(r.denominator);
            expect(explained.customers.filter((c) => c[key]).length).toBe(r.numerator);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
