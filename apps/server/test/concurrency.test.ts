// Imports, appends, deletes and queries at once, through the typed client over HTTP, on the same
// dataset and on datasets that share a file's bytes. Whatever the interleaving, every dataset
// left at the end must be consistent (its version is its number of committed files) and give
// exactly the numbers the CLI computes offline from those files in their commit order; no answer
// may be a server error. Refusals that the interleaving explains are fine: NOT_FOUND (deleted or
// not yet created), CONFLICT (taken, changed meanwhile, has data), TOO_MANY_REQUESTS (busy), and
// BAD_REQUEST for a dataset queried before its first file is in.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUpsellClient, TRPCClientError, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { computeFiles } from '@upsell/compute';
import { buildMetricResult, type DefinitionInput } from '@upsell/core';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

/** Rows of the file every dataset imports: a few MB, so that imports take long enough to overlap. */
const BASE_ROWS = 50_000;
const BASE_CUSTOMERS = BASE_ROWS / 8;
/** How long the queriers keep going at most, whatever the rest does. */
const QUERY_DEADLINE_MS = 180_000;

const DEFINITIONS: DefinitionInput[] = [
  { period: 'month' },
  { period: 'quarter', by: ['channel'] },
  { metric: 'purchase-upsell-rate', period: 'month' },
  { metric: 'customer-cross-sell-rate', period: 'year', eligible: 'existing' },
];

/** What the server answered that the interleaving does not explain. */
interface Violation {
  action: string;
  problem: string;
}

/** A refusal the interleaving explains, per code; anything else is a violation. */
const EXPLAINED: Record<string, (message: string) => boolean> = {
  NOT_FOUND: () => true,
  CONFLICT: () => true,
  TOO_MANY_REQUESTS: () => true,
  BAD_REQUEST: (message) => /no purchase file yet/.test(message),
};

/** A sample file over `months` months from `start`, its order ids prefixed so that files never share one. */
async function writeSample(
  path: string,
  options: { rows: number; seed: number; start: string; months: number },
  prefix: string,
) {
  const csv = [...generateSample({ ...options, customers: BASE_CUSTOMERS })].join('');
  const [header, ...lines] = csv.split('\n');
  await writeFile(path, [header, ...lines.map((line) => (line === '' ? line : prefix + line))].join('\n'));
}

/** The CLI's numbers for the same files in the same order (as the dataset store's tests compute them). */
async function offline(paths: string[], definition: DefinitionInput) {
  const computed = await computeFiles(
    { files: paths.map((path) => ({ path, format: 'csv' as const })), definition, map: {}, order: 'stream' },
    { threads: 1 },
  );
  return buildMetricResult(computed.counters, computed);
}

