import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckdbTestDatabase } from './duckdb-test-database.ts';
import type { Alteration } from './expect-sql-equals-engine.ts';
import { sqlEqualsEngineProperty } from './sql-equals-engine-property.ts';
import type { TestSqlDatabase } from './test-sql-database.ts';

describe('the SQL in DuckDB gives the engine’s numbers', () => {
  let database: TestSqlDatabase;
  beforeAll(async () => {
    database = await openDuckdbTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('on random tables, for random definitions (every rule, eligibility, period, zone, segment)', async () => {
    await fc.assert(sqlEqualsEngineProperty(database), { numRuns: 50 });
  }, 300_000);

  it('on the same rows as Parquet files, one to three, in their own order (no position column)', async () => {
    const parquet = await openDuckdbTestDatabase({ parquet: true });
    try {
      await fc.assert(sqlEqualsEngineProperty(parquet), { numRuns: 15 });
    } finally {
      await parquet.close();
    }
  }, 300_000);

  // The random tables must hold what the SQL could get wrong: a statement that breaks ties by
  // the lines' values instead of their position, or cuts periods in the other zone, is caught.
  const caught = async (alter: Alteration) => {
    const details = await fc.check(sqlEqualsEngineProperty(database, alter), {
      numRuns: 100,
      endOnFailure: true,
    });
    return details.failed;
  };

  it('catches a statement that breaks ties between orders without the position column', async () => {
    expect(await caught({ options: ({ position: _, ...options }) => options })).toBe(true);
  }, 120_000);

  it('catches a statement that reads times and cuts periods in the other time zone', async () => {
    const other = (zone: string | undefined) => (zone === 'Europe/Paris' ? 'UTC' : 'Europe/Paris');
    expect(
      await caught({
        options: (options) => ({
          ...options,
          definition: { ...options.definition, timeZone: other(options.definition.timeZone) },
        }),
        // The result names the zone it was compiled for: put the definition's back.
        result: (result) => ({
          ...result,
          definition: { ...result.definition, timeZone: other(result.definition.timeZone) },
        }),
      }),
    ).toBe(true);
  }, 120_000);
});
