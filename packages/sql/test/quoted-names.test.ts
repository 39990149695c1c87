import type { DefinitionInput } from '@upsell/core';
import { testPostgresServerUrl } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSqlMetricResult, compileRateQuery, inlineStatement } from '../src/index.ts';
import { openDuckdbTestDatabase } from './duckdb-test-database.ts';
import { compileOptionsOf, expectSqlEqualsEngine } from './expect-sql-equals-engine.ts';
import { openPostgresTestDatabase } from './postgres-test-database.ts';
import type { PurchaseCase } from './purchase-case.ts';
import { type LoadedCase, quoteName, type TestSqlDatabase } from './test-sql-database.ts';

const INJECTION = `'; drop table victim; --`;

/**
 * Names and values that end a quoted identifier or a string literal if written unescaped, look
 * like parameters, or hold a backslash: in table names, column names (a mapped customer column,
 * a dimension, a customer attribute), customer ids and segment values.
 */
const QUOTED: PurchaseCase = {
  timeMode: 'timestamp',
  columns: [
    { key: 'customer_id', name: 'Client "ID"' },
    { key: 'purchased_at', name: 'purchased_at' },
    { key: 'product_id', name: 'product_id' },
    { key: 'tier', name: 'tier' },
    { key: 'channel', name: 'a"b' },
  ],
  rows: [
    ["o'brien", '2024-01-05T10:00:00', "p'1", '1', INJECTION],
    ["o'brien", '2024-02-05T10:00:00', "p'1", '2', 'a"b'],
    ['x"; --', '2024-01-07T10:00:00', 'p\\2', '1', '$1'],
    ['x"; --', '2024-03-07T10:00:00', 'p\\2', '3', "O'Brien \\"],
    ['plain', '2024-02-01T00:00:00', 'basic', '1', INJECTION],
  ].map((cells, i) => ({
    pos: i + 1,
    cells: {
      customer_id: cells[0]!,
      purchased_at: cells[1]!,
      product_id: cells[2]!,
      tier: cells[3]!,
      channel: cells[4]!,
    },
  })),
  map: { customer_id: 'Client "ID"' },
  customers: {
    idColumn: 'customer_id',
    attributes: ['re"gion $1'],
    rows: [
      { id: "o'brien", values: [`'); ${INJECTION}`] },
      { id: 'x"; --', values: ['$2'] },
    ],
  },
};

const NAMES = {
  purchases: `t"x${INJECTION}`,
  customers: `c'"; --`,
  catalog: 'unused_catalog',
};

const DEFINITIONS: DefinitionInput[] = [
  { period: 'month' },
  { period: 'month', by: ['a"b'] },
  { period: 'quarter', by: ['re"gion $1'], metric: 'customer-cross-sell-rate' },
  { period: 'month', by: ['a"b', 're"gion $1'], metric: 'purchase-upsell-rate' },
];

function quotedNamesSuite(open: () => Promise<TestSqlDatabase>) {
  let database: TestSqlDatabase;
  let loaded: LoadedCase;
  beforeAll(async () => {
    database = await open();
    await database.query({ text: 'CREATE TABLE victim (x integer)', params: [] });
    loaded = await database.load(QUOTED, '', NAMES);
  });
  afterAll(async () => {
    await loaded?.drop();
    await database?.close();
  });

  it.each(DEFINITIONS)(
    'gives the engine’s result with quotes in every name and value (%j)',
    async (definition) => {
      await expectSqlEqualsEngine(database, QUOTED, loaded, definition);
    },
  );

  it.each(DEFINITIONS)(
    'gives the same rows from the statement with its values inlined (%j)',
    async (definition) => {
      const compiled = compileRateQuery(compileOptionsOf(database.dialect, QUOTED, loaded, definition));
      const bound = await database.query(compiled.statement);
      const inlined = await database.query({
        text: inlineStatement(compiled.statement, database.dialect),
        params: [],
      });
      // The statement's rows come in no set order: compare what they hold.
      expect(buildSqlMetricResult(compiled, inlined)).toStrictEqual(buildSqlMetricResult(compiled, bound));
    },
  );

  it('reads a table in a schema whose names hold a quote and a dot ("sch""ema"."purch.ases")', async () => {
    const schema = 'sch"ema';
    const table = `${quoteName(schema)}.${quoteName('purch.ases')}`;
    await database.query({ text: `CREATE SCHEMA ${quoteName(schema)}`, params: [] });
    try {
      await database.query({
        text: `CREATE TABLE ${table} AS SELECT * FROM ${quoteName(NAMES.purchases)}`,
        params: [],
      });
      const inSchema: LoadedCase = {
        ...loaded,
        purchases: { ...loaded.purchases, relation: { kind: 'table', name: table } },
      };
      await expectSqlEqualsEngine(database, QUOTED, inSchema, { period: 'month', by: ['a"b'] });
    } finally {
      await database.query({ text: `DROP SCHEMA ${quoteName(schema)} CASCADE`, params: [] });
    }
  });

  it('leaves every table in place', async () => {
    const expected: [string, number][] = [
      ['victim', 0],
      [NAMES.purchases, QUOTED.rows.length],
      [NAMES.customers, QUOTED.customers!.rows.length],
    ];
    for (const [name, count] of expected) {
      const rows = await database.query({ text: `SELECT count(*) AS n FROM ${quoteName(name)}`, params: [] });
      expect(Number(rows[0]!.n), name).toBe(count);
    }
  });
}

describe('names and values with quotes in DuckDB', () => {
  quotedNamesSuite(openDuckdbTestDatabase);
});

describe.skipIf(!testPostgresServerUrl())(
  'names and values with quotes in PostgreSQL (UPSELL_TEST_DATABASE_URL names the server; skipped when it is unset)',
  () => {
    quotedNamesSuite(openPostgresTestDatabase);
  },
);