describe('the server under concurrent imports, appends, deletes and queries', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let client: UpsellClient;
  let dir: string;
  /** Local copies of every file, by SHA-256, to compute the expected numbers from. */
  const bySha = new Map<string, string>();
  const files = { base: '', january: '', february: '' };
  const violations: Violation[] = [];
  const outcomes = new Map<string, number>();
  const deleted = new Set<string>();
  const logged: string[] = [];

  /** Runs one call; an error the interleaving explains gives undefined, any other is recorded. */
  async function attempt<T>(action: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await call();
      outcomes.set(`${action.split(' ')[0]} ok`, (outcomes.get(`${action.split(' ')[0]} ok`) ?? 0) + 1);
      return result;
    } catch (error) {
      const data =
        error instanceof TRPCClientError
          ? (error.data as { code?: string; httpStatus?: number; requestId?: string })
          : {};
      const code = data?.code ?? 'NO_ANSWER';
      const key = `${action.split(' ')[0]} ${code}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      const message = (error as Error).message;
      if (!(EXPLAINED[code]?.(message) ?? false)) {
        const log =
          data?.requestId === undefined ? undefined : logged.find((line) => line.includes(data.requestId!));
        violations.push({
          action,
          problem: `${code} (HTTP ${data?.httpStatus ?? '-'}): ${message}${log === undefined ? '' : `\nserver log: ${log}`}`,
        });
      }
      return undefined;
    }
  }

  const importInto = async (dataset: string, file: string, mode: 'import' | 'append') => {
    const upload = await attempt(`upload ${file} for ${dataset}`, () => uploadFile(client, file));
    if (upload === undefined) return undefined;
    const name = file.slice(file.lastIndexOf('/') + 1);
    return attempt(`${mode} ${name} into ${dataset}`, () =>
      client.dataset[mode].mutate({ dataset, uploadId: upload.uploadId, fileName: name }),
    );
  };

  beforeAll(async () => {
    server = await startTestServer('pglite', {}, { log: (line) => logged.push(line) });
    client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    dir = await mkdtemp(join(tmpdir(), 'upsell-concurrency-'));
    files.base = join(dir, 'base.csv');
    files.january = join(dir, 'january.csv');
    files.february = join(dir, 'february.csv');
    await writeSample(files.base, { rows: BASE_ROWS, seed: 7, start: '2023-01-01', months: 12 }, '');
    await writeSample(files.january, { rows: 3000, seed: 8, start: '2024-01-01', months: 1 }, 'J-');
    await writeSample(files.february, { rows: 3000, seed: 9, start: '2024-02-01', months: 1 }, 'F-');
    for (const path of Object.values(files)) {
      bySha.set(
        createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
        path,
      );
    }

    let running = true;
    const query = async (worker: number) => {
      const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
      const until = Date.now() + QUERY_DEADLINE_MS;
      for (let i = 0; running && Date.now() < until; i++) {
        const dataset = names[(i + worker) % names.length]!;
        const definition = DEFINITIONS[(i * 3 + worker) % DEFINITIONS.length]!;
        switch (i % 5) {
          case 0:
          case 1:
            await attempt(`query ${dataset}`, () => client.metric.query.query({ dataset, definition }));
            break;
          case 2:
            await attempt(`customers ${dataset}`, () =>
              client.metric.customers.query({ dataset, period: '2023-06', segment: { channel: 'online' } }),
            );
            break;
          case 3:
            await attempt(`byId ${dataset}`, () => client.dataset.byId.query({ id: dataset }));
            break;
          default:
            await attempt('list', () => client.dataset.list.query());
        }
      }
    };
    const queriers = [0, 1, 2].map(query);

    const remove = async (dataset: string) => {
      await attempt(`delete ${dataset}`, () => client.dataset.delete.mutate({ id: dataset }));
      deleted.add(dataset);
    };
    const create = (dataset: string) =>
      attempt(`create ${dataset}`, () => client.dataset.create.mutate({ name: dataset }));
    await Promise.all([
      // The same dataset: two imports of the same bytes at once, then two appends at once.
      (async () => {
        await create('alpha');
        await Promise.all([
          importInto('alpha', files.base, 'import'),
          importInto('alpha', files.base, 'import'),
        ]);
        await Promise.all([
          importInto('alpha', files.january, 'append'),
          importInto('alpha', files.february, 'append'),
        ]);
      })(),
      // The same bytes appended twice at once: one commit, one duplicate (or a conflict).
      (async () => {
        await create('beta');
        await importInto('beta', files.base, 'import');
        await Promise.all([
          importInto('beta', files.january, 'append'),
          importInto('beta', files.january, 'append'),
        ]);
        await importInto('beta', files.february, 'append');
      })(),
      // Deleted while its import of the shared bytes runs.
      (async () => {
        await create('gamma');
        await Promise.all([
          importInto('gamma', files.base, 'import'),
          new Promise((resolve) => setTimeout(resolve, 300)).then(() => remove('gamma')),
        ]);
      })(),
      // Deleted once imported, while the others import and query the same bytes.
      (async () => {
        await create('delta');
        await importInto('delta', files.base, 'import');
        await remove('delta');
      })(),
      // Deleted and made again under the same name, with the same bytes.
      (async () => {
        await create('epsilon');
        await importInto('epsilon', files.base, 'import');
        await remove('epsilon');
        deleted.delete('epsilon');
        await create('epsilon');
        await importInto('epsilon', files.base, 'import');
        await importInto('epsilon', files.february, 'append');
      })(),
    ]);
    running = false;
    await Promise.all(queriers);
    // Imports in flight (there should be none: every call above has returned).
    for (let waited = 0; (await client.dataset.importProgress.query()).length > 0 && waited < 60; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answered no call with a server error or a refusal the interleaving does not explain', () => {
    expect(violations, JSON.stringify(Object.fromEntries(outcomes))).toEqual([]);
  });

  it('ran the scenario: the datasets that were never deleted have their files', async () => {
    const names = (await client.dataset.list.query()).map((dataset) => dataset.name).sort();
    expect(names).toEqual(['alpha', 'beta', 'epsilon']);
    for (const name of names)
      expect((await client.dataset.byId.query({ id: name })).version).toBeGreaterThan(0);
    for (const name of deleted) {
      await expect(client.dataset.byId.query({ id: name })).rejects.toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
    }
  });

  it("keeps every dataset's version equal to its number of committed files, numbered in commit order", async () => {
    for (const summary of await client.dataset.list.query()) {
      const sequences = summary.files.map((file) => file.sequence).sort((a, b) => a - b);
      expect({ name: summary.name, version: summary.version, sequences }).toEqual({
        name: summary.name,
        version: summary.files.length,
        sequences: summary.files.map((_, index) => index + 1),
      });
      expect(summary.rows).toBe(summary.files.reduce((sum, file) => sum + file.rows, 0));
      expect(summary.accepted).toBe(summary.files.reduce((sum, file) => sum + file.accepted, 0));
      // Each file's bytes once: the same bytes appended twice are one commit.
      expect(new Set(summary.files.map((file) => file.sha256)).size).toBe(summary.files.length);
    }
  });

  it('gives every dataset left the numbers the CLI computes from its files in commit order', async () => {
    for (const summary of await client.dataset.list.query()) {
      const paths = [...summary.files]
        .sort((a, b) => a.sequence - b.sequence)
        .map((file) => bySha.get(file.sha256) ?? `no local file with SHA-256 ${file.sha256}`);
      for (const definition of DEFINITIONS) {
        const {
          datasetId,
          datasetVersion,
          cached: _,
          ...numbers
        } = await client.metric.query.query({
          dataset: summary.name,
          definition,
        });
        expect([summary.name, datasetId, datasetVersion]).toEqual([
          summary.name,
          summary.id,
          summary.version,
        ]);
        expect(numbers, `${summary.name} ${JSON.stringify(definition)}`).toEqual(
          await offline(paths, definition),
        );
      }
    }
  });

  it('still reads the shared bytes of every dataset left from disk: a drill-down lists its lines', async () => {
    for (const summary of await client.dataset.list.query()) {
      const drill = await client.metric.customers.query({
        dataset: summary.name,
        period: '2023-Q2',
        definition: { metric: 'purchase-upsell-rate' },
        limit: 5,
      });
      expect(drill.total, summary.name).toBeGreaterThan(0);
      expect(drill.lines?.length, summary.name).toBe(5);
    }
  });
});
