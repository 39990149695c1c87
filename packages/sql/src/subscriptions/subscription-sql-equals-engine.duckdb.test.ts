import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkSubscriptionSqlEqualsEngine } from './subscription-sql-equals-engine.test-support.ts';
import {
  openDuckdbSubscriptionDatabase,
  type SubscriptionTestDatabase,
} from './subscription-table.test-support.ts';

describe('the subscription SQL in DuckDB gives the engine’s numbers', () => {
  let db: SubscriptionTestDatabase;
  beforeAll(async () => {
    db = await openDuckdbSubscriptionDatabase();
  });
  afterAll(async () => db?.close());

  it('on random states tables (overlaps, churn, reactivation, several subscriptions, bad rows, DST) for random definitions', async () => {
    await checkSubscriptionSqlEqualsEngine(db, { numRuns: 6 });
  }, 120_000);
});
