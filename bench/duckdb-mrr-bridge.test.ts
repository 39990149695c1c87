import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MrrBridge, type MrrBridgeOptions, queryMrrBridge } from './duckdb-mrr-bridge.ts';

const EXAMPLES = fileURLToPath(new URL('../examples/subscriptions/', import.meta.url));
const HEADER =
  'customer_id,subscription_id,plan_id,starts_at,ends_at,amount,interval,interval_count,currency\n';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
  dir = await mkdtemp(join(tmpdir(), 'mrr-bridge-'));
});

afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function bridgeOf(csv: string, options: MrrBridgeOptions = {}): Promise<MrrBridge> {
  const path = join(dir, `states-${files++}.csv`);
  await writeFile(path, csv);
  return queryMrrBridge(connection, path, options);
}

const row = (bridge: MrrBridge, period: string) => bridge.rows.find((r) => r.period === period);

/** mrr_start + new + reactivation + expansion - contraction - churn, in exact fractions. */
function identityHolds(bridge: MrrBridge): boolean {
  const value = (text: string) => {
    const [n, d] = text.split('/').map(BigInt) as [bigint, bigint];
    return { n, d };
  };
  return Object.values(bridge.exact).every((x) => {
    const terms = [x.mrr_start, x.new, x.reactivation, x.expansion].map(value);
    const minus = [x.contraction, x.churn, x.mrr_end].map(value);
    const common = [...terms, ...minus].reduce((l, t) => l * t.d, 1n);
    const sum = (list: { n: bigint; d: bigint }[]) => list.reduce((s, t) => s + (t.n * common) / t.d, 0n);
    return sum(terms) === sum(minus);
  });
}

