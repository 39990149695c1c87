import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../testing/index.ts';

describe.each(testBackends())('token on $name', (backend) => {
  let api: TestApi;
  let admin: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    admin = api.caller(api.tokens.admin);
  });
  afterEach(() => api.close());

  it("tells a token's id, name and role", async () => {
    const me = await api.caller(api.tokens.viewer).token.me();
    expect(me).toEqual({ id: expect.any(String), name: 'test viewer', role: 'viewer' });
    expect((await admin.token.list()).find((row) => row.id === me.id)?.name).toBe('test viewer');
  });

  it('creates a token that works at once with its role', async () => {
    const created = await admin.token.create({ name: 'ci', role: 'analyst' });
    expect(created.row).toMatchObject({ name: 'ci', role: 'analyst', prefix: created.token.slice(0, 8) });
    expect(await api.caller(created.token).token.me()).toEqual({
      id: created.row.id,
      name: 'ci',
      role: 'analyst',
    });
  });

  it('lists tokens without their values or hashes', async () => {
    const listed = await admin.token.list();
    expect(listed.map((t) => t.name)).toContain('test viewer');
    const text = JSON.stringify(listed);
    expect(text).not.toContain(api.tokens.viewer);
    expect(listed.every((t) => !('hash' in t) && !('token' in t))).toBe(true);
  });

  it('revokes a token, which is then UNAUTHORIZED', async () => {
    const created = await admin.token.create({ name: 'ci', role: 'viewer' });
    // Used (and so cached as valid) before: the revocation must still take effect at once.
    await expect(api.caller(created.token).token.me()).resolves.toMatchObject({ name: 'ci' });
    await admin.token.revoke({ id: created.row.id });
    await expect(api.caller(created.token).token.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses to revoke the last admin token with CONFLICT', async () => {
    const me = (await admin.token.list()).find((t) => t.name === 'test admin')!;
    await expect(admin.token.revoke({ id: me.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('revokes an admin token while another admin token is left', async () => {
    const other = await admin.token.create({ name: 'second admin', role: 'admin' });
    const me = (await admin.token.list()).find((t) => t.name === 'test admin')!;
    await admin.token.revoke({ id: me.id });
    expect(await api.caller(other.token).token.me()).toMatchObject({ name: 'second admin', role: 'admin' });
  });
});
