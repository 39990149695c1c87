// On Citus for real, when UPSELL_TEST_CITUS_URL names a coordinator with workers (Debian has no
// Citus package, so CI has none; docs/warehouse.md says how this was run). Purchases distributed
// by customer, customers co-located, the catalog a reference table: the statement's numbers
// equal the engine's, and its plan runs the windows in tasks on the workers.
import { randomUUID } from 'node:crypto';
import { computeMetric, computeMrrMovements, type DefinitionInput } from '@upsell/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSqlMetricResult,
  buildSqlMrrResult,
  compileDrillDownQuery,
  compileRateQuery,
  compileSubscriptionQuery,
  runSubscriptionQuery,
  type SqlColumn,
  sqlColumnType,
} from '../src/index.ts';
import { WORKED_EXAMPLE } from '../src/subscriptions/worked-example.test-support.ts';

const url = process.env.UPSELL_TEST_CITUS_URL;

const header = ['line', 'order_id', 'customer_id', 'purchased_at', 'product_id', 'amount', 'channel'];
const rows = [
  ['2', 'o1', 'A', '2024-01-05T10:00:00Z', 'basic', '10.00', 'online'],
  ['3', 'o1', 'A', '2024-01-05T10:00:00Z', 'pro', '20.00', 'online'],
  ['4', 'o2', 'B', '2024-01-20T09:00:00Z', 'pro', '20.00', 'sales'],
  ['5', 'o3', 'A', '2024-02-03T08:00:00Z', 'pro', '20.00', 'online'],
  ['6', 'o4', 'B', '2024-02-10T11:00:00Z', 'basic', '10.00', 'sales'],
  ['7', 'o5', 'C', '2024-02-14T12:00:00Z', 'basic', '10.00', 'online'],
  ['8', 'o6', 'A', '2024-03-02T13:00:00Z', 'max', '30.00', 'online'],
  ['9', 'o6', 'A', '2024-03-02T13:00:00Z', 'backup', '5.00', 'online'],
  ['10', 'o7', 'B', '2024-03-09T14:00:00Z', 'max', '30.00', 'online'],
  ['11', 'o8', 'D', '2024-03-10T15:00:00Z', 'basic', '10.00', 'partner'],
];
const catalog = [
  ['basic', '1', 'plan'],
  ['pro', '2', 'plan'],
  ['max', '3', 'plan'],
  ['backup', '1', 'storage'],
];
const customers = [
  ['A', 'EU'],
  ['B', 'US'],
  ['C', ''],
];

describe.skipIf(url === undefined)('on Citus (UPSELL_TEST_CITUS_URL)', () => {
  const client = new pg.Client(url);
  const prefix = `u${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const names = {
    purchases: `${prefix}_purchases`,
    customers: `${prefix}_customers`,
    catalog: `${prefix}_catalog`,
  };
  const described: Record<string, SqlColumn[]> = {};

  beforeAll(async () => {
    await client.connect();
    await client.query(
      `CREATE TABLE ${names.purchases} (line integer, order_id text, customer_id text, purchased_at timestamptz, product_id text, amount numeric(18,4), channel text)`,
    );
    await client.query(`CREATE TABLE ${names.customers} (customer_id text, region text)`);
    await client.query(`CREATE TABLE ${names.catalog} (product_id text, tier integer, family text)`);
    await client.query(
      `SELECT create_distributed_table('${names.purchases}', 'customer_id', shard_count => 8)`,
    );
    await client.query(
      `SELECT create_distributed_table('${names.customers}', 'customer_id', colocate_with => '${names.purchases}')`,
    );
    await client.query(`SELECT create_reference_table('${names.catalog}')`);
    for (const row of rows)
      await client.query(`INSERT INTO ${names.purchases} VALUES ($1, $2, $3, $4, $5, $6, $7)`, row);
    for (const row of customers) await client.query(`INSERT INTO ${names.customers} VALUES ($1, $2)`, row);
    for (const row of catalog) await client.query(`INSERT INTO ${names.catalog} VALUES ($1, $2, $3)`, row);
    for (const name of Object.values(names)) {
      const result = await client.query(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
        [name],
      );
      described[name] = result.rows.map((r) => ({
        name: r.column_name,
        type: sqlColumnType('postgres', r.data_type),
      }));
    }
  });
  afterAll(async () => {
    for (const name of Object.values(names))
      await client.query(`DROP TABLE IF EXISTS ${name}`).catch(() => {});
    await client.end();
  });

  const optionsOf = (definition: DefinitionInput) => ({
    dialect: 'postgres' as const,
    definition,
    position: 'line',
    purchases: {
      relation: { kind: 'table' as const, name: names.purchases },
      columns: described[names.purchases]!,
    },
    customers: {
      relation: { kind: 'table' as const, name: names.customers },
      columns: described[names.customers]!,
    },
    catalog: {
      relation: { kind: 'table' as const, name: names.catalog },
      columns: described[names.catalog]!,
    },
  });
  const engine = (definition: DefinitionInput) =>
    computeMetric([{ header, rows }], {
      definition,
      customers: {
        attributes: ['region'],
        values: new Map(customers.map(([id, region]) => [id!, [region || '(unknown)']])),
      },
      catalog: {
        tiers: new Map(catalog.map(([product, tier]) => [product!, Number(tier)])),
        families: new Map(catalog.map(([product, , family]) => [product!, family!])),
      },
    });

  for (const definition of [
    { period: 'month', by: ['channel'] },
    { period: 'month', by: ['region'], eligible: 'existing' },
    { period: 'quarter', metric: 'purchase-upsell-rate', by: ['channel'], timeZone: 'Europe/Paris' },
  ] as DefinitionInput[]) {
    it(`gives the engine's numbers: ${JSON.stringify(definition)}`, async () => {
      const query = compileRateQuery(optionsOf(definition));
      const result = await client.query(query.statement.text, [...query.statement.params]);
      expect(buildSqlMetricResult(query, result.rows)).toEqual(engine(definition));
    });
  }

  it("lists a row's customers there, the lines fetched by a JSON list of ids", async () => {
    const definition: DefinitionInput = { period: 'month', by: ['channel'] };
    const rate = compileRateQuery(optionsOf(definition));
    const result = buildSqlMetricResult(
      rate,
      (await client.query(rate.statement.text, [...rate.statement.params])).rows,
    );
    const drill = compileDrillDownQuery(optionsOf(definition), {
      period: '2024-03',
      segment: { channel: 'online' },
      limit: 10,
    });
    const page = (await client.query(drill.page.text, [...drill.page.params])).rows;
    const linesOf = drill.linesOf(drill.customersOf(page));
    const lines = (await client.query(linesOf.text, [...linesOf.params])).rows;
    const drillDown = drill.build(page, lines, result);
    const row = result.rows.find((r) => r.period === '2024-03' && r.segment.channel === 'online')!;
    expect(drillDown.total).toBe(row.denominator);
    expect(drillDown.customers?.filter((c) => c.inNumerator).length).toBe(row.numerator);
  });

  it('runs the windows on the workers, one task per shard', async () => {
    const query = compileRateQuery(optionsOf({ period: 'month', by: ['channel'] }));
    const plan = await client.query(`EXPLAIN ${query.statement.text}`, [...query.statement.params]);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    // The subplan that holds the windows is a multi-shard task list, not the coordinator's.
    const subplans = text.split(/->\s+Distributed Subplan/).slice(1);
    const windowed = subplans.filter((s) => s.includes('WindowAgg'));
    expect(windowed.length).toBeGreaterThan(0);
    for (const subplan of windowed) expect(subplan).toMatch(/Task Count: 8/);
  });
});

