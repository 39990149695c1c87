import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, generateSample } from './generate-sample.ts';
import { SAMPLE_COLUMNS } from './sample-columns.ts';
import { type SampleRow, sampleRows, sampleText } from './sample-rows.test-support.ts';

const HEADER = 'order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel\n';
const LINE =
  /^SO\d{8},C\d{6,},\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,(ANA|STO|SUP)-T[123]-[AB],(analytics|storage|support),[123],[1-5],\d+\.\d{2},(online|partner|sales)$/;
const FAMILY_PREFIX: Record<string, string> = { analytics: 'ANA', storage: 'STO', support: 'SUP' };

/** Every invariant of the purchases text; returns the first broken one, or undefined. */
function brokenInvariant(text: string, rows: number): string | undefined {
  if (!text.startsWith(HEADER)) return 'header';
  if (!text.endsWith('\n') || text.includes('\r')) return 'line ends';
  const lines = text.slice(HEADER.length).split('\n').slice(0, -1);
  if (lines.length !== rows) return `row count ${lines.length}`;
  const orders = new Map<string, string>();
  let previous = '';
  for (const line of lines) {
    if (!LINE.test(line)) return `line ${line}`;
    const [orderId, customerId, purchasedAt, productId, family, tier] = line.split(',');
    if (purchasedAt! < previous) return `order ${purchasedAt} after ${previous}`;
    previous = purchasedAt!;
    if (!productId!.startsWith(`${FAMILY_PREFIX[family!]}-T${tier}-`)) return `product ${line}`;
    const key = `${customerId},${purchasedAt}`;
    if ((orders.get(orderId!) ?? key) !== key) return `order ${orderId}`;
    orders.set(orderId!, key);
  }
  return undefined;
}

describe('generateSample', () => {
  it('writes the columns in the agreed order', () => {
    expect(SAMPLE_COLUMNS.join(',')).toBe(HEADER.trim());
  });

  it('gives byte-identical output for the same seed and options', () => {
    expect(sampleText({ rows: 3000, seed: 9 })).toBe(sampleText({ rows: 3000, seed: 9 }));
  });

  it('gives different output for a different seed', () => {
    expect(sampleText({ rows: 3000, seed: 9 })).not.toBe(sampleText({ rows: 3000, seed: 10 }));
  });

  it.each([0, 1, 2, 3, 17, 1000, 25_000])('writes exactly %i lines', (rows) => {
    expect(sampleText({ rows, seed: 5 }).split('\n').length - 2).toBe(rows);
  });

  it('holds every invariant for 25,000 rows', () => {
    expect(brokenInvariant(sampleText({ rows: 25_000, seed: 5 }), 25_000)).toBeUndefined();
  });

  it('sorts lines by purchased_at, so every customer is in time order too', () => {
    const rows = sampleRows({ rows: 5000, seed: 2 });
    const times = rows.map((r) => r.purchasedAt);
    expect(times).toEqual([...times].sort());
  });

  it('keeps the lines of one order together with one customer and timestamp', () => {
    const rows = sampleRows({ rows: 5000, seed: 2 });
    const byOrder = new Map<string, SampleRow[]>();
    for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
    const sizes = new Set<number>();
    for (const lines of byOrder.values()) {
      sizes.add(lines.length);
      expect(new Set(lines.map((l) => `${l.customerId} ${l.purchasedAt}`)).size).toBe(1);
    }
    expect([...sizes].sort()).toEqual([1, 2, 3]);
  });

  it('uses every family, tier 1-3 and channel', () => {
    const rows = sampleRows({ rows: 5000, seed: 2 });
    expect(new Set(rows.map((r) => r.family))).toEqual(new Set(['analytics', 'storage', 'support']));
    expect(new Set(rows.map((r) => r.tier))).toEqual(new Set([1, 2, 3]));
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['online', 'partner', 'sales']));
    expect(new Set(rows.map((r) => r.productId)).size).toBe(18);
  });

  it('writes amounts as non-negative decimals with 2 places, at most the list price times quantity', () => {
    const rows = sampleRows({ rows: 5000, seed: 2 });
    for (const row of rows) expect(row.amount).toMatch(/^\d+\.\d{2}$/);
    const discounted = rows.filter(
      (r) => r.family === 'analytics' && r.tier === 1 && r.productId.endsWith('A'),
    );
    for (const row of discounted) {
      expect(Number(row.amount)).toBeLessThanOrEqual(49 * row.quantity);
      expect(Number(row.amount)).toBeGreaterThanOrEqual(49 * row.quantity * 0.85 - 0.005);
    }
  });

  it('cuts the text into chunks of about 64 KiB', () => {
    const chunks = [...generateSample({ rows: 10_000, seed: 1 })];
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(CHUNK_SIZE);
      expect(chunk.length).toBeLessThan(CHUNK_SIZE + 1024);
      expect(chunk.endsWith('\n')).toBe(true);
    }
  });

  it('spans the requested months from the start day', () => {
    const rows = sampleRows({ rows: 2000, seed: 3, start: '2024-07-15', months: 3 });
    expect(rows[0]!.purchasedAt >= '2024-07-15').toBe(true);
    expect(rows[rows.length - 1]!.purchasedAt < '2024-10-15').toBe(true);
  });

  it('checks the options when called, not when first read', () => {
    expect(() => generateSample({ rows: -1, seed: 1 })).toThrow(/^generateSample: rows/);
  });

  describe('edge cases', () => {
    it('writes only the header for 0 rows', () => {
      expect([...generateSample({ rows: 0, seed: 1 })]).toEqual([HEADER]);
    });

    it('writes one full line for 1 row', () => {
      expect(brokenInvariant(sampleText({ rows: 1, seed: 1 }), 1)).toBeUndefined();
    });

    it('gives one customer all the lines when there is one customer', () => {
      const rows = sampleRows({ rows: 40, seed: 1, customers: 1 });
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.customerId))).toEqual(new Set(['C000001']));
    });

    it('packs many lines into a single day', () => {
      const text = sampleText({ rows: 3000, seed: 1, months: 1, start: '2024-02-01', customers: 5 });
      expect(brokenInvariant(text, 3000)).toBeUndefined();
    });

    it('leaves customers out when there are more customers than lines', () => {
      const rows = sampleRows({ rows: 10, seed: 1, customers: 1000 });
      expect(rows).toHaveLength(10);
      expect(new Set(rows.map((r) => r.customerId)).size).toBeLessThanOrEqual(10);
    });
  });

  it('holds every invariant for any small sample', () => {
    fc.assert(
      fc.property(
        fc.nat(400),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
        (rows, seed, months, customers) =>
          brokenInvariant(sampleText({ rows, seed, months, customers }), rows) === undefined,
      ),
      { numRuns: 150 },
    );
  });
});
