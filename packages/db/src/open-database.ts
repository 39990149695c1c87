import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { Pool } from 'pg';
import * as schema from './schema.ts';

/**
 * The database as the repository functions take it, whichever driver is behind it. A transaction
 * (`db.transaction(async (tx) => ...)`) is one too, so the functions compose inside one.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open metadata database. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Ends the pool, or shuts PGlite down cleanly (a later open need not recover). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A `postgres://` URL: use that server. */
  url?: string;
  /**
   * Without `url`: embedded PGlite, kept in `${dataDir}/pg` (created when missing). Without either,
   * PGlite in memory, gone on close (for tests).
   */
  dataDir?: string;
}

// From src/ when run from source, from dist/ when built: the folder is beside both.
const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Opens the metadata database and brings its tables up to date with the migrations in
 * `packages/db/drizzle`.
 *
 * @example
 * const { db, close } = await openDatabase({ dataDir: '/var/lib/upsell' });
 * const datasets = await listDatasets(db);
 * await close();
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url !== undefined) return openPostgres(options.url);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  return postgresDatabase(new Pool({ connectionString: url }));
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir === undefined) return pgliteDatabase(await PGlite.create());
  const pgDataDir = join(dataDir, 'pg');
  await mkdir(pgDataDir, { recursive: true });
  if (!existsSync(join(pgDataDir, 'PG_VERSION'))) await initPgliteApart(pgDataDir);
  return pgliteDatabase(await PGlite.create({ dataDir: pgDataDir }));
}

/**
 * Creates a PGlite data directory (initdb) in a worker thread that then ends. WebAssembly memory
 * never shrinks, and initdb grows PGlite's to about 800 MB; opening the directory afterwards
 * takes about 320 MB (measured: peak RSS of a first start 898 MB -> see packages/db/README.md).
 */
async function initPgliteApart(pgDataDir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const code = `(async () => {
    const { PGlite } = await import(${JSON.stringify(pglite)});
    const db = await PGlite.create({ dataDir: ${JSON.stringify(pgDataDir)} });
    await db.close();
  })().catch((error) => { console.error(error); process.exit(1); });`;
  const worker = new Worker(code, { eval: true });
  const [exitCode] = (await once(worker, 'exit')) as [number];
  if (exitCode !== 0)
    throw new Error(`creating the PGlite database in ${pgDataDir} failed (exit code ${exitCode})`);
}

/**
 * A migrated {@link Database} on a pool; `afterClose` runs once the pool has ended (also when
 * migrating fails, after which the error is rethrown). For openDatabase and the test backends.
 */
export async function postgresDatabase(
  pool: Pool,
  afterClose: () => Promise<void> = async () => {},
): Promise<Database> {
  // An idle connection the server ends (a restart, an administrator, a dropped test database)
  // is an 'error' on the pool, which would end the process unheard; the pool drops that
  // connection and the next query opens another, so there is nothing more to do.
  pool.on('error', () => {});
  const close = async () => {
    await pool.end();
    await afterClose();
  };
  try {
    const db = drizzlePostgres({ client: pool, schema });
    await migratePostgres(db, { migrationsFolder });
    return { db, kind: 'postgres', close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A migrated {@link Database} on an open PGlite, closed if migrating fails. For openDatabase and
 * the test backends.
 */
export async function pgliteDatabase(client: PGlite): Promise<Database> {
  try {
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return { db, kind: 'pglite', close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}
