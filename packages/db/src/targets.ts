import { type Metric, UpsellError } from '@upsell/core';
import { eq, sql } from 'drizzle-orm';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { targets } from './schema.ts';
import { StorageError } from './storage-error.ts';

/** A target rate for a metric, for all customers (segment `{}`) or for one segment. */
export interface TargetRow {
  id: string;
  metric: Metric;
  segment: Record<string, string>;
  /** A fraction, 0..1. */
  rate: number;
  createdAt: string;
  updatedAt: string;
}

function toTargetRow({ segmentKey: _, ...row }: typeof targets.$inferSelect): TargetRow {
  return { ...row, createdAt: isoString(row.createdAt), updatedAt: isoString(row.updatedAt) };
}

/**
 * One spelling per segment whatever the order of its entries: the JSON of its entries sorted by
 * key. It is what makes (metric, segment) unique.
 *
 * @example
 * segmentKey({ region: 'EU', channel: 'online' }); // '[["channel","online"],["region","EU"]]'
 */
export function segmentKey(segment: Record<string, string>): string {
  return JSON.stringify(Object.entries(segment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Sets the target of a metric for a segment, replacing the one it had.
 *
 * @example
 * await setTarget(db, { metric: 'customer-upsell-rate', segment: { channel: 'online' }, rate: 0.2 });
 */
export async function setTarget(
  db: Db,
  input: { metric: Metric; segment?: Record<string, string>; rate: number },
): Promise<TargetRow> {
  const { metric, segment = {}, rate } = input;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new UpsellError('INVALID_ARGUMENT', `setTarget: rate must be a fraction from 0 to 1, not ${rate}`);
  }
  const [row] = await db
    .insert(targets)
    .values({ metric, segment, segmentKey: segmentKey(segment), rate })
    .onConflictDoUpdate({
      target: [targets.metric, targets.segmentKey],
      set: { rate, segment, updatedAt: sql`now()` },
    })
    .returning();
  return toTargetRow(row!);
}

/**
 * All targets, or a metric's, by metric, then all customers first and segments by their key.
 *
 * @example
 * const onlineTargets = (await listTargets(db, { metric: 'customer-upsell-rate' })).filter((t) => t.segment.channel === 'online');
 */
export async function listTargets(db: Db, options: { metric?: Metric } = {}): Promise<TargetRow[]> {
  const rows = await db
    .select()
    .from(targets)
    .where(options.metric === undefined ? undefined : eq(targets.metric, options.metric))
    // Machine keys, sorted bytewise whatever the server's locale; all customers first.
    .orderBy(
      sql`${targets.metric} collate "C"`,
      sql`${targets.segmentKey} <> '[]'`,
      sql`${targets.segmentKey} collate "C"`,
    );
  return rows.map(toTargetRow);
}

/**
 * Deletes a target (NOT_FOUND when missing).
 *
 * @example
 * await deleteTarget(db, target.id);
 */
export async function deleteTarget(db: Db, id: string): Promise<void> {
  const deleted = isUuid(id)
    ? await db.delete(targets).where(eq(targets.id, id)).returning({ id: targets.id })
    : [];
  if (deleted.length === 0) throw new StorageError('NOT_FOUND', `no target with id "${id}"`);
}