describe.skipIf(url === undefined)('subscriptions on Citus (UPSELL_TEST_CITUS_URL)', () => {
  const client = new pg.Client(url);
  const states = `s${randomUUID().replaceAll('-', '').slice(0, 10)}_states`;
  // The worked example, and a subscription whose second state overlaps its first (rejected).
  const rows = [
    ...WORKED_EXAMPLE.rows,
    ['E', 'e1', 'basic', '1', '2024-02-01', '2024-04-01', '10.00', 'month', '1'],
    ['E', 'e1', 'pro', '2', '2024-03-01', '', '50.00', 'month', '1'],
  ];
  let columns: SqlColumn[] = [];

  beforeAll(async () => {
    await client.connect();
    await client.query(
      `CREATE TABLE ${states} (pos integer, ${WORKED_EXAMPLE.header.map((h) => `"${h}" text`).join(', ')})`,
    );
    await client.query(`SELECT create_distributed_table('${states}', 'customer_id', shard_count => 8)`);
    for (const [i, row] of rows.entries()) {
      await client.query(
        `INSERT INTO ${states} VALUES (${[i + 2, ...row].map((_, k) => `$${k + 1}`).join(', ')})`,
        [i + 2, ...row],
      );
    }
    const described = await client.query(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [states],
    );
    columns = described.rows.map((r) => ({
      name: r.column_name,
      type: sqlColumnType('postgres', r.data_type),
    }));
  });
  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS ${states}`).catch(() => {});
    await client.end();
  });

  const queryOf = (definition: DefinitionInput) =>
    compileSubscriptionQuery({
      dialect: 'postgres',
      definition,
      subscriptions: { relation: { kind: 'table', name: states }, columns },
      position: 'pos',
    });

  it("gives the engine's MRR bridge, the overlapping state rejected", async () => {
    const definition: DefinitionInput = { period: 'month' };
    const query = queryOf(definition);
    const result = await runSubscriptionQuery(query, async (statement) => {
      return (await client.query(statement.text, [...statement.params])).rows;
    });
    const bridge = buildSqlMrrResult(query, result);
    expect(bridge).toEqual(
      computeMrrMovements([{ header: WORKED_EXAMPLE.header, rows: rows as string[][] }], { definition }),
    );
    expect(bridge.input).toEqual({ rows: 10, accepted: 9, rejected: 1 });
  });

  it('runs the tangled states statement on the workers, and reads the rows there for the counters', async () => {
    const query = queryOf({ period: 'month' });
    const explain = async (statement: { text: string; params: readonly (string | number)[] }) =>
      (await client.query(`EXPLAIN ${statement.text}`, [...statement.params])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    // The tangled statement is one query pushed down whole: its windows run in 8 tasks.
    const tangled = await explain(query.tangled);
    expect(tangled).toMatch(/Task Count: 8[\s\S]*WindowAgg/);
    expect(tangled).not.toContain('Distributed Subplan');
    // The counters' statement reads and checks the rows in 8 tasks; its later steps, CTEs read
    // more than once, run over their intermediate results on the coordinator (docs/warehouse.md).
    const counters = await explain(query.statementWith([]));
    const subplans = counters.split(/->\s+Distributed Subplan/).slice(1);
    expect(subplans[0]).toMatch(/Task Count: 8/);
  });
});
