import { describe, expect, it } from 'vitest';
import { type CustomerShape, customerShapes, sampleRows } from './sample-rows.test-support.ts';

// One realistic sample, read through the tier rule of METRICS.md.
const rows = sampleRows({ rows: 40_000, seed: 21 });
const shapes = [...customerShapes(rows).values()];
const share = (list: CustomerShape[], test: (shape: CustomerShape) => boolean) =>
  list.filter(test).length / list.length;

describe('purchase behaviour', () => {
  // Over the sample's two years; by quarter the demo reads online weak, partner moderate and
  // sales about 20% (docs/cli.md), so the dashboard's bands have something to say.
  it('upsells a believable 20-50% of customers at some point in two years', () => {
    const rate = share(shapes, (s) => s.upsell);
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.5);
  });

  it('upsells more through sales than online', () => {
    const rate = (channel: string) =>
      share(
        shapes.filter((s) => s.channel === channel),
        (s) => s.upsell,
      );
    expect(rate('sales')).toBeGreaterThan(rate('partner'));
    expect(rate('partner')).toBeGreaterThan(rate('online'));
    expect(rate('sales')).toBeGreaterThan(1.5 * rate('online'));
  });

  it('has one-time buyers, cross-sells and occasional downgrades', () => {
    expect(share(shapes, (s) => s.orders === 1)).toBeGreaterThan(0.2);
    expect(share(shapes, (s) => s.crossSell)).toBeGreaterThan(0.1);
    const downgrades = share(shapes, (s) => s.downgrade);
    expect(downgrades).toBeGreaterThan(0.01);
    expect(downgrades).toBeLessThan(share(shapes, (s) => s.upsell));
  });

  it('sells mostly one unit a line, sometimes 2 to 5', () => {
    const single = rows.filter((r) => r.quantity === 1).length / rows.length;
    expect(single).toBeGreaterThan(0.7);
    expect(single).toBeLessThan(0.9);
    expect(new Set(rows.map((r) => r.quantity))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});
