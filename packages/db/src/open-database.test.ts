import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPostgresServerUrl } from '@upsell/test-support';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataset, findDataset, listDatasets } from './datasets.ts';
import { openDatabase } from './open-database.ts';
import { testBackends } from './testing.ts';

const child = fileURLToPath(new URL('../test/fixtures/commit-then-hang.mjs', import.meta.url));

/** Runs the child on the data directory, waits for its 'committed', and kills it with SIGKILL. */
function commitThenKill(pgDataDir: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const process = spawn('node', [child, pgDataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    process.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('committed\n')) process.kill('SIGKILL');
    });
    process.on('error', reject);
    process.on('exit', (code, signal) =>
      output.includes('committed\n')
        ? resolve(signal)
        : reject(new Error(`child exited (${code}): ${output}`)),
    );
  });
}

describe('openDatabase with PGlite in a data directory', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-db-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps what was committed across a close and a reopen, migrating only once', async () => {
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await createDataset(first.db, { name: 'shop' });
    await first.close();

    const second = await openDatabase({ dataDir });
    expect((await listDatasets(second.db)).map((d) => d.name)).toEqual(['shop']);
    await second.close();
  });

  it('keeps a committed transaction and nothing of an open one when the process is killed -9', async () => {
    const created = await openDatabase({ dataDir });
    await created.close();

    expect(await commitThenKill(join(dataDir, 'pg'))).toBe('SIGKILL');

    const reopened = await openDatabase({ dataDir });
    try {
      expect((await listDatasets(reopened.db)).map((d) => [d.name, d.version])).toEqual([['committed', 0]]);
      await createDataset(reopened.db, { name: 'after' });
      expect(await findDataset(reopened.db, 'after')).toBeDefined();
    } finally {
      await reopened.close();
    }
  });
});

describe.skipIf(!testPostgresServerUrl())('openDatabase with PostgreSQL', () => {
  it('goes on when the server ends an idle pooled connection', async () => {
    const [backend] = testBackends().filter((b) => b.name === 'postgres');
    const database = await backend!.open();
    try {
      await createDataset(database.db, { name: 'before' });
      // Another session ends this pool's idle connection, as a server restart would.
      const pool = (database.db as unknown as { $client: import('pg').Pool }).$client;
      const admin = await pool.connect();
      const { rows } = await admin.query<{ pid: number }>('select pg_backend_pid() as pid');
      admin.release();
      const killer = new Client({ connectionString: testPostgresServerUrl() });
      await killer.connect();
      await killer.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await killer.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await listDatasets(database.db)).map((d) => d.name)).toEqual(['before']);
    } finally {
      await database.close();
    }
  });
});
