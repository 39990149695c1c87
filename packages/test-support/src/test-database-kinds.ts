/** The variable naming the PostgreSQL server the tests may use (`.ci/run` sets it). */
export const TEST_DATABASE_URL_VARIABLE = 'UPSELL_TEST_DATABASE_URL';

/** The metadata databases a suite runs on: PGlite always, PostgreSQL too when a server is named. */
export type TestDatabaseKind = 'pglite' | 'postgres';

/**
 * The kinds of database to run a suite on: `pglite` always, and `postgres` too when
 * `UPSELL_TEST_DATABASE_URL` names a PostgreSQL server.
 *
 * @example
 * describe.each(testDatabaseKinds())('on %s', (kind) => { ... });
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return testPostgresServerUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/** The PostgreSQL server of `UPSELL_TEST_DATABASE_URL`, or undefined when none is named. */
export function testPostgresServerUrl(): string | undefined {
  return process.env[TEST_DATABASE_URL_VARIABLE] || undefined;
}
