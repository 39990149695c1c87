import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AlertFiringInput,
  claimDueAlertFirings,
  createAlertRule,
  datasetsWithAlertRules,
  deleteAlertRule,
  findAlertRuleWithSecret,
  listAlertDeliveries,
  listAlertFirings,
  listAlertRules,
  recordAlertAttempt,
  recordAlertFiring,
} from './alerts.ts';
import { createDataset, deleteDataset } from './datasets.ts';
import type { Database, Db } from './open-database.ts';
import { isStorageError } from './storage-error.ts';
import { testBackends } from './testing.ts';

describe.each(testBackends())('alerts on $name', (backend) => {
  let database: Database;
  let db: Db;
  let datasetId: string;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
    datasetId = (await createDataset(db, { name: 'shop' })).id;
  });
  afterEach(() => database.close());

  const ruleInput = () => ({
    name: 'below target',
    datasetId,
    definition: { metric: 'customer-upsell-rate' as const, period: 'quarter' as const },
    condition: 'below-target' as const,
    threshold: null,
    url: 'https://hooks.example.com/upsell',
    secret: 'v1:sealed',
  });

  const firingInput = (ruleId: string, key = `${ruleId}:below-target:2024-Q2:%5B%5D`): AlertFiringInput => ({
    ruleId,
    key,
    condition: 'below-target',
    period: '2024-Q2',
    segment: {},
    message: '2024-Q2: 9.8% is below the target 12%',
    datasetVersion: 3,
    body: '{"n":1}',
  });

  it('creates, lists and deletes a rule, never listing its secret', async () => {
    const rule = await createAlertRule(db, ruleInput());
    expect(rule).toEqual({
      ...ruleInput(),
      secret: undefined,
      id: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(rule).not.toHaveProperty('secret');
    expect(await listAlertRules(db)).toEqual([rule]);
    expect(await listAlertRules(db, { datasetId })).toEqual([rule]);
    expect(await listAlertRules(db, { datasetId: 'not-a-uuid' })).toEqual([]);
    expect((await findAlertRuleWithSecret(db, rule.id)).secret).toBe('v1:sealed');
    expect(await datasetsWithAlertRules(db)).toEqual([datasetId]);
    await deleteAlertRule(db, rule.id);
    expect(await listAlertRules(db)).toEqual([]);
    await expect(deleteAlertRule(db, rule.id)).rejects.toSatisfy((e) => isStorageError(e, 'NOT_FOUND'));
  });

  it('refuses a rule on a dataset that does not exist', async () => {
    await expect(
      createAlertRule(db, { ...ruleInput(), datasetId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toSatisfy((e) => isStorageError(e, 'NOT_FOUND'));
  });

  it('records a firing once per key: the second time changes nothing', async () => {
    const rule = await createAlertRule(db, ruleInput());
    const first = await recordAlertFiring(db, firingInput(rule.id));
    const again = await recordAlertFiring(db, {
      ...firingInput(rule.id),
      datasetVersion: 4,
      body: '{"n":2}',
    });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, firing: first.firing });
    expect(first.firing).toMatchObject({ status: 'pending', attempts: 0, datasetVersion: 3 });
    expect(await listAlertFirings(db, { ruleId: rule.id })).toEqual([first.firing]);
  });

  it('claims a due firing once, and not again while its lease runs', async () => {
    const rule = await createAlertRule(db, ruleInput());
    const { firing } = await recordAlertFiring(db, firingInput(rule.id));
    const now = new Date(Date.now() + 1000);
    const claimed = await claimDueAlertFirings(db, { now, leaseMs: 60_000, limit: 10 });
    expect(claimed).toEqual([
      { id: firing.id, key: firing.key, body: '{"n":1}', attempt: 1, url: rule.url, secret: 'v1:sealed' },
    ]);
    expect(await claimDueAlertFirings(db, { now, leaseMs: 60_000, limit: 10 })).toEqual([]);
    // Its lease over (the worker died), it is due again, as attempt 2.
    const later = new Date(now.getTime() + 60_001);
    expect((await claimDueAlertFirings(db, { now: later, leaseMs: 60_000, limit: 10 }))[0]?.attempt).toBe(2);
  });

  it('never claims a firing recorded as not due (a test) unless asked for it by id', async () => {
    const rule = await createAlertRule(db, ruleInput());
    const { firing } = await recordAlertFiring(db, { ...firingInput(rule.id), nextAttemptAt: null });
    const now = new Date(Date.now() + 1e9);
    expect(await claimDueAlertFirings(db, { now, leaseMs: 1000, limit: 10 })).toEqual([]);
    const [claimed] = await claimDueAlertFirings(db, {
      now: new Date(),
      leaseMs: 1000,
      limit: 1,
      firingId: firing.id,
    });
    expect(claimed).toMatchObject({ id: firing.id, attempt: 1 });
  });

  it('records attempts: two failures then a delivery leave 3 attempts, the firing delivered and never due again', async () => {
    const rule = await createAlertRule(db, ruleInput());
    const { firing } = await recordAlertFiring(db, firingInput(rule.id));
    let now = new Date(Date.now() + 1000);
    for (const attempt of [1, 2, 3]) {
      const [due] = await claimDueAlertFirings(db, { now, leaseMs: 60_000, limit: 10 });
      expect(due?.attempt).toBe(attempt);
      const delivered = attempt === 3;
      const retryAt = new Date(now.getTime() + 1000);
      await recordAlertAttempt(db, {
        firingId: firing.id,
        attempt,
        delivered,
        httpStatus: delivered ? 200 : 500,
        error: delivered ? null : 'HTTP 500',
        durationMs: 5,
        retryAt: delivered ? null : retryAt,
      });
      now = retryAt;
    }
    const [settled] = await listAlertFirings(db);
    expect(settled).toMatchObject({ status: 'delivered', attempts: 3, nextAttemptAt: null });
    expect(settled?.deliveredAt).toEqual(expect.any(String));
    const attempts = await listAlertDeliveries(db, { firingId: firing.id });
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus])).toEqual([
      [3, 'delivered', 200],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);
    expect(await listAlertDeliveries(db, { datasetId })).toHaveLength(3);
    expect(
      await claimDueAlertFirings(db, { now: new Date(now.getTime() + 1e9), leaseMs: 1, limit: 10 }),
    ).toEqual([]);
    await expect(
      recordAlertAttempt(db, {
        firingId: firing.id,
        attempt: 3,
        delivered: true,
        httpStatus: 200,
        error: null,
        durationMs: 1,
        retryAt: null,
      }),
    ).rejects.toSatisfy((e) => isStorageError(e, 'CONFLICT'));
  });

  it('gives up on a firing when an attempt fails with no retry left', async () => {
    const rule = await createAlertRule(db, ruleInput());
    const { firing } = await recordAlertFiring(db, firingInput(rule.id));
    await claimDueAlertFirings(db, { now: new Date(Date.now() + 1000), leaseMs: 1, limit: 1 });
    await recordAlertAttempt(db, {
      firingId: firing.id,
      attempt: 1,
      delivered: false,
      httpStatus: null,
      error: 'connection refused',
      durationMs: 1,
      retryAt: null,
    });
    expect((await listAlertFirings(db))[0]).toMatchObject({ status: 'failed', nextAttemptAt: null });
  });

  it('removes rules, firings and deliveries with their dataset', async () => {
    const rule = await createAlertRule(db, ruleInput());
    await recordAlertFiring(db, firingInput(rule.id));
    await deleteDataset(db, datasetId);
    expect(await listAlertRules(db)).toEqual([]);
    expect(await listAlertFirings(db)).toEqual([]);
  });
});
