import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isUpsellError } from '@upsell/core';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Db } from './open-database.ts';
import { tokens } from './schema.ts';
import { isStorageError } from './storage-error.ts';
import { testBackends } from './testing.ts';
import {
  countTokens,
  createToken,
  createTokenWithValue,
  isRevokedToken,
  listTokens,
  revokeToken,
  verifyToken,
} from './tokens.ts';

const ADMIN_TOKEN = 'an-admin-token-from-the-environment';

describe.each(testBackends())('tokens on $name', (backend) => {
  let database: Database;
  let db: Db;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
  });
  afterEach(() => database.close());

  it('creates a token of 32 random bytes and keeps only its hash and prefix', async () => {
    const { token, row } = await createToken(db, { name: 'ci', role: 'viewer' });
    expect(token).toMatch(/^ups_[A-Za-z0-9_-]{43}$/);
    expect(row).toEqual({
      id: expect.any(String),
      name: 'ci',
      role: 'viewer',
      prefix: token.slice(0, 8),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const [stored] = await db.select().from(tokens).where(eq(tokens.id, row.id));
    expect(stored?.hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('creates a different token every time', async () => {
    const a = await createToken(db, { name: 'a', role: 'viewer' });
    const b = await createToken(db, { name: 'b', role: 'viewer' });
    expect(a.token).not.toBe(b.token);
  });

  it('verifies a token to its row, and an unknown one to undefined', async () => {
    const { token, row } = await createToken(db, { name: 'ci', role: 'analyst' });
    expect(await verifyToken(db, token)).toMatchObject({ id: row.id, role: 'analyst' });
    expect(await verifyToken(db, `${token}x`)).toBeUndefined();
    expect(await verifyToken(db, '')).toBeUndefined();
  });

  it('writes lastUsedAt on first use, then not again within a minute', async () => {
    const { token, row } = await createToken(db, { name: 'ci', role: 'viewer' });
    const first = await verifyToken(db, token);
    expect(first?.lastUsedAt).not.toBeNull();
    const second = await verifyToken(db, token);
    expect(second?.lastUsedAt).toBe(first?.lastUsedAt);
    expect((await listTokens(db))[0]?.lastUsedAt).toBe(first?.lastUsedAt);

    await db
      .update(tokens)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(tokens.id, row.id));
    const stale = (await listTokens(db))[0]?.lastUsedAt;
    const third = await verifyToken(db, token);
    expect(third!.lastUsedAt! > stale!).toBe(true);
    expect((await listTokens(db))[0]?.lastUsedAt).toBe(third?.lastUsedAt);
  });

  it('verifies a revoked token to undefined', async () => {
    const { token, row } = await createToken(db, { name: 'ci', role: 'viewer' });
    const revoked = await revokeToken(db, row.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await verifyToken(db, token)).toBeUndefined();
  });

  it('keeps the first revocation time when revoked twice', async () => {
    const { row } = await createToken(db, { name: 'ci', role: 'viewer' });
    const first = await revokeToken(db, row.id);
    expect((await revokeToken(db, row.id)).revokedAt).toBe(first.revokedAt);
  });

  it('refuses to revoke a missing token with NOT_FOUND', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'ci']) {
      expect(isStorageError(await revokeToken(db, id).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    }
  });

  it('stores a token given by value, which then verifies', async () => {
    const row = await createTokenWithValue(db, { name: 'admin', role: 'admin', token: ADMIN_TOKEN });
    expect((await verifyToken(db, ADMIN_TOKEN))?.id).toBe(row.id);
  });

  it('keeps and shows none of the characters of a token given by value', async () => {
    const row = await createTokenWithValue(db, { name: 'admin', role: 'admin', token: ADMIN_TOKEN });
    expect(row.prefix).toBe('');
    expect((await listTokens(db)).map((t) => t.prefix)).toEqual(['']);
    const [stored] = await db.select().from(tokens).where(eq(tokens.id, row.id));
    expect(JSON.stringify(stored)).not.toContain(ADMIN_TOKEN.slice(0, 8));
  });

  it('empties, by migration, the prefix of tokens given by value before, and keeps generated ones', async () => {
    const generated = await createToken(db, { name: 'ci', role: 'viewer' });
    const chosen = (name: string, token: string) =>
      db.insert(tokens).values({
        name,
        role: 'admin',
        hash: createHash('sha256').update(token).digest('hex'),
        prefix: token.slice(0, 8),
      });
    await chosen('from UPSELL_ADMIN_TOKEN', ADMIN_TOKEN);
    await chosen('admin (UPSELL_ADMIN_TOKEN)', 'ups_looks-generated-but-chosen-by-hand');
    await chosen('by hand', 'my-own-secret-of-24-characters');
    const migration = await readFile(
      new URL('../drizzle/0001_hide_chosen_token_prefixes.sql', import.meta.url),
      'utf8',
    );
    await db.execute(sql.raw(migration));
    expect(Object.fromEntries((await listTokens(db)).map((t) => [t.name, t.prefix]))).toEqual({
      ci: generated.token.slice(0, 8),
      'from UPSELL_ADMIN_TOKEN': '',
      'admin (UPSELL_ADMIN_TOKEN)': '',
      'by hand': '',
    });
  });

  it('refuses a token given by value shorter than 24 characters with INVALID_ARGUMENT', async () => {
    const error = await createTokenWithValue(db, {
      name: 'admin',
      role: 'admin',
      token: 'x'.repeat(23),
    }).catch((e: unknown) => e);
    expect(isUpsellError(error, 'INVALID_ARGUMENT')).toBe(true);
    await createTokenWithValue(db, { name: 'admin', role: 'admin', token: 'x'.repeat(24) });
  });

  it('refuses a token given by value that is already stored with CONFLICT', async () => {
    await createTokenWithValue(db, { name: 'admin', role: 'admin', token: ADMIN_TOKEN });
    const error = await createTokenWithValue(db, { name: 'again', role: 'admin', token: ADMIN_TOKEN }).catch(
      (e: unknown) => e,
    );
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
  });

  it('tells a revoked token from an unknown or usable one', async () => {
    expect(await isRevokedToken(db, ADMIN_TOKEN)).toBe(false);
    const row = await createTokenWithValue(db, { name: 'admin', role: 'admin', token: ADMIN_TOKEN });
    expect(await isRevokedToken(db, ADMIN_TOKEN)).toBe(false);
    await revokeToken(db, row.id);
    expect(await isRevokedToken(db, ADMIN_TOKEN)).toBe(true);
  });

  it('lists all tokens oldest first and counts the usable ones', async () => {
    expect(await countTokens(db)).toBe(0);
    const a = await createToken(db, { name: 'a', role: 'viewer' });
    await createToken(db, { name: 'b', role: 'admin' });
    await revokeToken(db, a.row.id);
    expect((await listTokens(db)).map((t) => [t.name, t.revokedAt === null])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(await countTokens(db)).toBe(1);
  });
});
