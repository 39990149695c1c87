import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_DATABASE_URL_VARIABLE, testPostgresServerUrl } from './test-database-kinds.ts';

/** A database of its own on the test PostgreSQL server. */
export interface TestPostgresDatabase {
  /** Its name, `<prefix><random>`. */
  name: string;
  /** Its URL: the server's, with the database's name as the path. */
  url: string;
  /** Drops it, even with connections still open. */
  drop(): Promise<void>;
}

/** Options of {@link createTestPostgresDatabase}. */
export interface CreateTestPostgresDatabaseOptions {
  /** The server; default `UPSELL_TEST_DATABASE_URL`. */
  serverUrl?: string;
  /** Start of the database's name; default `upsell_test_`. */
  prefix?: string;
}

/**
 * Creates a fresh, empty database on the test PostgreSQL server, for a test to migrate and use
 * and then drop.
 *
 * @example
 * const database = await createTestPostgresDatabase({ prefix: 'upsell_server_test_' });
 * // ... DATABASE_URL: database.url ...
 * await database.drop();
 */
export async function createTestPostgresDatabase(
  options: CreateTestPostgresDatabaseOptions = {},
): Promise<TestPostgresDatabase> {
  const serverUrl = options.serverUrl ?? testPostgresServerUrl();
  if (serverUrl === undefined) {
    throw new Error(`createTestPostgresDatabase: no server; set ${TEST_DATABASE_URL_VARIABLE}`);
  }
  const name = `${options.prefix ?? 'upsell_test_'}${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.href,
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
