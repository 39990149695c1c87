// Costs of the metadata database, for the figures in the README: `pnpm --filter @upsell/db bench`
// (PostgreSQL too with UPSELL_TEST_DATABASE_URL). Each case runs a few times; read the mean.
// Bench files get no beforeAll/afterAll: what a case needs is made in its `setup` hook.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bench, describe } from 'vitest';
import { commitDatasetFile } from '../src/dataset-files.ts';
import { createDataset } from '../src/datasets.ts';
import { type Database, openDatabase, pgliteDatabase } from '../src/open-database.ts';
import type { RowErrorInput } from '../src/row-errors.ts';
import { testBackends } from '../src/testing.ts';
import { sampleDatasetFile } from '../test/sample-dataset-file.ts';

const FEW = { iterations: 3, time: 0, warmupIterations: 0, warmupTime: 0 };
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const COMMITTED_ERRORS = 1_000_000;

async function* rowErrors(total: number, chunk: number): AsyncIterable<RowErrorInput[]> {
  for (let start = 0; start < total; start += chunk) {
    yield Array.from({ length: Math.min(chunk, total - start) }, (_, i) => ({
      line: start + i + 2,
      column: 3,
      columnName: 'purchased_at',
      reason: 'not a date: "2024-13-45"',
    }));
  }
}

/** A temporary directory made by `setup` and removed by `teardown`. */
function tempDir() {
  let path: string | undefined;
  return {
    get path() {
      return path!;
    },
    async setup() {
      path ??= await mkdtemp(join(tmpdir(), 'upsell-db-bench-'));
    },
    async teardown() {
      if (path !== undefined) await rm(path, { recursive: true, force: true });
      path = undefined;
    },
  };
}

describe('opening PGlite', () => {
  bench(
    'a new data directory: initdb and migrations, then close',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'upsell-db-bench-'));
      await (await openDatabase({ dataDir: dir })).close();
      await rm(dir, { recursive: true, force: true });
    },
    FEW,
  );

  const existing = tempDir();
  bench(
    'an existing data directory, then close',
    async () => (await openDatabase({ dataDir: existing.path })).close(),
    {
      ...FEW,
      setup: async () => {
        await existing.setup();
        await (await openDatabase({ dataDir: existing.path })).close();
      },
      teardown: existing.teardown,
    },
  );

  bench('in memory: initdb, then close', async () => (await PGlite.create()).close(), FEW);

  bench(
    'in memory: initdb, the migrations, then close',
    async () => (await pgliteDatabase(await PGlite.create())).close(),
    FEW,
  );

  bench(
    'a test backend (in memory, from the migrated template), then close',
    async () => {
      const [pglite] = testBackends();
      await (await pglite!.open()).close();
    },
    FEW,
  );
});

describe.each([
  { name: 'pglite in a data directory', open: (dataDir: string) => openDatabase({ dataDir }) },
  ...testBackends()
    .filter((backend) => backend.name === 'postgres')
    .map((backend) => ({ name: 'postgres', open: () => backend.open() })),
])(`committing a file with ${COMMITTED_ERRORS.toLocaleString('en')} row errors on $name`, ({ open }) => {
  const dir = tempDir();
  let database: Database | undefined;
  bench(
    'commitDatasetFile',
    async () => {
      const dataset = await createDataset(database!.db, { name: `bench-${crypto.randomUUID()}` });
      await commitDatasetFile(database!.db, {
        datasetId: dataset.id,
        expectedVersion: 0,
        file: sampleDatasetFile(),
        errors: rowErrors(COMMITTED_ERRORS, 10_000),
      });
    },
    {
      ...ONCE,
      setup: async () => {
        await dir.setup();
        database ??= await open(dir.path);
      },
      teardown: async () => {
        await database?.close();
        database = undefined;
        await dir.teardown();
      },
    },
  );
});
