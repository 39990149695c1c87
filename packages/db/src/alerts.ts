import type { AlertCondition, DefinitionInput } from '@upsell/core';
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { isUniqueViolation } from './is-unique-violation.ts';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { alertDeliveries, alertFirings, alertRules, datasets } from './schema.ts';
import { StorageError } from './storage-error.ts';

/** An alert rule as listed: never its secret. */
export interface AlertRuleRow {
  id: string;
  name: string;
  datasetId: string;
  definition: DefinitionInput;
  condition: AlertCondition;
  threshold: number | null;
  url: string;
  createdAt: string;
}

/** How a firing's delivery stands: waiting for an attempt, delivered, or given up on. */
export type AlertFiringStatus = 'pending' | 'delivered' | 'failed';

/** A firing as listed (its body is what was sent; not listed). */
export interface AlertFiringRow {
  id: string;
  ruleId: string;
  key: string;
  /** The rule's condition, or `test`. */
  condition: string;
  period: string | null;
  segment: Record<string, string>;
  message: string;
  datasetVersion: number | null;
  status: AlertFiringStatus;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** One delivery attempt. */
export interface AlertDeliveryRow {
  id: string;
  firingId: string;
  attempt: number;
  status: 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  createdAt: string;
}

/** A firing claimed for an attempt, with what sending it needs. */
export interface DueAlertFiring {
  id: string;
  key: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  url: string;
  /** The rule's sealed secret. */
  secret: string;
}

function toRuleRow({ secret: _, ...row }: typeof alertRules.$inferSelect): AlertRuleRow {
  return { ...row, createdAt: isoString(row.createdAt) };
}

function toFiringRow({ body: _, ...row }: typeof alertFirings.$inferSelect): AlertFiringRow {
  return {
    ...row,
    nextAttemptAt: isoString(row.nextAttemptAt),
    deliveredAt: isoString(row.deliveredAt),
    createdAt: isoString(row.createdAt),
  };
}

const toDeliveryRow = (row: typeof alertDeliveries.$inferSelect): AlertDeliveryRow => ({
  ...row,
  createdAt: isoString(row.createdAt),
});

const notFound = (id: string) => new StorageError('NOT_FOUND', `no alert rule with id "${id}"`);

/**
 * Stores an alert rule whose secret the caller has sealed (NOT_FOUND when the dataset is not).
 *
 * @example
 * const rule = await createAlertRule(db, { name: 'q drop', datasetId, definition, condition: 'below-target', threshold: null, url, secret: sealed });
 */
export async function createAlertRule(
  db: Db,
  input: Omit<AlertRuleRow, 'id' | 'createdAt'> & { secret: string },
): Promise<AlertRuleRow> {
  const [dataset] = isUuid(input.datasetId)
    ? await db.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, input.datasetId))
    : [];
  if (dataset === undefined) throw new StorageError('NOT_FOUND', `no dataset with id "${input.datasetId}"`);
  const [row] = await db.insert(alertRules).values(input).returning();
  return toRuleRow(row!);
}

/**
 * Alert rules, oldest first; a dataset's only when `datasetId` is given.
 *
 * @example
 * const rules = await listAlertRules(db, { datasetId });
 */
export async function listAlertRules(db: Db, options: { datasetId?: string } = {}): Promise<AlertRuleRow[]> {
  if (options.datasetId !== undefined && !isUuid(options.datasetId)) return [];
  const rows = await db
    .select()
    .from(alertRules)
    .where(options.datasetId === undefined ? undefined : eq(alertRules.datasetId, options.datasetId))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
  return rows.map(toRuleRow);
}

/**
 * A rule with its sealed secret, for signing (NOT_FOUND when missing).
 *
 * @example
 * const { rule, secret } = await findAlertRuleWithSecret(db, id);
 */
export async function findAlertRuleWithSecret(
  db: Db,
  id: string,
): Promise<{ rule: AlertRuleRow; secret: string }> {
  const [row] = isUuid(id) ? await db.select().from(alertRules).where(eq(alertRules.id, id)) : [];
  if (row === undefined) throw notFound(id);
  return { rule: toRuleRow(row), secret: row.secret };
}

/**
 * Deletes a rule with its firings and deliveries (NOT_FOUND when missing).
 *
 * @example
 * await deleteAlertRule(db, rule.id);
 */
