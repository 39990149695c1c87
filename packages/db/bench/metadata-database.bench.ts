// Costs of the metadata database, for the figures in the README: `pnpm --filter @upsell/db bench`
// (PostgreSQL too with UPSELL_TEST_DATABASE_URL). Each case runs a few times; read the mean.
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

/** Runs `use` on a new temporary directory, removed afterwards. */
async function inTempDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'upsell-db-bench-'));
  try {
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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

describe('opening PGlite', () => {
  // Each phase is printed; the bench's own figure is both together.
  bench(
    'a new data directory (initdb, migrations), close; open again (nothing to migrate), close',
    () =>
      inTempDir(async (dataDir) => {
        let started = performance.now();
        await (await openDatabase({ dataDir })).close();
        const created = performance.now() - started;
        started = performance.now();
        await (await openDatabase({ dataDir })).close();
        const reopened = performance.now() - started;
        console.log(`new data directory ${created.toFixed(0)} ms, existing ${reopened.toFixed(0)} ms`);
      }),
    FEW,
  );
  bench('in memory: initdb, then close', async () => (await PGlite.create()).close(), FEW);
  bench(
    'in memory: initdb and the migrations, then close',
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

const committing: Array<{ name: string; open: (dataDir: string) => Promise<Database> }> = [
  { name: 'pglite in a data directory', open: (dataDir) => openDatabase({ dataDir }) },
  ...testBackends()
    .filter((backend) => backend.name === 'postgres')
    .map((backend) => ({ name: backend.name, open: () => backend.open() })),
];

describe(`committing a file with ${COMMITTED_ERRORS.toLocaleString('en')} row errors`, () => {
  for (const { name, open } of committing) {
    // The open and close are outside the figure printed, inside the bench's own.
    bench(
      `on ${name}: open, commitDatasetFile, close`,
      () =>
        inTempDir(async (dataDir) => {
          const database = await open(dataDir);
          try {
            const dataset = await createDataset(database.db, { name: 'bench' });
            const started = performance.now();
            await commitDatasetFile(database.db, {
              datasetId: dataset.id,
              expectedVersion: 0,
              file: sampleDatasetFile(),
              errors: rowErrors(COMMITTED_ERRORS, 10_000),
            });
            console.log(`${name}: commitDatasetFile took ${(performance.now() - started).toFixed(0)} ms`);
          } finally {
            await database.close();
          }
        }),
      ONCE,
    );
  }
});
