import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvToWorkbook } from './csv-to-workbook.ts';

// `pnpm --filter @upsell/bench exec tsx xlsx/bench-xlsx.ts [rows...]` (default 100000) after
// `pnpm build`: times `upsell rate` on a sample CSV and on the same rows as a workbook, and prints
// wall time and peak RSS (/usr/bin/time) for each. One thread, so both read the file once.
const UPSELL = fileURLToPath(new URL('../../apps/cli/dist/main.js', import.meta.url));
const sizes = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'upsell-bench-xlsx-'));

function measure(args: string[]): { seconds: number; peakMiB: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, UPSELL, ...args], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`upsell ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const [seconds, kib] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, peakMiB: Math.round(kib! / 1024) };
}

try {
  for (const rows of sizes.length > 0 ? sizes : [100_000]) {
    const csv = join(dir, `sample-${rows}.csv`);
    const xlsx = join(dir, `sample-${rows}.xlsx`);
    const sample = spawnSync(process.execPath, [UPSELL, 'sample', '--rows', String(rows), '--out', csv]);
    if (sample.status !== 0) throw new Error(String(sample.stderr));
    const started = performance.now();
    await csvToWorkbook(csv, xlsx);
    const written = (performance.now() - started) / 1000;
    const mib = (path: string) => (statSync(path).size / 2 ** 20).toFixed(1);
    console.log(
      `${rows.toLocaleString('en-US')} rows: CSV ${mib(csv)} MiB, workbook ${mib(xlsx)} MiB (written in ${written.toFixed(1)} s)`,
    );
    for (const [name, path] of [
      ['CSV', csv],
      ['xlsx', xlsx],
    ] as const) {
      const { seconds, peakMiB } = measure([
        'rate',
        path,
        '--period',
        'month',
        '--threads',
        '1',
        '--format',
        'json',
      ]);
      console.log(`  upsell rate ${name.padEnd(4)} ${seconds.toFixed(2)} s, peak RSS ${peakMiB} MiB`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