export async function deleteAlertRule(db: Db, id: string): Promise<void> {
  const deleted = isUuid(id)
    ? await db.delete(alertRules).where(eq(alertRules.id, id)).returning({ id: alertRules.id })
    : [];
  if (deleted.length === 0) throw notFound(id);
}

/** What a firing records; `body` is the exact JSON every attempt sends. */
export interface AlertFiringInput {
  ruleId: string;
  key: string;
  condition: string;
  period: string | null;
  segment: Record<string, string>;
  message: string;
  datasetVersion: number | null;
  body: string;
  /** Default: due at once. null: never due for the worker (a test, sent by its caller alone). */
  nextAttemptAt?: Date | null;
}

/**
 * Records a firing, due at once (unless told otherwise), unless one with its key is recorded already: then nothing
 * changes and `created` is false. This is what makes evaluating the same data again (after a
 * restart, on the schedule, in two processes at once) fire once.
 *
 * @example
 * const { created } = await recordAlertFiring(db, { ...firing, body });
 */
export async function recordAlertFiring(
  db: Db,
  input: AlertFiringInput,
): Promise<{ created: boolean; firing: AlertFiringRow }> {
  const [row] = await db
    .insert(alertFirings)
    .values(input)
    .onConflictDoNothing({ target: alertFirings.key })
    .returning();
  if (row !== undefined) return { created: true, firing: toFiringRow(row) };
  const [existing] = await db.select().from(alertFirings).where(eq(alertFirings.key, input.key));
  if (existing === undefined)
    throw new StorageError('CONFLICT', `firing "${input.key}" was removed meanwhile`);
  return { created: false, firing: toFiringRow(existing) };
}

/**
 * Claims up to `limit` pending firings due by `now` (or the one `firingId`, due or not) for one attempt each: their attempt count is
 * raised and their next attempt moved `leaseMs` on, in one statement per firing that only wins
 * while the row is as it was read, so two workers (two processes on one database) never send the
 * same attempt. A worker that dies mid-attempt leaves the firing due again when its lease ends.
 *
 * @example
 * for (const due of await claimDueAlertFirings(db, { now: new Date(), leaseMs: 60_000, limit: 10 })) await send(due);
 */
export async function claimDueAlertFirings(
  db: Db,
  options: { now: Date; leaseMs: number; limit: number; firingId?: string },
): Promise<DueAlertFiring[]> {
  const candidates = await db
    .select({ id: alertFirings.id, attempts: alertFirings.attempts })
    .from(alertFirings)
    .where(
      and(
        eq(alertFirings.status, 'pending'),
        // A firing asked for by id is claimed whenever it is pending (a test is never due by itself).
        ...(options.firingId === undefined
          ? [isNotNull(alertFirings.nextAttemptAt), lte(alertFirings.nextAttemptAt, options.now)]
          : [eq(alertFirings.id, options.firingId)]),
      ),
    )
    .orderBy(asc(alertFirings.nextAttemptAt))
    .limit(options.limit);
  const claimed: DueAlertFiring[] = [];
  const leaseEnd = new Date(options.now.getTime() + options.leaseMs);
  for (const candidate of candidates) {
    const [row] = await db
      .update(alertFirings)
      .set({ attempts: candidate.attempts + 1, nextAttemptAt: leaseEnd })
      .where(
        and(
          eq(alertFirings.id, candidate.id),
          eq(alertFirings.status, 'pending'),
          eq(alertFirings.attempts, candidate.attempts),
        ),
      )
      .returning({
        id: alertFirings.id,
        key: alertFirings.key,
        body: alertFirings.body,
        ruleId: alertFirings.ruleId,
      });
    if (row === undefined) continue;
    const [rule] = await db
      .select({ url: alertRules.url, secret: alertRules.secret })
      .from(alertRules)
      .where(eq(alertRules.id, row.ruleId));
    if (rule === undefined) continue;
    claimed.push({ id: row.id, key: row.key, body: row.body, attempt: candidate.attempts + 1, ...rule });
  }
  return claimed;
}

/** The outcome of one attempt and what becomes of the firing. */
export interface AlertAttemptOutcome {
  firingId: string;
  attempt: number;
  delivered: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  /** For a failed attempt: when to try again, or null to give up (the firing is then `failed`). */
  retryAt: Date | null;
}

