import { writeFileSync } from 'node:fs';
import type { MrrMovementsResult } from '@upsell/core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

// One subscription from 2024-01-05 to 2999-01-01: 356,109 days (975 years less 4 days, 237 leap
// days), 11,701 months (2024-01 to 2999-01), 50,874 ISO weeks (2024-01-01 to 2999-01-06, 356,118
// days). The bound is the server's 50,000 rows.
const temp = makeTempDir();
afterAll(() => temp.remove());
const FAR = temp.path('far.csv');
writeFileSync(
  FAR,
  'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity\nA,a1,basic,1,2024-01-05,2999-01-01,10.00,month,1\n',
);

describe('a result of more rows than the bound is refused before it is built (exit 2)', () => {
  it('says how many rows upsell mrr --period day would have, and the coarser period that fits', () => {
    const { status, stdout, stderr } = runUpsell(['mrr', FAR, '--period', 'day']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'upsell: this result would have 356,109 rows (356,109 day periods from 2024-01-05 to 2999-01-01), over the limit of 50,000: use --period month (11,701 rows), or --from and --to around the periods you want (the history runs to 2999-01-01; an end far in the future is a real end: leave ends_at blank for a subscription still running)\n',
    );
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('skips a coarser period that still does not fit (week: 50,874 rows)', () => {
    const { status, stderr } = runUpsell(['mrr', FAR, '--period', 'week']);
    expect(status).toBe(2);
    expect(stderr).toContain(
      'this result would have 50,874 rows (50,874 week periods from 2024-W01 to 2999-W01)',
    );
    expect(stderr).toContain('use --period month (11,701 rows), or --from and --to');
    expect(stderr).toContain('the history runs to 2999-W01;');
  });

  it('refuses the subscription upsell rate by day too', () => {
    const { status, stderr } = runUpsell([
      'rate',
      FAR,
      '--metric',
      'subscription-upsell-rate',
      '--period',
      'day',
    ]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^upsell: this result would have 356,109 rows/);
  });

  it('answers by day within --from and --to (31 rows of January 2024)', () => {
    const bridge = runUpsellJson<MrrMovementsResult>([
      'mrr',
      FAR,
      '--period',
      'day',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--format',
      'json',
    ]);
    expect(bridge.rows.map((row) => row.period)).toEqual(
      Array.from({ length: 27 }, (_, i) => `2024-01-${String(i + 5).padStart(2, '0')}`),
    );
  });

  it('answers by month: 11,701 rows, the last 2999-01', () => {
    const bridge = runUpsellJson<MrrMovementsResult>(['mrr', FAR, '--period', 'month', '--format', 'json']);
    expect(bridge.rows).toHaveLength(11_701);
    expect(bridge.rows.at(-1)?.period).toBe('2999-01');
  });
});
