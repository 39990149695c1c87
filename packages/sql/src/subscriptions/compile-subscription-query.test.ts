import {
  computeMrrMovements,
  computeSubscriptionRate,
  type DefinitionInput,
  runSubscriptions,
  SUBSCRIPTION_MONEY,
} from '@upsell/core';
import { testPostgresServerUrl } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSubscriptionQuery } from './compile-subscription-query.ts';
import {
  buildSqlMrrResult,
  buildSqlSubscriptionRateResult,
  readSubscriptionRows,
} from './read-subscription-rows.ts';
import { acceptTangledStates, readTangledStates, runSubscriptionQuery } from './run-subscription-query.ts';
import {
  openDuckdbSubscriptionDatabase,
  openPostgresSubscriptionDatabase,
  POSITION,
  type SubscriptionTestDatabase,
  type TextTable,
} from './subscription-table.test-support.ts';
import { WORKED_EXAMPLE } from './worked-example.test-support.ts';

const engineTables = (table: TextTable) => [{ header: table.header, rows: table.rows as string[][] }];
const bridgeOf = (result: ReturnType<typeof buildSqlMrrResult>) =>
  result.rows.map((r) => [
    r.period,
    r.mrr_start,
    r.new,
    r.reactivation,
    r.expansion,
    r.contraction,
    r.churn,
    r.mrr_end,
  ]);

const STATES = ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'ends_at', 'amount'];

