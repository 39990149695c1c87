import type { DefinitionInput } from '@upsell/core';
import fc from 'fast-check';
import { definitionArbitrary } from './definition-arbitrary.ts';
import { engineMetricResult } from './engine-metric-result.ts';
import {
  type Alteration,
  expectShardedSqlEqualsEngine,
  expectSqlDrillDownEqualsEngine,
  expectSqlEqualsEngine,
  expectSqlIssuesEqualEngine,
} from './expect-sql-equals-engine.ts';
import type { PurchaseCase } from './purchase-case.ts';
import { purchaseCaseArbitrary } from './purchase-case-arbitrary.ts';
import type { TestSqlDatabase } from './test-sql-database.ts';

/** Definitions tried on each random table (loading it costs more than a query). */
const DEFINITIONS_PER_TABLE = 4;

/**
 * Which row of the first runnable definition's result to drill into, and for a quarter of the
 * tables which page of it (offsets past the end included: the total must still be the list's).
 */
const drillArbitrary = fc.record({
  row: fc.nat(),
  /** Customer shards the first definition is also run in (mergeRateRows adds them up). */
  shards: fc.integer({ min: 2, max: 4 }),
  page: fc.oneof(
    { arbitrary: fc.constant({}), weight: 3 },
    fc.record({ offset: fc.integer({ min: 0, max: 2 }), limit: fc.integer({ min: 1, max: 3 }) }),
  ),
});

/** Whether the engine runs a definition on a case (an explicit rule needs its column). */
const runs = (purchaseCase: PurchaseCase, definition: DefinitionInput) => {
  try {
    engineMetricResult(purchaseCase, definition);
    return true;
  } catch {
    return false;
  }
};

/**
 * The differential property: a random table loaded into the database gives, for each of
 * {@link DEFINITIONS_PER_TABLE} random definitions, the engine's result from the compiled
 * statement (and from the first one's statement run in 2 to 4 customer shards, merged), the
 * engine's rejected rows from the issues statement, and the engine's drill-down of one row from
 * the drill-down statements. `alter` changes what is
 * compiled and read back (only to show that the property can fail).
 *
 * @example
 * await fc.assert(sqlEqualsEngineProperty(database), { numRuns: 50 });
 */
export function sqlEqualsEngineProperty(
  database: TestSqlDatabase,
  alter?: Alteration,
): fc.IAsyncProperty<
  [
    [
      PurchaseCase,
      DefinitionInput[],
      { row: number; shards: number; page: { offset?: number; limit?: number } },
    ],
  ]
> {
  let table = 0;
  const cases = purchaseCaseArbitrary().chain((purchaseCase) =>
    fc.tuple(
      fc.constant(purchaseCase),
      fc.array(definitionArbitrary(purchaseCase), {
        minLength: DEFINITIONS_PER_TABLE,
        maxLength: DEFINITIONS_PER_TABLE,
      }),
      drillArbitrary,
    ),
  );
  return fc.asyncProperty(cases, async ([purchaseCase, definitions, drill]) => {
    const loaded = await database.load(purchaseCase, `case_${++table}`);
    try {
      for (const definition of definitions) {
        await expectSqlEqualsEngine(database, purchaseCase, loaded, definition, alter);
      }
      if (!alter) {
        await expectShardedSqlEqualsEngine(database, purchaseCase, loaded, definitions[0]!, drill.shards);
      }
      // Parquet rows are located by file and row, which the engine's CSV lines are not.
      if (!alter && loaded.position !== undefined) {
        await expectSqlIssuesEqualEngine(database, purchaseCase, loaded, {
          ...definitions[0],
          rule: 'additional',
        });
        const definition = definitions.find((d) => runs(purchaseCase, d));
        if (definition) {
          await expectSqlDrillDownEqualsEngine(
            database,
            purchaseCase,
            loaded,
            definition,
            drill.row,
            drill.page,
          );
        }
      }
    } finally {
      await loaded.drop();
    }
  });
}