describe('queryMrrBridge on the spec worked example', () => {
  it('gives the spec table exactly, month by month', async () => {
    const bridge = await queryMrrBridge(connection, join(EXAMPLES, 'worked-example-states.csv'));
    const figures = bridge.rows.map((r) => [
      r.period,
      r.mrr_start,
      r.new,
      r.reactivation,
      r.expansion,
      r.contraction,
      r.churn,
      r.mrr_end,
      r.customers_start,
      r.customers_end,
    ]);
    expect(figures).toEqual([
      ['2024-01', 0, 30, 0, 0, 0, 0, 30, 0, 3],
      ['2024-02', 30, 10, 0, 0, 0, 10, 30, 3, 3],
      ['2024-03', 30, 0, 0, 45, 0, 0, 75, 3, 3],
      ['2024-04', 75, 0, 0, 0, 0, 10, 65, 3, 2],
      ['2024-05', 65, 0, 10, 0, 0, 0, 75, 2, 3],
    ]);
    // A, B, D new in January; C new and D churned in February; B churned in April; D back in May.
    expect(bridge.rows.map((r) => [r.new_customers, r.churned_customers, r.reactivated_customers])).toEqual([
      [3, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(bridge.exact['2024-02']!.new).toBe('10/1');
    expect(bridge.states).toBe(8);
    expect(identityHolds(bridge)).toBe(true);
  });
});

describe('queryMrrBridge on the billing export, with --map and FX rates', () => {
  const options: MrrBridgeOptions = {
    fxPath: join(EXAMPLES, 'fx-rates.csv'),
    columns: {
      subscription_id: 'Subscription Item ID',
      starts_at: 'Effective From (UTC)',
      ends_at: 'Effective Until (UTC)',
    },
  };
  let bridge: MrrBridge;
  beforeAll(async () => {
    bridge = await queryMrrBridge(connection, join(EXAMPLES, 'billing-export.csv'), options);
  });

  it('converts at the rate dated on or before the start: January new = 29 + 9900 x 1.0850 / 12 + 245 + 20 x 1.0850 + 29', () => {
    // 29 + 895.125 + 245 + 21.70 + 29 = 1,219.825 exactly, printed 1,219.83 (half away from zero).
    expect(bridge.exact['2024-01']!.new).toBe('48793/40');
    expect(row(bridge, '2024-01')).toMatchObject({ new: 1219.83, customers_end: 5, new_customers: 5 });
  });

  it('counts a converted trial from its first paid day, at that month rate: February new = 78 x 1.2650 + 99', () => {
    expect(row(bridge, '2024-02')).toMatchObject({ new: 197.67, new_customers: 2, customers_end: 7 });
  });

  it('reads Interval Count as interval_count: a quarterly 210.00 GBP is 70 x 1.2660 = 88.62 a month', () => {
    expect(row(bridge, '2024-03')).toMatchObject({ new: 88.62, expansion: 118 });
  });

  it('gives a state its own rate: the discount ending on 2024-05-08 is 25 x 1.0730 - 20 x 1.0850 = +5.125', () => {
    expect(bridge.exact['2024-05']!.expansion).toBe('41/8');
    expect(row(bridge, '2024-05')).toMatchObject({ expansion: 5.13, contraction: 49 });
  });

  it('nets an upgrade made hours after signing up into new, and never counts a trial that does not convert', () => {
    expect(row(bridge, '2024-06')).toMatchObject({
      new: 49,
      contraction: 50,
      churn: 98.67,
      new_customers: 1,
    });
    expect(row(bridge, '2024-04')).toMatchObject({ new: 0, new_customers: 0 });
  });

  it('calls a return after churn a reactivation, on a new subscription too', () => {
    expect(row(bridge, '2024-08')).toMatchObject({
      reactivation: 100.23,
      reactivated_customers: 1,
      customers_end: 8,
    });
    expect(identityHolds(bridge)).toBe(true);
  });
});

describe('queryMrrBridge edge cases', () => {
  it('converts every interval exactly: day 12/365 of a month, week 12/52, quarter 3, year 12, times interval_count', async () => {
    const bridge = await bridgeOf(
      `${HEADER}a,1,p,2024-01-01,,1.00,day,1,\nb,1,p,2024-01-01,,12.00,week,,\nc,1,p,2024-01-01,,30.00,quarter,1,\nd,1,p,2024-01-01,,1200.00,year,1,\ne,1,p,2024-01-01,,60.00,month,2,\n`,
    );
    // 365/12 + 52 + 10 + 100 + 30 = 192 + 365/12 = 2669/12 = 222.4166...
    expect(bridge.exact['2024-01']!.new).toBe('2669/12');
    expect(row(bridge, '2024-01')!.new).toBe(222.42);
  });

  it('nets changes within a day: cancel and re-subscribe the same day at the same price is no movement', async () => {
    const bridge = await bridgeOf(
      `${HEADER}a,1,p,2024-01-10,2024-02-05T10:00:00Z,10,month,1,\na,2,p,2024-02-05T18:00:00Z,,10,month,1,\n`,
    );
    expect(row(bridge, '2024-02')).toMatchObject({
      new: 0,
      churn: 0,
      reactivation: 0,
      mrr_start: 10,
      mrr_end: 10,
    });
  });

  it('a customer who signs up and cancels on one day has no movement: their return later is new', async () => {
    const bridge = await bridgeOf(
      `${HEADER}a,1,p,2024-01-10T08:00:00Z,2024-01-10T20:00:00Z,10,month,1,\na,2,p,2024-03-01,,20,month,1,\n`,
    );
    expect(row(bridge, '2024-01')).toMatchObject({ new: 0, new_customers: 0 });
    expect(row(bridge, '2024-02')).toMatchObject({ mrr_start: 0, mrr_end: 0 });
    expect(row(bridge, '2024-03')).toMatchObject({ new: 20, new_customers: 1, reactivation: 0 });
  });

  it('puts a change at midnight of a month start in the new month', async () => {
    const bridge = await bridgeOf(
      `${HEADER}a,1,p,2024-01-10,2024-02-01T00:00:00Z,10,month,1,\na,1,q,2024-02-01T00:00:00Z,,25,month,1,\n`,
    );
    expect(row(bridge, '2024-01')).toMatchObject({ mrr_end: 10, expansion: 0 });
    expect(row(bridge, '2024-02')).toMatchObject({ mrr_start: 10, expansion: 15, mrr_end: 25 });
  });

  it('reports quiet months between the first start and the last end, and prices trials at 0 as no subscriber', async () => {
    const bridge = await bridgeOf(
      `${HEADER}a,1,p,2024-01-10,2024-01-24,0,month,1,\na,1,p,2024-01-24,2024-04-02,10,month,1,\n`,
    );
    expect(bridge.rows.map((r) => [r.period, r.customers_end, r.mrr_end])).toEqual([
      ['2024-01', 1, 10],
      ['2024-02', 1, 10],
      ['2024-03', 1, 10],
      ['2024-04', 0, 0],
    ]);
  });

  it('leaves out a state in a currency with no rate on or before its start, and takes the latest rate before it', async () => {
    const fx = join(dir, 'fx.csv');
    await writeFile(fx, 'date,currency,rate\n2024-02-01,EUR,1.5\n2024-03-01,EUR,2\n');
    const bridge = await bridgeOf(
      `${HEADER}a,1,p,2024-01-15,,10,month,1,EUR\nb,1,p,2024-02-29,,10,month,1,EUR\nc,1,p,2024-03-01,,10,month,1,eur\n`,
      { fxPath: fx },
    );
    expect(bridge.withoutRate).toBe(1);
    expect(bridge.rows.map((r) => [r.period, r.new])).toEqual([
      ['2024-02', 15],
      ['2024-03', 20],
    ]);
  });

  it('refuses an amount it cannot keep exactly, rather than round it', async () => {
    await expect(bridgeOf(`${HEADER}a,1,p,2024-01-10,,10.000001,month,1,\n`)).rejects.toThrow(
      /at most 4 decimals/,
    );
  });

  it('refuses a state that ends at or before its start', async () => {
    await expect(bridgeOf(`${HEADER}a,1,p,2024-01-10,2024-01-10,10,month,1,\n`)).rejects.toThrow(
      /ends at or before its start \(customer a 2024-01-10/,
    );
  });

  it('refuses an unknown interval', async () => {
    await expect(bridgeOf(`${HEADER}a,1,p,2024-01-10,,10,fortnight,1,\n`)).rejects.toThrow(
      /unknown interval/,
    );
  });
});
