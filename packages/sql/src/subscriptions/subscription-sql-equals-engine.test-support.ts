// Test-only: the differential property of the subscription SQL against the core's engine.
import { computeMrrMovements, computeSubscriptionRate, type DefinitionInput } from '@upsell/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { compileSubscriptionQuery } from './compile-subscription-query.ts';
import { buildSqlMrrResult, buildSqlSubscriptionRateResult } from './read-subscription-rows.ts';
import { runSubscriptionQuery } from './run-subscription-query.ts';
import {
  subscriptionCaseArbitrary,
  subscriptionDefinitionArbitrary,
} from './subscription-case.test-support.ts';
import {
  POSITION,
  type SubscriptionTestDatabase,
  type TextTable,
} from './subscription-table.test-support.ts';

/**
 * Runs one definition over a loaded table both ways and expects the same MRR bridge and the same
 * subscription upsell rate (every figure, and the row accounting).
 */
export async function expectSubscriptionSqlEqualsEngine(
  db: SubscriptionTestDatabase,
  table: TextTable,
  name: string,
  definition: DefinitionInput,
): Promise<void> {
  const subscriptions = await db.load(name, table);
  const tables = [{ header: table.header, rows: table.rows as string[][] }];
  const query = compileSubscriptionQuery({
    dialect: db.dialect,
    definition,
    subscriptions,
    position: POSITION,
  });
  const rows = await runSubscriptionQuery(query, (statement) => db.query(statement));
  expect(buildSqlMrrResult(query, rows)).toEqual(computeMrrMovements(tables, { definition }));
  const rate = { ...definition, metric: 'subscription-upsell-rate' as const };
  expect(buildSqlSubscriptionRateResult(query, rows)).toEqual(
    computeSubscriptionRate(tables, { definition: rate }),
  );
}

/** Random tables x random definitions: the statement's numbers are the engine's. */
export async function checkSubscriptionSqlEqualsEngine(
  db: SubscriptionTestDatabase,
  parameters: fc.Parameters<[TextTable, DefinitionInput[]]>,
): Promise<void> {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      subscriptionCaseArbitrary,
      fc.array(subscriptionDefinitionArbitrary, { minLength: 3, maxLength: 3 }),
      async (table, definitions) => {
        n++;
        for (const definition of definitions) {
          await expectSubscriptionSqlEqualsEngine(db, table, `states_${n}`, definition);
        }
      },
    ),
    parameters,
  );
}
