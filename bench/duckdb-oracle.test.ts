import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCustomerUpsellRate } from './query-customer-upsell-rate.ts';
import type { RateRow } from './rate-row.ts';

// Seven customers, deliberately not in time order. Segment = channel of the initial order's first line.
// A online: initial order A1 is two lines (storage 1, then storage 2 on channel sales: still online, and
//   the two lines never count against each other); A2 storage 2 is not above 2; A3 storage 3 is an upsell
//   in 2024-03.
// B sales: analytics 2, then a downgrade to 1, then 2 again in 2024-04, which is not above the highest
//   earlier tier (2): no upsell.
// C partner (from 2024-02): support 1, a cross-sell into analytics 3 (new family), analytics 2 (below 3),
//   then support 2 in 2024-04: an upsell.
// D online: two orders at the same instant, 2024-02-01T00:30+01:00 = 2024-01-31T23:30Z (January in UTC).
//   D1 comes first in the file, so it is the initial order (segment online) and D2 storage 2 > 1 is an
//   upsell in 2024-01.
// E sales: a single order in 2024-04, in the denominator from then on.
// F partner: support 1, then F2 with support 2 (upsell) and storage 1 (cross-sell), then F3 support 3
//   (another upsell): counted once in 2024-03.
// G online: analytics 1, then G2 whose lines are at 2024-04-01T01:00Z (first in the file) and
//   2024-03-31T23:00Z; the order's time is its earliest line's, so its analytics 2 upsell is in 2024-03.
const CSV = `order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel
F1,F,2024-01-10T09:00:00Z,SUP-T1,support,1,1,10.00,partner
A1,A,2024-01-05T10:00:00Z,STO-T1,storage,1,1,10.00,online
A1,A,2024-01-05T10:00:00Z,STO-T2,storage,2,1,20.00,sales
B1,B,2024-01-20T08:00:00Z,ANA-T2,analytics,2,1,20.00,sales
G1,G,2024-01-15T12:00:00Z,ANA-T1,analytics,1,1,10.00,online
D1,D,2024-02-01T00:30:00+01:00,STO-T1,storage,1,1,10.00,online
D2,D,2024-02-01T00:30:00+01:00,STO-T2,storage,2,1,20.00,partner
B2,B,2024-02-03T08:00:00Z,ANA-T1,analytics,1,1,10.00,sales
A2,A,2024-02-10T10:00:00Z,STO-T2,storage,2,1,20.00,online
C1,C,2024-02-14T10:00:00Z,SUP-T1,support,1,1,10.00,partner
C2,C,2024-02-20T10:00:00Z,ANA-T3,analytics,3,1,30.00,partner
C3,C,2024-03-02T10:00:00Z,ANA-T2,analytics,2,1,20.00,partner
F2,F,2024-03-05T09:00:00Z,SUP-T2,support,2,1,20.00,partner
F2,F,2024-03-05T09:00:00Z,STO-T1,storage,1,1,10.00,partner
A3,A,2024-03-15T10:00:00Z,STO-T3,storage,3,1,30.00,online
F3,F,2024-03-25T09:00:00Z,SUP-T3,support,3,1,30.00,partner
G2,G,2024-04-01T01:00:00Z,ANA-T2,analytics,2,1,20.00,online
G2,G,2024-03-31T23:00:00Z,ANA-T2,analytics,2,1,20.00,online
B3,B,2024-04-01T08:00:00Z,ANA-T2,analytics,2,1,20.00,sales
C4,C,2024-04-10T10:00:00Z,SUP-T2,support,2,1,20.00,partner
E1,E,2024-04-20T10:00:00Z,STO-T3,storage,3,1,30.00,sales
`;

// Denominators: online A, D, G from 2024-01; partner F from 2024-01 and C from 2024-02; sales B from
// 2024-01 and E from 2024-04. Numerators: D in 2024-01; A, G (online) and F (partner) in 2024-03; C in 2024-04.
const EXPECTED: RateRow[] = [
  { period: '2024-01', channel: 'online', numerator: 1, denominator: 3 },
  { period: '2024-01', channel: 'partner', numerator: 0, denominator: 1 },
  { period: '2024-01', channel: 'sales', numerator: 0, denominator: 1 },
  { period: '2024-02', channel: 'online', numerator: 0, denominator: 3 },
  { period: '2024-02', channel: 'partner', numerator: 0, denominator: 2 },
  { period: '2024-02', channel: 'sales', numerator: 0, denominator: 1 },
  { period: '2024-03', channel: 'online', numerator: 2, denominator: 3 },
  { period: '2024-03', channel: 'partner', numerator: 1, denominator: 2 },
  { period: '2024-03', channel: 'sales', numerator: 0, denominator: 1 },
  { period: '2024-04', channel: 'online', numerator: 0, denominator: 3 },
  { period: '2024-04', channel: 'partner', numerator: 1, denominator: 2 },
  { period: '2024-04', channel: 'sales', numerator: 0, denominator: 2 },
];

describe('queryCustomerUpsellRate', () => {
  let dir: string;
  let rows: RateRow[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upsell-oracle-'));
    const csvPath = join(dir, 'purchases.csv');
    await writeFile(csvPath, CSV);
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    rows = await queryCustomerUpsellRate(connection, csvPath);
    connection.closeSync();
    instance.closeSync();
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the hand-worked numerator and denominator of every month and channel', () => {
    expect(rows).toEqual(EXPECTED);
  });

  it('breaks a tie on the initial order by file position, so D is online with an upsell in January', () => {
    expect(rows.find((row) => row.period === '2024-01' && row.channel === 'online')?.numerator).toBe(1);
  });
});
