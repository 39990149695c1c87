import { PGlite } from '@electric-sql/pglite';
import { createTestPostgresDatabase, testDatabaseKinds } from '@upsell/test-support';
import { Pool } from 'pg';
import { type Database, pgliteDatabase, postgresDatabase } from './open-database.ts';

/** A database engine the tests run on; every `open()` is a fresh, migrated, empty database. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

/**
 * The backends to run a database test suite on: PGlite always, and PostgreSQL too when
 * `UPSELL_TEST_DATABASE_URL` names a server (each open creates a database `upsell_test_<random>`
 * there and close drops it).
 *
 * @example
 * describe.each(testBackends())('datasets on $name', (backend) => {
 *   let database: Database;
 *   beforeEach(async () => (database = await backend.open()));
 *   afterEach(() => database.close());
 * });
 */
export function testBackends(): TestBackend[] {
  return testDatabaseKinds().map((name) => ({
    name,
    open: name === 'pglite' ? openTestPglite : openTestPostgres,
  }));
}

// initdb and the migrations take PGlite about 1.5 s; loading their result from a tarball into
// memory takes about 0.3 s. So they run once per test process and every open starts from a copy.
let pgliteTemplate: Promise<Blob> | undefined;

async function migratedPgliteTarball(): Promise<Blob> {
  const client = await PGlite.create();
  const database = await pgliteDatabase(client);
  try {
    return await client.dumpDataDir('none');
  } finally {
    await database.close();
  }
}

async function openTestPglite(): Promise<Database> {
  pgliteTemplate ??= migratedPgliteTarball();
  return pgliteDatabase(await PGlite.create({ loadDataDir: await pgliteTemplate }));
}

async function openTestPostgres(): Promise<Database> {
  const database = await createTestPostgresDatabase();
  return postgresDatabase(new Pool({ connectionString: database.url }), database.drop);
}
