import type { DefinitionInput, MetricResult } from '@upsell/core';
import { testPostgresServerUrl } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSqlMetricResult,
  compileRateQuery,
  mergeRateRows,
  readRateRows,
  type SqlRateRows,
} from '../src/index.ts';
import { openDuckdbTestDatabase } from './duckdb-test-database.ts';
import {
  compileOptionsOf,
  expectShardedSqlEqualsEngine,
  expectSqlEqualsEngine,
  sqlMetricResult,
} from './expect-sql-equals-engine.ts';
import {
  DST_GAP,
  DST_OVERLAP,
  FORTY_CUSTOMERS,
  MONTH_END_INSTANT,
  PADDED_ID,
  TIER_EXAMPLE,
} from './hand-worked-cases.ts';
import { openPostgresTestDatabase } from './postgres-test-database.ts';
import type { PurchaseCase } from './purchase-case.ts';
import type { TestSqlDatabase } from './test-sql-database.ts';

/** period, segment values, numerator / denominator of each row. */
const counts = (result: MetricResult) =>
  result.rows.map((row) => [
    row.period,
    Object.values(row.segment).join(','),
    `${row.numerator}/${row.denominator}`,
  ]);

function handWorkedSuite(open: () => Promise<TestSqlDatabase>) {
  let database: TestSqlDatabase;
  let tables = 0;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  /** The SQL's result on a case, after checking it equals the engine's. */
  async function sqlResult(purchaseCase: PurchaseCase, definition: DefinitionInput): Promise<MetricResult> {
    const loaded = await database.load(purchaseCase, `hand_${++tables}`);
    try {
      await expectSqlEqualsEngine(database, purchaseCase, loaded, definition);
      return await sqlMetricResult(
        database,
        compileOptionsOf(database.dialect, purchaseCase, loaded, definition),
      );
    } finally {
      await loaded.drop();
    }
  }

  it('counts the tier example’s customer upsell rate by month as worked by hand, with its revenue', async () => {
    const result = await sqlResult(TIER_EXAMPLE, { period: 'month' });
    expect(result.definition.rule).toBe('tier');
    expect(counts(result)).toEqual([
      ['2024-01', '', '0/2'],
      ['2024-02', '', '0/3'],
      ['2024-03', '', '2/3'],
    ]);
    expect(result.rows.map((row) => row.revenue)).toEqual([
      { total: 50, upsell: 0, upsellShare: 0 },
      { total: 40, upsell: 0, upsellShare: 0 },
      { total: 65, upsell: 60, upsellShare: 0.923077 },
    ]);
    expect(result.input).toEqual({ rows: 9, accepted: 9, rejected: 0 });
  });

  it('counts the tier example’s purchase up-sell and customer cross-sell rates as worked by hand', async () => {
    const purchase = await sqlResult(TIER_EXAMPLE, { period: 'month', metric: 'purchase-upsell-rate' });
    expect(counts(purchase).map((row) => row[2])).toEqual(['0/3', '0/3', '2/3']);
    const crossSell = await sqlResult(TIER_EXAMPLE, { period: 'month', metric: 'customer-cross-sell-rate' });
    expect(counts(crossSell).map((row) => row[2])).toEqual(['0/2', '0/3', '1/3']);
  });

  it('segments the tier example by channel: customers by their first line, lines by their own', async () => {
    const customers = await sqlResult(TIER_EXAMPLE, { period: 'month', by: ['channel'], from: '2024-03' });
    expect(counts(customers)).toEqual([
      ['2024-03', 'online', '1/2'],
      ['2024-03', 'sales', '1/1'],
    ]);
    const lines = await sqlResult(TIER_EXAMPLE, {
      period: 'month',
      by: ['channel'],
      from: '2024-03',
      metric: 'purchase-upsell-rate',
    });
    expect(counts(lines)).toEqual([['2024-03', 'online', '2/3']]);
  });

  it('counts the tier example under existing and active eligibility as docs/metrics.md tabulates', async () => {
    const existing = await sqlResult(TIER_EXAMPLE, { period: 'month', eligible: 'existing' });
    expect(counts(existing).map((row) => `${row[0]} ${row[2]}`)).toEqual(['2024-02 0/2', '2024-03 2/3']);
    const active = await sqlResult(TIER_EXAMPLE, { period: 'month', eligible: 'active' });
    expect(counts(active).map((row) => `${row[0]} ${row[2]}`)).toEqual([
      '2024-01 0/2',
      '2024-02 0/3',
      '2024-03 2/2',
    ]);
  });

  it('reads a wall time in the Paris DST gap with the offset before the change', async () => {
    const paris = await sqlResult(DST_GAP, { period: 'all', timeZone: 'Europe/Paris' });
    expect(counts(paris)).toEqual([['all', '', '1/1']]);
  });

  it('reads a wall time in the Paris DST overlap as the earlier instant', async () => {
    const paris = await sqlResult(DST_OVERLAP, { period: 'all', timeZone: 'Europe/Paris' });
    expect(counts(paris)).toEqual([['all', '', '1/1']]);
    // In UTC 02:30 is after 01:00Z: pro is the initial order and basic a downgrade.
    const utc = await sqlResult(DST_OVERLAP, { period: 'all', timeZone: 'UTC' });
    expect(counts(utc)).toEqual([['all', '', '0/1']]);
  });

  it('trims a customer id with spaces around it in DuckDB, and PostgreSQL refuses it (Citus partitions by the stored id)', async () => {
    const loaded = await database.load(PADDED_ID, `hand_${++tables}`);
    try {
      const options = compileOptionsOf(database.dialect, PADDED_ID, loaded, { period: 'all' });
      if (database.dialect === 'duckdb') {
        await expectSqlEqualsEngine(database, PADDED_ID, loaded, { period: 'all' });
        expect(counts(await sqlMetricResult(database, options))).toEqual([['all', '', '1/1']]);
      } else {
        await expect(sqlMetricResult(database, options)).rejects.toMatchObject({
          code: 'UNTRIMMED_CUSTOMER_IDS',
          details: { rows: 1 },
        });
      }
    } finally {
      await loaded.drop();
    }
  });

  it('splits the customers into disjoint shards that add up to the whole: 40 customers, 14 upsold in February', async () => {
    const loaded = await database.load(FORTY_CUSTOMERS, `hand_${++tables}`);
    try {
      const options = compileOptionsOf(database.dialect, FORTY_CUSTOMERS, loaded, { period: 'month' });
      const shards: SqlRateRows[] = [];
      for (let index = 0; index < 3; index++) {
        const compiled = compileRateQuery({ ...options, customerShard: { count: 3, index } });
        shards.push(readRateRows(compiled, await database.query(compiled.statement)));
      }
      // Every shard holds some customers and none holds them all; every shard read all 54 rows.
      const customers = shards.map((shard) => shard.counters.customers);
      expect(customers.every((n) => n > 0 && n < 40)).toBe(true);
      expect(customers.reduce((a, b) => a + b)).toBe(40);
      expect(shards.map((shard) => shard.accounting.rows)).toEqual([54, 54, 54]);
      const merged = buildSqlMetricResult(compileRateQuery(options), mergeRateRows(shards));
      expect(counts(merged)).toEqual([
        ['2024-01', '', '0/40'],
        ['2024-02', '', '14/40'],
      ]);
      expect(merged.input).toEqual({ rows: 54, accepted: 54, rejected: 0 });
      await expectShardedSqlEqualsEngine(database, FORTY_CUSTOMERS, loaded, { period: 'month' }, 3);
      // A shard that is not one of the count is refused before anything runs.
      expect(() => compileRateQuery({ ...options, customerShard: { count: 3, index: 3 } })).toThrow(
        /index 0 to count - 1\); got index 3 of 3/,
      );
      expect(() =>
        mergeRateRows([shards[0]!, { ...shards[1]!, accounting: { rows: 55, accepted: 1, rejected: 54 } }]),
      ).toThrow(/the table changed between them/);
    } finally {
      await loaded.drop();
    }
  });

  it('cuts months in the report’s zone: 2024-01-31T23:30Z is February in Paris', async () => {
    const paris = await sqlResult(MONTH_END_INSTANT, { period: 'month', timeZone: 'Europe/Paris' });
    expect(counts(paris)).toEqual([['2024-02', '', '1/1']]);
    const utc = await sqlResult(MONTH_END_INSTANT, { period: 'month', timeZone: 'UTC' });
    expect(counts(utc)).toEqual([
      ['2024-01', '', '0/1'],
      ['2024-02', '', '1/1'],
    ]);
  });
}

describe('hand-worked cases in DuckDB', () => {
  handWorkedSuite(openDuckdbTestDatabase);
});

describe.skipIf(!testPostgresServerUrl())(
  'hand-worked cases in PostgreSQL (UPSELL_TEST_DATABASE_URL names the server; skipped when it is unset)',
  () => {
    handWorkedSuite(openPostgresTestDatabase);
  },
);
