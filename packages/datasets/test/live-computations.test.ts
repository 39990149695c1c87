import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveComputations, type LiveRequest } from '../src/live-computations.ts';

let dir: string;
const files: LiveRequest['files'] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-lives-'));
  const text = await readFile(join(import.meta.dirname, '../../../examples/worked-200-of-1000.csv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const at = header!.split(',').indexOf('purchased_at');
  lines.sort((a, b) => (a.split(',')[at]! < b.split(',')[at]! ? -1 : 1));
  for (const [name, part] of [
    ['first.csv', lines.slice(0, 1100)],
    ['second.csv', lines.slice(1100)],
  ] as const) {
    const path = join(dir, name);
    await writeFile(path, `${header}\n${part.join('\n')}\n`);
    files.push({ storedPath: `files/${name}`, path, format: 'csv', name });
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const request = (count: number): LiveRequest => ({
  datasetId: 'd',
  key: 'month',
  job: { definition: { period: 'month' }, map: {} },
  files: files.slice(0, count),
});

describe('live computations', () => {
  it('answers a request that is behind the computation (an import appending meanwhile) with its own files', async () => {
    const lives = createLiveComputations({ capacity: 1, threads: 1 });
    try {
      const first = await lives.computed(request(1));
      const both = await lives.computed(request(2));
      expect(both.accounting.rows).toBe(1600);
      const behind = await lives.computed(request(1));
      expect(behind.accounting.rows).toBe(1100);
      expect(behind.partial).toEqual(first.partial);
      // The computation itself stayed ahead: both files, without reading them again.
      expect(lives.size).toBe(1);
      expect((await lives.computed(request(2))).partial).toEqual(both.partial);
    } finally {
      await lives.closeAll();
    }
  });
});
