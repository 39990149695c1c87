import { describe, expect, it } from 'vitest';
import { UpsellError } from '../errors.ts';
import { createPeriodCalendar } from '../time/period.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { blankPurchase } from './refilled-purchase.ts';
import { createUpsellEngine } from './upsell-engine.ts';

// A reader that numbers customer ids hands the engine keys and a way back to the ids; the engine
// keeps the keys and looks an id up only when something reads it (an error, a drill-down).
describe('the engine and customer ids looked up by key', () => {
  const zone = createTimeZoneOffsets('UTC');
  const calendar = createPeriodCalendar('month', zone);
  const day = (d: number) => Date.UTC(2024, 0, d);

  const reader = () => {
    const looked: number[] = [];
    const idOfKey = (key: number) => {
      looked.push(key);
      return `C${key}`;
    };
    const purchase = blankPurchase();
    const line = (key: number, at: number, orderId: string, idOf = idOfKey) => {
      purchase.customerId = 'unused';
      purchase.setCustomerKey(key, idOf);
      purchase.purchasedAt = at;
      purchase.productId = 'P1';
      purchase.family = 'f';
      purchase.tier = 1;
      purchase.orderId = orderId;
      return purchase;
    };
    return { looked, idOfKey, line };
  };

  it('counts customers without reading their ids, and names the one an error is about', () => {
    const engine = createUpsellEngine({ rule: 'tier', eligible: 'all', calendar, zone, segmentation: [] });
    const { looked, line } = reader();
    engine.push(line(1, day(1), 'o1'));
    engine.push(line(2, day(2), 'o2'));
    engine.push(line(2, day(3), 'o3'));
    // Customer 2's order o2 comes back after o3: found at the end, named by its id.
    engine.push(line(2, day(4), 'o2'));
    expect(looked).toEqual([]);
    let error: unknown;
    try {
      engine.finish();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UpsellError);
    expect((error as UpsellError).code).toBe('OUT_OF_ORDER');
    expect((error as UpsellError).message).toContain('customer C2:');
    expect(looked).toEqual([2]);
  });

  it('gives a drill-down the ids of customers whose purchases came with other ways to their ids', () => {
    const engine = createUpsellEngine({
      rule: 'tier',
      eligible: 'all',
      calendar,
      zone,
      segmentation: [],
      retention: {
        inactiveAfterDays: null,
        drill: { kind: 'active', period: calendar.indexOf(day(1)), segment: '' },
      },
    });
    const first = reader();
    const second = reader();
    engine.push(first.line(1, day(1), 'o1'));
    // A second file's reader: its own way to the ids (here another numbering), kept as text.
    engine.push(second.line(5, day(2), 'o2', (key) => `D${key}`));
    engine.push(first.line(3, day(3), 'o3'));
    engine.finish();
    expect(engine.retentionDrill().sort()).toEqual(['C1', 'C3', 'D5']);
  });
});
