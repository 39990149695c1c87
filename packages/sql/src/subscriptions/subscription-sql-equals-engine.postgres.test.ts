import { testPostgresServerUrl } from '@upsell/test-support';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkSubscriptionSqlEqualsEngine } from './subscription-sql-equals-engine.test-support.ts';
import {
  openPostgresSubscriptionDatabase,
  type SubscriptionTestDatabase,
} from './subscription-table.test-support.ts';

describe.skipIf(!testPostgresServerUrl())(
  'the subscription SQL in PostgreSQL gives the engine’s numbers (UPSELL_TEST_DATABASE_URL names the server; skipped when it is unset)',
  () => {
    let db: SubscriptionTestDatabase;
    beforeAll(async () => {
      db = await openPostgresSubscriptionDatabase();
    });
    afterAll(async () => db?.close());

    it('on random states tables (overlaps, churn, reactivation, several subscriptions, bad rows, DST) for random definitions', async () => {
      await checkSubscriptionSqlEqualsEngine(db, { numRuns: 10 });
    }, 120_000);
  },
);
