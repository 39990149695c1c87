import { existsSync } from 'node:fs';
import { readdir, readlink } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { createUpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const shop = join(import.meta.dirname, '../../../examples/shop.csv');

/** The files this process (the server's, in these tests) holds open under `dir`. */
async function openFilesUnder(dir: string): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((target) => target.startsWith(dir));
}

describe('uploads on the server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('stops an upload whose client leaves before the end, closing and removing its part file', async () => {
    server = await startTestServer('pglite');
    const uploads = join(server.dataDir, 'uploads');
    const upload = request(`${server.url}/trpc/dataset.upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    upload.on('error', () => {});
    upload.write('customer_id,purchased_at,product_id\n'.padEnd(64 * 1024, 'x'));
    await expect.poll(() => readdir(uploads), { timeout: 10_000 }).toHaveLength(1);
    upload.destroy();
    await expect.poll(() => readdir(uploads), { timeout: 10_000 }).toEqual([]);
    if (existsSync('/proc/self/fd')) {
      await expect.poll(() => openFilesUnder(uploads), { timeout: 10_000 }).toEqual([]);
    }
  });

  it('removes an upload not imported within UPSELL_UPLOAD_TTL_SECONDS', async () => {
    server = await startTestServer('pglite', { UPSELL_UPLOAD_TTL_SECONDS: '1' });
    const client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await client.dataset.create.mutate({ name: 'shop' });
    const { uploadId } = await uploadFile(client, shop);
    await expect.poll(() => readdir(join(server!.dataDir, 'uploads')), { timeout: 10_000 }).toEqual([]);
    await expect(
      client.dataset.import.mutate({ dataset: 'shop', uploadId, fileName: 'shop.csv' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
