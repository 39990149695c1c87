import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRateQuery, type SqlDialect } from '../src/index.ts';
import { definitionArbitrary } from './definition-arbitrary.ts';
import { compileOptionsOf } from './expect-sql-equals-engine.ts';
import { TIER_EXAMPLE } from './hand-worked-cases.ts';
import { POSITION_COLUMN, type PurchaseCase } from './purchase-case.ts';
import { purchaseCaseArbitrary } from './purchase-case-arbitrary.ts';
import { aliasDefinitions, sqlTokens, windowPartitions } from './sql-tokens.ts';
import { caseTables, describedTable, type LoadedCase, quoteName } from './test-sql-database.ts';

/** A case's tables as the compiler would be given them, typed as the loaders create them, without a database. */
function offlineCase(dialect: SqlDialect, purchaseCase: PurchaseCase): LoadedCase {
  const names = { purchases: 'purchases', customers: 'customers', catalog: 'catalog' };
  const [purchases, ...others] = caseTables(dialect, purchaseCase, names).map((table) =>
    describedTable(
      dialect,
      table.name,
      table.columns.map((c) => ({ name: c.name, typeName: c.type })),
    ),
  );
  const loaded: LoadedCase = { purchases: purchases!, position: POSITION_COLUMN, drop: async () => {} };
  if (purchaseCase.customers) loaded.customers = others.shift()!;
  if (purchaseCase.catalog) loaded.catalog = others.shift()!;
  return loaded;
}

/**
 * Checks the Citus shape of a statement: it has windows, each one's first PARTITION BY
 * expression is one and the same name, and that name is defined from the customer column.
 */
function expectWindowsByCustomer(text: string, customerColumn: string): void {
  const tokens = sqlTokens(text);
  const windows = windowPartitions(tokens);
  expect(windows.length).toBeGreaterThan(0);
  // A column may be qualified by its relation's alias (`l.u_cust`): the name is what counts.
  const unqualified = (expression: string[]) =>
    expression.length === 3 && expression[1] === '.' ? expression[2]! : expression.join(' ');
  const firsts = windows.map((partition) => (partition[0] ? unqualified(partition[0]) : '(no PARTITION BY)'));
  const key = firsts[0]!;
  expect(firsts, 'the first PARTITION BY expression of every window').toEqual(firsts.map(() => key));
  const definitions = aliasDefinitions(tokens, key);
  expect(definitions.length, `${key} is defined in the statement`).toBeGreaterThan(0);
  for (const definition of definitions) {
    expect(definition, `${key} is the customer column`).toContain(quoteName(customerColumn));
  }
}

const customerColumnOf = (purchaseCase: PurchaseCase) =>
  purchaseCase.map.customer_id ?? purchaseCase.columns.find((c) => c.key === 'customer_id')!.name;

describe('every window of the generated SQL partitions by the customer first (Citus runs it on each worker)', () => {
  it.each(['postgres', 'duckdb'] as const)('in %s, for the tier example by channel', (dialect) => {
    const options = compileOptionsOf(dialect, TIER_EXAMPLE, offlineCase(dialect, TIER_EXAMPLE), {
      period: 'month',
      by: ['channel'],
    });
    expectWindowsByCustomer(compileRateQuery(options).statement.text, 'customer_id');
  });

  it('in both dialects, for random tables and definitions', () => {
    const cases = purchaseCaseArbitrary().chain((purchaseCase) =>
      fc.tuple(
        fc.constant(purchaseCase),
        definitionArbitrary(purchaseCase),
        fc.constantFrom<SqlDialect>('postgres', 'duckdb'),
      ),
    );
    fc.assert(
      fc.property(cases, ([purchaseCase, definition, dialect]) => {
        const options = compileOptionsOf(
          dialect,
          purchaseCase,
          offlineCase(dialect, purchaseCase),
          definition,
        );
        let text: string;
        try {
          text = compileRateQuery(options).statement.text;
        } catch {
          // A definition the case cannot run (a rule without its column) has no statement to check.
          return;
        }
        expectWindowsByCustomer(text, customerColumnOf(purchaseCase));
      }),
      { numRuns: 200 },
    );
  });

  it('finds a window that does not partition by the customer (the check can fail)', () => {
    const text = `WITH s AS (SELECT trim(p."customer_id") AS u_cust, p."t" AS u_t FROM p)
      SELECT row_number() OVER (PARTITION BY u_cust ORDER BY u_t), rank() OVER (ORDER BY u_t) FROM s`;
    expect(() => expectWindowsByCustomer(text, 'customer_id')).toThrow();
    const named = `SELECT trim("customer_id") AS k, sum(1) OVER w FROM p WINDOW w AS (PARTITION BY "product_id", k)`;
    expect(() => expectWindowsByCustomer(named, 'customer_id')).toThrow();
  });
});
