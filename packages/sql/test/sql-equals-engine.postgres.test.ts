import { testPostgresServerUrl } from '@upsell/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresTestDatabase } from './postgres-test-database.ts';
import { sqlEqualsEngineProperty } from './sql-equals-engine-property.ts';
import type { TestSqlDatabase } from './test-sql-database.ts';

describe.skipIf(!testPostgresServerUrl())(
  'the SQL in PostgreSQL gives the engine’s numbers (UPSELL_TEST_DATABASE_URL names the server; skipped when it is unset)',
  () => {
    let database: TestSqlDatabase;
    beforeAll(async () => {
      database = await openPostgresTestDatabase();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('on random tables, for random definitions (every rule, eligibility, period, zone, segment)', async () => {
      await fc.assert(sqlEqualsEngineProperty(database), { numRuns: 60 });
    }, 300_000);
  },
);
