import type { DefinitionInput } from '@upsell/core';
import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
  testPostgresServerUrl,
} from '@upsell/test-support';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './open-source.ts';
import { parseSourceUrl } from './parse-source-url.ts';
import { customerShardsOf, describeSource, runSourceMetric } from './run-source-metric.ts';
import {
  arbitraryRows,
  engineResult,
  loadRows,
  type Row,
  TEXT,
  TYPED,
  WORKED,
} from './source-rows.test-support.ts';
import type { SqlConnection } from './sql-connection.ts';

const DEFINITIONS: DefinitionInput[] = [
  { period: 'month', rule: 'tier' },
  { period: 'month', rule: 'tier', by: ['channel'] },
  { metric: 'purchase-upsell-rate', period: 'quarter', rule: 'tier' },
  { period: 'week', rule: 'additional', eligible: 'existing', timeZone: 'Europe/Berlin' },
];

/** The cases every source runs: the worked example by hand, and the engine on random rows. */
function sourceCases(
  dialect: 'duckdb' | 'postgres',
  session: () => {
    connection: SqlConnection;
    run: (text: string, params: (string | null)[]) => Promise<unknown>;
  },
) {
  it('gives the worked example its hand-counted rates', async () => {
    const { connection, run } = session();
    await loadRows(run, 'worked', TYPED[dialect], WORKED);
    const { result, accounting, issues } = await runSourceMetric({
      connection,
      table: 'worked',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
    });
    expect(result.rows.map((row) => [row.period, row.numerator, row.denominator])).toEqual([
      ['2024-01', 0, 2],
      ['2024-02', 1, 3],
      ['2024-03', 0, 3],
    ]);
    expect(accounting).toEqual({ rows: 5, accepted: 5, rejected: 0 });
    expect(issues).toEqual([]);
  });

  it('gives the same result as the engine on the same rows, typed or text, for every definition', async () => {
    const { connection, run } = session();
    await fc.assert(
      fc.asyncProperty(
        arbitraryRows,
        fc.constantFrom(...DEFINITIONS),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        async (rows, definition, typed, customerShards) => {
          await loadRows(run, 'random', typed ? TYPED[dialect] : TEXT[dialect], rows);
          const shardsDone: number[] = [];
          const { result } = await runSourceMetric({
            connection,
            table: 'random',
            position: 'pos',
            definition,
            customerShards,
            onShard: (done, count) => shardsDone.push(done / count),
          });
          expect(result).toEqual(engineResult(rows, definition));
          expect(shardsDone).toEqual(
            Array.from({ length: customerShards }, (_, i) => (i + 1) / customerShards),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('runs DuckDB in a shard per so many rows, PostgreSQL in one, and refuses a count out of range', async () => {
    const { connection, run } = session();
    await loadRows(run, 'sharded', TYPED[dialect], WORKED);
    const compileOptions = await describeSource({
      connection,
      table: 'sharded',
      definition: { period: 'month', rule: 'tier' },
    });
    // WORKED has 5 rows: 2 per shard makes 3 shards on DuckDB.
    expect(await customerShardsOf(connection, compileOptions, undefined, 2)).toBe(
      dialect === 'duckdb' ? 3 : 1,
    );
    expect(await customerShardsOf(connection, compileOptions)).toBe(1);
    expect(await customerShardsOf(connection, compileOptions, 4)).toBe(4);
    await expect(customerShardsOf(connection, compileOptions, 0)).rejects.toThrow(
      'customer shards: give a whole number from 1 to 10000, not 0',
    );
    const output = await runSourceMetric({
      connection,
      table: 'sharded',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
      customerShards: 2,
    });
    expect(output.customerShards).toBe(2);
    expect(output.result).toEqual(engineResult(WORKED, { period: 'month', rule: 'tier' }));
  });

  it('lists a bad row with its position and reason, and counts it', async () => {
    const { connection, run } = session();
    const rows: Row[] = [...WORKED, ['6', '', '2024-03-02T00:00:00Z', 'p1', '1', '1.00', 'online']];
    await loadRows(run, 'with_bad', TEXT[dialect], rows);
    const output = await runSourceMetric({
      connection,
      table: 'with_bad',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
    });
    expect(output.accounting).toEqual({ rows: 6, accepted: 5, rejected: 1 });
    expect(output.issues).toHaveLength(1);
    expect(output.issues[0]).toMatchObject({
      line: 6,
      columnName: 'customer_id',
      reason: 'customer_id is empty',
    });
    expect(output.result.input).toEqual(engineResult(rows, { period: 'month', rule: 'tier' }).input);
  });
}

describe('runSourceMetric on DuckDB', () => {
  let connection: SqlConnection;
  beforeAll(async () => {
    connection = await openSource(parseSourceUrl('duckdb::memory:'), { readOnly: false });
  });
  afterAll(() => connection.close());
  sourceCases('duckdb', () => ({
    connection,
    run: (text, params) => connection.query({ text, params: params as string[] }),
  }));
});

const server = testPostgresServerUrl();

describe.skipIf(server === undefined)('runSourceMetric on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let writer: pg.Client;
  let connection: SqlConnection;
  beforeAll(async () => {
    database = await createTestPostgresDatabase({ prefix: 'upsell_warehouse_test_' });
    writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    connection = await openSource(parseSourceUrl(database.url), { statementTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await connection?.close();
    await writer?.end();
    await database?.drop();
  });
  sourceCases('postgres', () => ({
    connection,
    run: (text, params) => writer.query(text, params),
  }));
});
