import { writeFileSync } from 'node:fs';
import type { MetricResult } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsellJson } from './run-upsell.ts';

// Z1 is upsold at 16:30 UTC on 31 January, which is 01:30 on 1 February in Tokyo (UTC+9);
// Z2's initial order at 20:00 UTC on 31 January is 05:00 on 1 February in Tokyo.
const NEAR_MIDNIGHT = [
  'order_id,customer_id,purchased_at,product_id,family,tier,amount,channel',
  'T-1,Z1,2024-01-10T10:00:00Z,ANA-T1,analytics,1,49.00,online',
  'T-2,Z1,2024-01-31T16:30:00Z,ANA-T2,analytics,2,99.00,online',
  'T-3,Z2,2024-01-31T20:00:00Z,STO-T1,storage,1,29.00,online',
  'T-4,Z3,2024-02-20T15:10:00Z,SUP-T1,support,1,19.00,sales',
  '',
].join('\n');

// Times without an offset are wall-clock times in the report's time zone.
const WALL_CLOCK = [
  'customer_id,purchased_at,product_id,tier',
  'N1,2024-01-15T12:00:00,P1,1',
  'N1,2024-02-01T00:30:00,P2,2',
  '',
].join('\n');

const temp = makeTempDir();
beforeAll(() => {
  writeFileSync(temp.path('near-midnight.csv'), NEAR_MIDNIGHT);
  writeFileSync(temp.path('wall-clock.csv'), WALL_CLOCK);
});
afterAll(() => temp.remove());

const monthly = (file: string, ...args: string[]) =>
  runUpsellJson<MetricResult>(['rate', temp.path(file), '--period', 'month', '--format', 'json', ...args]);
const counts = (result: MetricResult) => result.rows.map((r) => [r.period, r.numerator, r.denominator]);

describe('--tz', () => {
  it('puts orders near midnight UTC in the month they have in UTC by default', () => {
    expect(counts(monthly('near-midnight.csv'))).toEqual([
      ['2024-01', 1, 2],
      ['2024-02', 0, 3],
    ]);
  });

  it('puts the same orders in the next month in Asia/Tokyo', () => {
    expect(counts(monthly('near-midnight.csv', '--tz', 'Asia/Tokyo'))).toEqual([
      ['2024-01', 0, 1],
      ['2024-02', 1, 3],
    ]);
  });

  it('names the time zone in the definition', () => {
    expect(monthly('near-midnight.csv', '--tz', 'Asia/Tokyo').definition.timeZone).toBe('Asia/Tokyo');
  });

  it('reads a time without an offset as a wall-clock time in the given zone', () => {
    // Read as UTC and shown in New York, 00:30 on 1 February would fall in January.
    expect(counts(monthly('wall-clock.csv', '--tz', 'America/New_York'))).toEqual([
      ['2024-01', 0, 1],
      ['2024-02', 1, 1],
    ]);
  });
});
