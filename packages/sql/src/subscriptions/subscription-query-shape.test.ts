import { describe, expect, it } from 'vitest';
import type { SqlColumnType, SqlTable } from '../types.ts';
import { compileMrrQuery, compileSubscriptionRateQuery } from './compile-subscription-query.ts';

const table = (names: readonly string[], type: SqlColumnType = 'text'): SqlTable => ({
  relation: { kind: 'table', name: 'billing.states' },
  columns: [{ name: 'pos', type: 'integer' }, ...names.map((name) => ({ name, type }))],
});
const STATES = table([
  'customer_id',
  'subscription_id',
  'plan_id',
  'starts_at',
  'ends_at',
  'amount',
  'channel',
]);

describe('the subscription statement’s shape', () => {
  it('partitions every window by the customer first (Citus runs them on each worker)', () => {
    for (const dialect of ['postgres', 'duckdb'] as const) {
      for (const period of ['month', 'all'] as const) {
        const query = compileSubscriptionRateQuery({
          dialect,
          definition: { period, by: ['channel'], timeZone: 'Europe/Paris' },
          subscriptions: STATES,
          position: 'pos',
        });
        for (const { text } of [query.tangled, query.statementWith([])]) {
          const windows = [...text.matchAll(/OVER \(([^)]*)/g)].map((m) => m[1]!);
          expect(windows.length).toBeGreaterThan(
            dialect === 'postgres' && text.includes('u_accepted') ? 5 : 3,
          );
          // On PostgreSQL the id as stored (Citus's distribution column), then the trimmed one.
          const customer =
            dialect === 'postgres' ? /^PARTITION BY u_stored, u_cust\b/ : /^PARTITION BY u_cust\b/;
          for (const window of windows) expect(window).toMatch(customer);
          // No recursive step: Citus runs recursive CTEs on one shard only.
          expect(text).not.toMatch(/WITH RECURSIVE/i);
        }
      }
    }
  });

  it('binds the zone as a parameter and quotes every name, so none can inject SQL', () => {
    const evil = table([
      'customer_id',
      'subscription_id',
      'plan_id',
      'starts_at',
      'ends_at',
      'amount',
      'x"; DROP TABLE states; --',
    ]);
    const { text, params } = compileMrrQuery({
      dialect: 'postgres',
      definition: { period: 'month', timeZone: 'America/New_York', by: ['x"; DROP TABLE states; --'] },
      subscriptions: evil,
    }).statementWith([]);
    expect(params).toContain('America/New_York');
    expect(text).not.toContain("'America/New_York'");
    expect(text).toContain('"x""; DROP TABLE states; --"');
    expect(text).toContain('"billing"."states"');
  });

  it('refuses the events shape, a purchase metric and an unknown segment with the file mode’s words', () => {
    const events = table(['customer_id', 'subscription_id', 'plan_id', 'event', 'effective_at', 'amount']);
    expect(() => compileMrrQuery({ dialect: 'duckdb', definition: {}, subscriptions: events })).toThrow(
      /events shape .* is not compiled to SQL/,
    );
    expect(() =>
      compileMrrQuery({
        dialect: 'duckdb',
        definition: { metric: 'customer-upsell-rate' },
        subscriptions: STATES,
      }),
    ).toThrow(/computed from purchase lines/);
    expect(() =>
      compileMrrQuery({ dialect: 'duckdb', definition: { by: ['region'] }, subscriptions: STATES }),
    ).toThrow(/cannot segment by "region"/);
    expect(() =>
      compileMrrQuery({ dialect: 'postgres', definition: {}, subscriptions: STATES, position: 'nope' }),
    ).toThrow(/no position column "nope"/);
  });

  it('reads Parquet files in DuckDB only', () => {
    const parquet: SqlTable = { ...STATES, relation: { kind: 'parquet', paths: ['a.parquet'] } };
    expect(() => compileMrrQuery({ dialect: 'postgres', definition: {}, subscriptions: parquet })).toThrow(
      /DuckDB/,
    );
    const { text, params } = compileMrrQuery({
      dialect: 'duckdb',
      definition: {},
      subscriptions: parquet,
    }).statementWith([]);
    expect(text).toContain('read_parquet($');
    expect(params).toContain('a.parquet');
  });
});