function handWorked(open: () => Promise<SubscriptionTestDatabase>) {
  let db: SubscriptionTestDatabase;
  let tables = 0;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => db?.close());

  const run = async (table: TextTable, definition: DefinitionInput, currency?: string) => {
    const subscriptions = await db.load(`hand_${++tables}`, table);
    const query = compileSubscriptionQuery({
      dialect: db.dialect,
      definition,
      subscriptions,
      position: POSITION,
      ...(currency === undefined ? {} : { currency }),
    });
    return { query, rows: await runSubscriptionQuery(query, (statement) => db.query(statement)) };
  };

  it('gives the worked example of SUBSCRIPTIONS.md exactly (monthly, UTC): bridge, causes, retention and the rates', async () => {
    const { query, rows } = await run(WORKED_EXAMPLE, { period: 'month' });
    const bridge = buildSqlMrrResult(query, rows);
    expect(bridgeOf(bridge)).toEqual([
      ['2024-01', 0, 30, 0, 0, 0, 0, 30],
      ['2024-02', 30, 10, 0, 0, 0, 10, 30],
      ['2024-03', 30, 0, 0, 45, 0, 0, 75],
      ['2024-04', 75, 0, 0, 0, 0, 10, 65],
      ['2024-05', 65, 0, 10, 0, 0, 0, 75],
    ]);
    const march = bridge.rows[2]!;
    expect(march.expansion_by_cause).toEqual({
      upgrade: 20,
      downgrade: 0,
      add_on: 5,
      cancellation: 0,
      quantity: 20,
      price: 0,
    });
    expect([march.customers_start, march.customers_end, march.nrr, march.grr, march.arpa]).toEqual([
      3, 3, 2.5, 1, 25,
    ]);
    expect(bridge.rows[1]!.nrr).toBe(0.666667);
    expect(bridge).toEqual(
      computeMrrMovements(engineTables(WORKED_EXAMPLE), { definition: { period: 'month' } }),
    );
    const rate = buildSqlSubscriptionRateResult(query, rows);
    expect(rate.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-02', 0, 3],
      ['2024-03', 2, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
    ]);
    const upgrade = await run(WORKED_EXAMPLE, { period: 'month', rule: 'upgrade' });
    const upgrades = buildSqlSubscriptionRateResult(upgrade.query, upgrade.rows);
    expect(upgrades.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(upgrades).toEqual(
      computeSubscriptionRate(engineTables(WORKED_EXAMPLE), {
        definition: { period: 'month', rule: 'upgrade' },
      }),
    );
  });

  it('compares a state with the last accepted one of its subscription, not with a rejected one before it', async () => {
    // s1 Jan; s2 overlaps it (rejected); s3 starts after s1 ends but before s2 would: accepted.
    const table: TextTable = {
      header: STATES,
      rows: [
        ['A', 's', 'basic', '2024-01-01', '2024-02-01', '10'],
        ['A', 's', 'basic', '2024-01-15', '2024-06-01', '20'],
        ['A', 's', 'pro', '2024-03-01', '', '30'],
      ],
    };
    const { query, rows } = await run(table, { period: 'month' });
    const bridge = buildSqlMrrResult(query, rows);
    expect(bridge.input).toEqual({ rows: 3, accepted: 2, rejected: 1 });
    expect(bridgeOf(bridge)).toEqual([
      ['2024-01', 0, 10, 0, 0, 0, 0, 10],
      ['2024-02', 10, 0, 0, 0, 0, 10, 0],
      ['2024-03', 0, 0, 30, 0, 0, 0, 30],
    ]);
    expect(bridge).toEqual(computeMrrMovements(engineTables(table), { definition: { period: 'month' } }));
  });

  it('nets out changes within a local day in the report’s zone, across a DST change', async () => {
    // New York: 2024-03-10 has 23 hours. B upgrades at 23:30 local (04:30Z next day UTC).
    const table: TextTable = {
      header: STATES,
      rows: [
        ['B', 'b', 'basic', '2024-03-01', '2024-03-10T23:30:00', '10'],
        ['B', 'b', 'pro', '2024-03-10T23:30:00', '', '25'],
        ['C', 'c', 'basic', '2024-03-10T02:30:00', '2024-03-10T03:30:00', '99'],
      ],
    };
    for (const definition of [
      { period: 'day', timeZone: 'America/New_York' },
      { period: 'day', timeZone: 'UTC' },
      { period: 'week', timeZone: 'America/New_York', eligible: 'active' },
    ] as DefinitionInput[]) {
      const { query, rows } = await run(table, definition);
      expect(buildSqlMrrResult(query, rows)).toEqual(
        computeMrrMovements(engineTables(table), { definition }),
      );
    }
    const { query, rows } = await run(table, { period: 'day', timeZone: 'America/New_York' });
    const tenth = buildSqlMrrResult(query, rows).rows.find((r) => r.period === '2024-03-10');
    expect(tenth).toMatchObject({ expansion: 15, new: 0 });
  });

  it('rejects states in another currency (no exchange rates in SQL), as the file mode does without --fx', async () => {
    const table: TextTable = {
      header: [...STATES, 'currency'],
      rows: [
        ['A', 'a', 'basic', '2024-01-01', '', '10', 'usd'],
        ['B', 'b', 'basic', '2024-01-01', '', '10', 'EUR'],
        ['C', 'c', 'basic', '2024-01-01', '', '10', 'E'],
      ],
    };
    const { query, rows } = await run(table, { period: 'month' });
    const bridge = buildSqlMrrResult(query, rows);
    expect(bridge.input).toEqual({ rows: 3, accepted: 1, rejected: 2 });
    expect(bridge.rows[0]!.new).toBe(10);
    // EUR and "E" are both not USD: the reader says how many, for the front end to word.
    expect(readSubscriptionRows(query, rows).otherCurrency).toBe(2);
    expect(bridge).toEqual(computeMrrMovements(engineTables(table), { definition: { period: 'month' } }));
  });

  it('keeps MRR exact for yearly, weekly and daily prices and interval counts up to 16', async () => {
    const table: TextTable = {
      header: [...STATES, 'interval', 'interval_count'],
      rows: [
        ['A', 'a', 'basic', '2024-01-01', '', '1000.01', 'year', '1'],
        ['B', 'b', 'basic', '2024-01-01', '', '7.77', 'week', '13'],
        ['C', 'c', 'basic', '2024-01-01', '2024-03-01', '0.0001', 'day', '7'],
        ['D', 'd', 'basic', '2024-01-01', '', '99999999999.9999', 'quarter', '16'],
      ],
    };
    for (const period of ['month', 'all'] as const) {
      const { query, rows } = await run(table, { period });
      expect(buildSqlMrrResult(query, rows)).toEqual(
        computeMrrMovements(engineTables(table), { definition: { period } }),
      );
    }
    // The exact new MRR of January, as a fraction: the engine's rational, not cents.
    const { query, rows } = await run(table, { period: 'month' });
    const january = readSubscriptionRows(query, rows).counters.cells.find(
      (c) => c.money[SUBSCRIPTION_MONEY.new] !== '0',
    );
    const engine = runSubscriptions(engineTables(table), { definition: { period: 'month' } }).counters.cells;
    expect(january?.money[SUBSCRIPTION_MONEY.new]).toBe(
      engine.find((c) => c.period === january?.period)?.money[SUBSCRIPTION_MONEY.new],
    );
    // 1000.01/12 + 7.77 x 52/12/13 + 0.0001 x 365/12/7 + 99999999999.9999/3/16
    expect(january?.money[SUBSCRIPTION_MONEY.new]).toBe('7000000288706653/3360000');
  });

  it('refuses to round an MRR whose interval_count does not divide 720,720', async () => {
    const table: TextTable = {
      header: [...STATES, 'interval_count'],
      rows: [['A', 'a', 'basic', '2024-01-01', '', '10', '17']],
    };
    const { query, rows } = await run(table, { period: 'month' });
    expect(() => buildSqlMrrResult(query, rows)).toThrow(/interval_count that does not divide 720720/);
  });

  it('reads typed columns (dates, decimals, integers) as the file mode reads their text', async () => {
    const pg = db.dialect === 'postgres';
    const table: TextTable = {
      header: [...STATES, 'quantity', 'tier', 'channel'],
      types: {
        starts_at: pg ? 'date' : 'DATE',
        ends_at: pg ? 'timestamptz' : 'TIMESTAMPTZ',
        amount: pg ? 'numeric(18,4)' : 'DECIMAL(18,4)',
        quantity: pg ? 'integer' : 'INTEGER',
        tier: pg ? 'integer' : 'INTEGER',
      },
      rows: [
        ['A', 'a', 'basic', '2024-01-05', '2024-03-10 00:00:00+00', '10.5', '1', '1', 'web'],
        ['A', 'a', 'pro', '2024-03-10', null, '30', '1', '2', 'shop'],
        ['B', 'b', 'basic', '2024-02-01', null, '12', '2', null, null],
        ['B', 'b2', 'basic', '2024-02-01', null, '-1', '2', null, 'web'],
      ],
    };
    const text: TextTable = {
      header: table.header,
      rows: table.rows.map((row) =>
        row.map((cell, i) => (i === 4 && cell !== null ? '2024-03-10T00:00:00Z' : (cell ?? ''))),
      ),
    };
    const definition: DefinitionInput = { period: 'month', by: ['channel'] };
    const { query, rows } = await run(table, definition);
    const bridge = buildSqlMrrResult(query, rows);
    expect(bridge).toEqual(computeMrrMovements(engineTables(text), { definition }));
    expect(bridge.input).toEqual({ rows: 4, accepted: 3, rejected: 1 });
    expect(bridge.rows.map((r) => [r.period, r.segment.channel, r.mrr_end])).toContainEqual([
      '2024-03',
      'web',
      30,
    ]);
  });

  it('walks overlapping states as the file reader does: a1 keeps 1 and 3, a2 keeps only its running first', async () => {
    const table: TextTable = {
      header: ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'ends_at', 'amount'],
      rows: [
        ['A', 'a1', 'basic', '2024-01-01', '2024-02-01', '10.00'],
        ['A', 'a1', 'basic', '2024-01-15', '2024-04-01', '99.00'],
        ['A', 'a1', 'pro', '2024-02-01', '', '20.00'],
        ['B', 'b1', 'basic', '2024-01-01', '', '10.00'],
        ['B', 'b1', 'pro', '2024-03-01', '', '30.00'],
      ],
    };
    const definition: DefinitionInput = { period: 'month' };
    const subscriptions = await db.load(`hand_${++tables}`, table);
    const query = compileSubscriptionQuery({
      dialect: db.dialect,
      definition,
      subscriptions,
      position: POSITION,
    });
    // Both subscriptions are tangled; the walk keeps a1's 1st and 3rd states and b1's 1st.
    const tangled = readTangledStates(await db.query(query.tangled));
    expect(tangled.map((s) => `${s.subscription}#${s.n}`)).toEqual(['a1#1', 'a1#2', 'a1#3', 'b1#1', 'b1#2']);
    expect(acceptTangledStates(tangled).map((s) => `${s.subscription}#${s.n}`)).toEqual([
      'a1#1',
      'a1#3',
      'b1#1',
    ]);
    const rows = await runSubscriptionQuery(query, (statement) => db.query(statement));
    const bridge = buildSqlMrrResult(query, rows);
    expect(bridge).toEqual(computeMrrMovements(engineTables(table), { definition }));
    expect(bridge.input).toEqual({ rows: 5, accepted: 3, rejected: 2 });
    expect(bridge.rows.map((r) => [r.period, r.mrr_end])).toEqual([
      ['2024-01', 20],
      ['2024-02', 30],
    ]);
  });

  it('trims a customer id with spaces around it in DuckDB, and PostgreSQL refuses it (Citus partitions by the stored id)', async () => {
    const padded: TextTable = {
      ...WORKED_EXAMPLE,
      rows: WORKED_EXAMPLE.rows.map((row, i) => (i === 1 ? [' A ', ...row.slice(1)] : row)),
    };
    const definition: DefinitionInput = { period: 'month' };
    if (db.dialect === 'duckdb') {
      const { query, rows } = await run(padded, definition);
      expect(buildSqlMrrResult(query, rows)).toEqual(
        computeMrrMovements(engineTables(WORKED_EXAMPLE), { definition }),
      );
    } else {
      await expect(
        run(padded, definition).then(({ query, rows }) => buildSqlMrrResult(query, rows)),
      ).rejects.toMatchObject({
        code: 'UNTRIMMED_CUSTOMER_IDS',
        message: expect.stringContaining('1 states have spaces around their customer id'),
      });
    }
  });
}

describe('compileSubscriptionQuery in DuckDB', () => handWorked(openDuckdbSubscriptionDatabase));

describe.skipIf(!testPostgresServerUrl())(
  'compileSubscriptionQuery in PostgreSQL (UPSELL_TEST_DATABASE_URL names the server; skipped when it is unset)',
  () => handWorked(openPostgresSubscriptionDatabase),
);
