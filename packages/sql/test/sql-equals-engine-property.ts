import type { DefinitionInput } from '@upsell/core';
import fc from 'fast-check';
import { definitionArbitrary } from './definition-arbitrary.ts';
import {
  type Alteration,
  expectSqlEqualsEngine,
  expectSqlIssuesEqualEngine,
} from './expect-sql-equals-engine.ts';
import type { PurchaseCase } from './purchase-case.ts';
import { purchaseCaseArbitrary } from './purchase-case-arbitrary.ts';
import type { TestSqlDatabase } from './test-sql-database.ts';

/** Definitions tried on each random table (loading it costs more than a query). */
const DEFINITIONS_PER_TABLE = 4;

/**
 * The differential property: a random table loaded into the database gives, for each of
 * {@link DEFINITIONS_PER_TABLE} random definitions, the engine's result from the compiled
 * statement, and the engine's rejected rows from the issues statement. `alter` changes what is
 * compiled and read back (only to show that the property can fail).
 *
 * @example
 * await fc.assert(sqlEqualsEngineProperty(database), { numRuns: 50 });
 */
export function sqlEqualsEngineProperty(
  database: TestSqlDatabase,
  alter?: Alteration,
): fc.IAsyncProperty<[[PurchaseCase, DefinitionInput[]]]> {
  let table = 0;
  const cases = purchaseCaseArbitrary().chain((purchaseCase) =>
    fc.tuple(
      fc.constant(purchaseCase),
      fc.array(definitionArbitrary(purchaseCase), {
        minLength: DEFINITIONS_PER_TABLE,
        maxLength: DEFINITIONS_PER_TABLE,
      }),
    ),
  );
  return fc.asyncProperty(cases, async ([purchaseCase, definitions]) => {
    const loaded = await database.load(purchaseCase, `case_${++table}`);
    try {
      for (const definition of definitions) {
        await expectSqlEqualsEngine(database, purchaseCase, loaded, definition, alter);
      }
      // Parquet rows are located by file and row, which the engine's CSV lines are not.
      if (!alter && loaded.position !== undefined) {
        await expectSqlIssuesEqualEngine(database, purchaseCase, loaded, {
          ...definitions[0],
          rule: 'additional',
        });
      }
    } finally {
      await loaded.drop();
    }
  });
}