/**
 * Records an attempt and settles its firing in one transaction: delivered, due again at
 * `retryAt`, or failed for good. Recording the same attempt twice is a CONFLICT.
 *
 * @example
 * await recordAlertAttempt(db, { firingId, attempt: 1, delivered: true, httpStatus: 200, error: null, durationMs: 12, retryAt: null });
 */
export async function recordAlertAttempt(db: Db, outcome: AlertAttemptOutcome): Promise<void> {
  await db.transaction(async (tx) => {
    try {
      await tx.insert(alertDeliveries).values({
        firingId: outcome.firingId,
        attempt: outcome.attempt,
        status: outcome.delivered ? 'delivered' : 'failed',
        httpStatus: outcome.httpStatus,
        error: outcome.error,
        durationMs: Math.max(0, Math.round(outcome.durationMs)),
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new StorageError('CONFLICT', `attempt ${outcome.attempt} is recorded already`);
      throw error;
    }
    await tx
      .update(alertFirings)
      .set(
        outcome.delivered
          ? { status: 'delivered', deliveredAt: sql`now()`, nextAttemptAt: null }
          : outcome.retryAt === null
            ? { status: 'failed', nextAttemptAt: null }
            : { nextAttemptAt: outcome.retryAt },
      )
      .where(eq(alertFirings.id, outcome.firingId));
  });
}

/** Which firings or deliveries to list. */
export interface AlertHistoryOptions {
  ruleId?: string;
  datasetId?: string;
  /** Default 100. */
  limit?: number;
}

/**
 * Firings, newest first: a rule's, a dataset's, or all.
 *
 * @example
 * const firings = await listAlertFirings(db, { ruleId });
 */
export async function listAlertFirings(db: Db, options: AlertHistoryOptions = {}): Promise<AlertFiringRow[]> {
  if (
    (options.ruleId !== undefined && !isUuid(options.ruleId)) ||
    (options.datasetId !== undefined && !isUuid(options.datasetId))
  ) {
    return [];
  }
  const rows = await db
    .select({ firing: alertFirings })
    .from(alertFirings)
    .innerJoin(alertRules, eq(alertRules.id, alertFirings.ruleId))
    .where(
      and(
        options.ruleId === undefined ? undefined : eq(alertFirings.ruleId, options.ruleId),
        options.datasetId === undefined ? undefined : eq(alertRules.datasetId, options.datasetId),
      ),
    )
    .orderBy(desc(alertFirings.createdAt), desc(alertFirings.id))
    .limit(options.limit ?? 100);
  return rows.map(({ firing }) => toFiringRow(firing));
}

/**
 * Delivery attempts, newest first: a firing's, a rule's, a dataset's, or all.
 *
 * @example
 * const attempts = await listAlertDeliveries(db, { firingId });
 */
export async function listAlertDeliveries(
  db: Db,
  options: AlertHistoryOptions & { firingId?: string } = {},
): Promise<AlertDeliveryRow[]> {
  const ids = [options.ruleId, options.datasetId, options.firingId].filter((id) => id !== undefined);
  if (ids.some((id) => !isUuid(id))) return [];
  const rows = await db
    .select({ delivery: alertDeliveries })
    .from(alertDeliveries)
    .innerJoin(alertFirings, eq(alertFirings.id, alertDeliveries.firingId))
    .innerJoin(alertRules, eq(alertRules.id, alertFirings.ruleId))
    .where(
      and(
        options.firingId === undefined ? undefined : eq(alertDeliveries.firingId, options.firingId),
        options.ruleId === undefined ? undefined : eq(alertFirings.ruleId, options.ruleId),
        options.datasetId === undefined ? undefined : eq(alertRules.datasetId, options.datasetId),
      ),
    )
    .orderBy(desc(alertDeliveries.createdAt), desc(alertDeliveries.attempt))
    .limit(options.limit ?? 100);
  return rows.map(({ delivery }) => toDeliveryRow(delivery));
}

/**
 * The ids of the datasets that have alert rules, for the scheduled evaluation.
 *
 * @example
 * for (const id of await datasetsWithAlertRules(db)) await evaluate(id);
 */
export async function datasetsWithAlertRules(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ datasetId: alertRules.datasetId }).from(alertRules);
  return rows.map((row) => row.datasetId).sort();
}

/** Firings by id (for the API's answers after a test). */
export async function findAlertFirings(db: Db, ids: readonly string[]): Promise<AlertFiringRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.select().from(alertFirings).where(inArray(alertFirings.id, valid));
  return rows.map(toFiringRow);
}
