import { createHash, randomBytes } from 'node:crypto';
import { UpsellError } from '@upsell/core';
import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { tokens } from './schema.ts';
import { StorageError } from './storage-error.ts';

/** What a token may do, widest first. */
export type TokenRole = 'admin' | 'analyst' | 'viewer';

/** A token as stored: never the token itself, nor its hash. */
export interface TokenRow {
  id: string;
  name: string;
  role: TokenRole;
  /**
   * A generated token's first 8 characters (`ups_` and 4 more), for people to tell tokens apart;
   * empty for a token chosen by hand (UPSELL_ADMIN_TOKEN), of which no character is kept.
   */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Tokens given by hand (an environment variable) must be at least this long. */
export const MIN_TOKEN_LENGTH = 24;

/** How stale `lastUsedAt` may get before a verification writes it again. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256Hex = (token: string) => createHash('sha256').update(token).digest('hex');

function toTokenRow({ hash: _, ...row }: typeof tokens.$inferSelect): TokenRow {
  return {
    ...row,
    createdAt: isoString(row.createdAt),
    lastUsedAt: isoString(row.lastUsedAt),
    revokedAt: isoString(row.revokedAt),
  };
}

/** Stores a token's hash (and `prefix`): CONFLICT when the same token is already stored. */
async function insertToken(
  db: Db,
  input: { name: string; role: TokenRole; token: string },
  prefix: string,
): Promise<TokenRow> {
  const [row] = await db
    .insert(tokens)
    .values({ name: input.name, role: input.role, hash: sha256Hex(input.token), prefix })
    .onConflictDoNothing({ target: tokens.hash })
    .returning();
  if (row === undefined) throw new StorageError('CONFLICT', 'this token is already stored');
  return toTokenRow(row);
}

/**
 * Creates a token: `ups_` and 32 random bytes in base64url. The token is returned this once;
 * only its SHA-256 and its first 8 characters (`ups_` and 4 random ones) are kept.
 *
 * @example
 * const { token, row } = await createToken(db, { name: 'ci', role: 'viewer' });
 */
export async function createToken(
  db: Db,
  input: { name: string; role: TokenRole },
): Promise<{ token: string; row: TokenRow }> {
  const token = `ups_${randomBytes(32).toString('base64url')}`;
  return { token, row: await insertToken(db, { ...input, token }, token.slice(0, 8)) };
}

/**
 * Stores a token chosen elsewhere (the admin token given to the server by an environment
 * variable): INVALID_ARGUMENT when shorter than {@link MIN_TOKEN_LENGTH}, CONFLICT when the same
 * token is already stored (revoked or not). Only its SHA-256 is kept, and an empty prefix: the
 * first characters of a secret someone chose are a part of it (and chosen secrets get reused).
 *
 * @example
 * if ((await verifyToken(db, env.UPSELL_ADMIN_TOKEN)) === undefined)
 *   await createTokenWithValue(db, { name: 'admin (env)', role: 'admin', token: env.UPSELL_ADMIN_TOKEN });
 */
export async function createTokenWithValue(
  db: Db,
  input: { name: string; role: TokenRole; token: string },
): Promise<TokenRow> {
  if (input.token.length < MIN_TOKEN_LENGTH) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `createTokenWithValue: a token must be at least ${MIN_TOKEN_LENGTH} characters long`,
    );
  }
  return insertToken(db, input, '');
}

/**
 * The stored token a request presents, or undefined when it is unknown or revoked. Looked up by
 * hash; `lastUsedAt` is written at most once a minute per token, not on every request.
 *
 * @example
 * const caller = await verifyToken(db, bearer);
 * if (caller === undefined) return response.status(401).end();
 */
export async function verifyToken(db: Db, token: string): Promise<TokenRow | undefined> {
  const [row] = await db
    .select()
    .from(tokens)
    .where(and(eq(tokens.hash, sha256Hex(token)), isNull(tokens.revokedAt)));
  if (row === undefined) return undefined;
  const now = new Date();
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(tokens).set({ lastUsedAt: now }).where(eq(tokens.id, row.id));
    row.lastUsedAt = now;
  }
  return toTokenRow(row);
}

/**
 * Whether a token is stored and revoked. A revoked token stays revoked: storing it again is a
 * CONFLICT, and it is no way in.
 *
 * @example
 * if (await isRevokedToken(db, env.UPSELL_ADMIN_TOKEN)) log('UPSELL_ADMIN_TOKEN is revoked');
 */
export async function isRevokedToken(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: tokens.id })
    .from(tokens)
    .where(and(eq(tokens.hash, sha256Hex(token)), isNotNull(tokens.revokedAt)));
  return row !== undefined;
}

/**
 * All tokens, revoked ones included, oldest first.
 *
 * @example
 * const active = (await listTokens(db)).filter((t) => t.revokedAt === null);
 */
export async function listTokens(db: Db): Promise<TokenRow[]> {
  const rows = await db.select().from(tokens).orderBy(asc(tokens.createdAt), asc(tokens.id));
  return rows.map(toTokenRow);
}

/**
 * Revokes a token for good (NOT_FOUND when missing; revoking twice keeps the first time).
 *
 * @example
 * await revokeToken(db, row.id);
 */
export async function revokeToken(db: Db, id: string): Promise<TokenRow> {
  if (!isUuid(id)) throw new StorageError('NOT_FOUND', `no token with id "${id}"`);
  const [row] = await db
    .update(tokens)
    .set({ revokedAt: sql`coalesce(${tokens.revokedAt}, now())` })
    .where(eq(tokens.id, id))
    .returning();
  if (row === undefined) throw new StorageError('NOT_FOUND', `no token with id "${id}"`);
  return toTokenRow(row);
}

/**
 * How many tokens can still be used (not revoked): with none, a server has no way in but the
 * admin token of its environment.
 *
 * @example
 * if ((await countTokens(db)) === 0) console.warn('no tokens: set UPSELL_ADMIN_TOKEN');
 */
export async function countTokens(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tokens).where(isNull(tokens.revokedAt));
  return row?.n ?? 0;
}
