import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitDatasetFile, listDatasetFiles } from './dataset-files.ts';
import { listDatasets } from './datasets.ts';
import type { Database, Db } from './open-database.ts';
import { datasets } from './schema.ts';
import { testBackends } from './testing.ts';

/** The statements of a drizzle migration file, in order. */
async function migrationStatements(name: string): Promise<string[]> {
  const text = await readFile(new URL(`../drizzle/${name}`, import.meta.url), 'utf8');
  return text
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// Migration 0003 (issue 11) is run here on tables put back as 0002 left them, holding rows
// written then: every dataset from before is a purchase dataset in USD, its files keep their kinds.
describe.each(testBackends())('migration 0003 (dataset kinds) on $name', (backend) => {
  let database: Database;
  let db: Db;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
    await db.execute(sql`ALTER TABLE "datasets" DROP CONSTRAINT "datasets_kind_check"`);
    await db.execute(sql`ALTER TABLE "datasets" DROP COLUMN "kind"`);
    await db.execute(sql`ALTER TABLE "datasets" DROP COLUMN "currency"`);
    await db.execute(sql`ALTER TABLE "dataset_files" DROP CONSTRAINT "dataset_files_kind_check"`);
    await db.execute(
      sql`ALTER TABLE "dataset_files" ADD CONSTRAINT "dataset_files_kind_check" CHECK ("kind" in ('purchases', 'customers'))`,
    );
  });
  afterEach(() => database.close());

  it('makes every dataset from before a purchase dataset in USD, and lets subscription and fx files in', async () => {
    await db.execute(sql`INSERT INTO "datasets" ("name", "version") VALUES ('shop', 0), ('empty', 0)`);
    const [shop] = await db.select({ id: datasets.id }).from(datasets).where(eq(datasets.name, 'shop'));
    const insertFile = (kind: string) =>
      db.execute(sql`INSERT INTO "dataset_files" ("dataset_id", "kind", "sequence", "version", "sha256",
        "file_name", "stored_path", "format", "bytes", "rows", "accepted", "rejected", "columns", "map", "profile")
        VALUES (${shop!.id}, ${kind}, 1, 1, 'abc', 'q1.csv', 'files/abc', 'csv', 10, 1, 1, 0, '[]', '{}', '{}')`);
    await insertFile('purchases');
    // Before the migration, the database knows only purchases and customers.
    await expect(insertFile('fx')).rejects.toThrow();
    for (const statement of await migrationStatements('0003_dataset_kinds.sql')) {
      await db.execute(sql.raw(statement));
    }
    expect((await listDatasets(db)).map(({ name, kind, currency }) => ({ name, kind, currency }))).toEqual([
      { name: 'empty', kind: 'purchases', currency: 'USD' },
      { name: 'shop', kind: 'purchases', currency: 'USD' },
    ]);
    expect((await listDatasetFiles(db, shop!.id)).map((f) => f.kind)).toEqual(['purchases']);
    await commitDatasetFile(db, {
      datasetId: shop!.id,
      expectedVersion: 0,
      file: {
        kind: 'fx',
        sha256: 'rates',
        fileName: 'rates.csv',
        storedPath: 'files/rates',
        format: 'csv',
        bytes: 10,
        rows: 1,
        accepted: 1,
        rejected: 0,
        columns: ['date', 'currency', 'rate'],
        map: {},
        profile: {},
      },
      errors: [],
    });
    expect((await listDatasetFiles(db, shop!.id)).map((f) => f.kind)).toEqual(['purchases', 'fx']);
  });
});
