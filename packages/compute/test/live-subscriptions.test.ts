import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMrrMovementsResult, buildSubscriptionRateResult, type RowIssue } from '@upsell/core';
import { generateSubscriptionFxRates, generateSubscriptionSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeSubscriptionFiles,
  type InputFile,
  type SubscriptionComputationOutput,
  type SubscriptionJob,
  startLiveSubscriptionComputation,
} from '../src/index.ts';

// A live subscription computation reads appended files into the runs it keeps open and gives
// exactly what a computation over every file so far gives, in this thread and in workers (which
// run the built worker: `pnpm turbo run build --filter=@upsell/compute` first).
let dir: string;
let parts: InputFile[];
let fxPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-live-subscriptions-'));
  const sample = { rows: 6_000, seed: 11 };
  const [header, ...rows] = [...generateSubscriptionSample(sample)].join('').trim().split('\n');
  fxPath = join(dir, 'fx.csv');
  await writeFile(fxPath, generateSubscriptionFxRates(sample));
  // Cut by lines: a customer's rows may fall into two files.
  const cuts = [0, 3_001, 5_000, rows.length];
  parts = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const path = join(dir, `part${i}.csv`);
    await writeFile(path, [header, ...rows.slice(cuts[i], cuts[i + 1])].join('\n'));
    parts.push({ path, format: 'csv', name: `part${i}.csv` });
  }
  // A fourth file: a bad amount, and a state of a customer of part0 overlapping theirs.
  const first = rows[0]!.split(',');
  const overlap = [...first];
  const bad = [...first];
  bad[0] = 'zz-new';
  bad[header!.split(',').indexOf('amount')] = '-5';
  const path = join(dir, 'bad.csv');
  await writeFile(path, [header, overlap.join(','), bad.join(',')].join('\n'));
  parts.push({ path, format: 'csv', name: 'bad.csv' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const jobOf = (files: InputFile[], rule: 'expansion' | 'upgrade' = 'expansion'): SubscriptionJob => ({
  files,
  definition: { period: 'month', by: ['region'], rule },
  map: {},
  fxPath,
  keepIssues: 100,
});

const figures = (computed: SubscriptionComputationOutput) => ({
  bridge: buildMrrMovementsResult(computed.output.counters, computed.output).rows,
  rate: buildSubscriptionRateResult(computed.output.counters, computed.output).rows,
  accounting: computed.output.accounting,
});

describe.each([
  { where: 'in this thread', options: { threads: 1 } },
  { where: 'in two workers', options: { threads: 2, parallelFrom: 0, offThread: true } },
])('startLiveSubscriptionComputation $where', ({ options }) => {
  it('gives what a computation over every file so far gives, after each append', async () => {
    const live = await startLiveSubscriptionComputation(jobOf(parts.slice(0, 1)), options);
    try {
      expect(live.started.order).toBe('live');
      expect(figures(live.started)).toEqual(
        figures(await computeSubscriptionFiles(jobOf(parts.slice(0, 1)), options)),
      );
      for (let n = 2; n <= 3; n++) {
        const appended = await live.read([parts[n - 1]!]);
        const whole = await computeSubscriptionFiles(jobOf(parts.slice(0, n)), options);
        expect(figures(appended)).toEqual(figures(whole));
        expect(appended.output.accounting.rows).toBe(whole.output.accounting.rows);
      }
      expect(live.files.map((f) => f.name)).toEqual(['part0.csv', 'part1.csv', 'part2.csv']);
      // Another rule from the same rows, without reading a file.
      const upgrade = await live.read([], { eligible: 'existing', rule: 'upgrade' });
      expect(figures(upgrade)).toEqual(
        figures(await computeSubscriptionFiles(jobOf(parts.slice(0, 3), 'upgrade'), options)),
      );
      expect(upgrade.output.definition.rule).toBe('upgrade');
    } finally {
      await live.close();
    }
  });

  it("reports an append's bad rows, an overlap with an earlier file among them, and counts every row", async () => {
    const live = await startLiveSubscriptionComputation(jobOf(parts.slice(0, 3)), options);
    try {
      const before = (await live.read([])).output.accounting;
      const appended = await live.read([parts[3]!]);
      const issues: RowIssue[] = appended.issues;
      expect(issues.map((i) => [i.file, i.line])).toEqual([
        ['bad.csv', 2],
        ['bad.csv', 3],
      ]);
      expect(issues[0]!.reason).toMatch(/overlaps the state on line 2 of part0\.csv/);
      expect(appended.output.accounting).toEqual({
        rows: before.rows + 2,
        accepted: before.accepted,
        rejected: before.rejected + 2,
      });
      const whole = await computeSubscriptionFiles(jobOf(parts), options);
      expect(figures(appended)).toEqual(figures(whole));
    } finally {
      await live.close();
    }
  });
});
