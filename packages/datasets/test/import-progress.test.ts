import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { generateSample } from '@upsell/sample';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatasetStore, type DatasetStore } from '../src/index.ts';

const OWNER = 'token-1';

/** The sample with every order and customer id prefixed: other customers, so any time order fits. */
function otherCustomers(csv: string, prefix: string): string {
  const [header, ...lines] = csv.trimEnd().split('\n');
  return `${[header, ...lines.map((line) => `${prefix}${line.replace(',', `,${prefix}`)}`)].join('\n')}\n`;
}

describe.each(testBackends())('import progress on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore;

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-progress-'));
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
  });
  afterEach(async () => {
    await store.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports the bytes read of an append that goes through the open computation', async () => {
    // Over 8 MiB (about 22 MiB): a read reports its bytes every 8 MiB and at its end, and a
    // report that only comes with the end can arrive with the answer, before anyone polls.
    const sample = [...generateSample({ rows: 300_000, seed: 7 })].join('');
    const first = join(dataDir, 'first.csv');
    const second = join(dataDir, 'second.csv');
    await writeFile(first, sample);
    await writeFile(second, otherCustomers(sample, 'n'));
    const dataset = await store.create('shop');
    const send = async (path: string, mode: 'import' | 'append') => {
      const { uploadId } = await store.receiveUpload(fileStream(path), { owner: OWNER });
      return store.importFile({ datasetId: dataset.id, uploadId, owner: OWNER, fileName: path, mode });
    };
    await send(first, 'import');
    let seen = 0;
    let total = 0;
    const appending = send(second, 'append');
    let done = false;
    void appending.finally(() => {
      done = true;
    });
    while (!done) {
      for (const p of store.progress()) {
        seen = Math.max(seen, p.bytesRead);
        total = p.bytesTotal;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const appended = await appending;
    expect(appended.file.accepted).toBe(300_000);
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(total);
  });
});
