import { performance } from 'node:perf_hooks';
import { buildSqlMetricResult, compileRateQuery, type SqlColumn, sqlColumnType } from '@upsell/sql';
import pg from 'pg';
import { WAREHOUSE_DEFINITION } from './warehouse-definition.ts';
import { POSITION_COLUMN } from './warehouse-postgres-load.ts';

/** One timed run of the compiled statement in PostgreSQL. */
export interface PostgresRate {
  /** `max_parallel_workers_per_gather` of the session. */
  workers: number;
  /** From sending the statement to holding its rows. */
  seconds: number;
  /** Whether the plan has a Gather node, that is whether workers could share the query. */
  parallelPlan: boolean;
  /** The result as `upsell rate --format json` prints it. */
  json: string;
}

async function describeTable(client: pg.Client, table: string): Promise<SqlColumn[]> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  if (rows.length === 0) throw new Error(`describeTable: no table "${table}" in the current schema`);
  return rows.map((row) => ({ name: row.column_name, type: sqlColumnType('postgres', row.data_type) }));
}

/**
 * Compiles the warehouse bench's definition for PostgreSQL over `table` (ties by its `pos`
 * column), runs it in a session with `max_parallel_workers_per_gather = workers` and the server's
 * other settings as they are, and builds the result the engine prints. The plan is read first
 * with EXPLAIN (not timed) to say whether it is parallel.
 *
 * @example
 * const run = await timePostgresRate({ url, table: 'upsell_bench_purchases_10000000', workers: 2 });
 * // { workers: 2, seconds: 14.2, parallelPlan: true, json: '{\n  "metric": ...' }
 */
export async function timePostgresRate(options: {
  url: string;
  table: string;
  workers: number;
}): Promise<PostgresRate> {
  const { url, table, workers } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET max_parallel_workers_per_gather = ${Number(workers)}`);
    const compiled = compileRateQuery({
      dialect: 'postgres',
      definition: WAREHOUSE_DEFINITION,
      purchases: { relation: { kind: 'table', name: table }, columns: await describeTable(client, table) },
      position: POSITION_COLUMN,
    });
    const { text, params } = compiled.statement;
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, [...params]);
    const parallelPlan = plan.rows.some((row) => /\bGather\b/.test(row['QUERY PLAN']));
    const start = performance.now();
    const { rows } = await client.query<Record<string, unknown>>(text, [...params]);
    const seconds = (performance.now() - start) / 1000;
    const json = `${JSON.stringify(buildSqlMetricResult(compiled, rows), null, 2)}\n`;
    return { workers, seconds, parallelPlan, json };
  } finally {
    await client.end();
  }
}
