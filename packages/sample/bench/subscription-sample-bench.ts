import { performance } from 'node:perf_hooks';
import { generateSubscriptionSample } from '../src/index.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const seed = 1;

function run(): { seconds: number; bytes: number } {
  const started = performance.now();
  let bytes = 0;
  let check = 0;
  for (const chunk of generateSubscriptionSample({ rows, seed })) {
    bytes += chunk.length;
    // Reading a character flattens the concatenated string, as writing it to a file would.
    check ^= chunk.charCodeAt(chunk.length >> 1);
  }
  if (check < 0) throw new Error('unreachable');
  return { seconds: (performance.now() - started) / 1000, bytes };
}

// Best of three after a warm-up (JIT, lazily built tables): the machine may be shared.
run();
const runs = [run(), run(), run()];
const { seconds, bytes } = runs.reduce((best, r) => (r.seconds < best.seconds ? r : best));
console.log(
  `generateSubscriptionSample: ${rows.toLocaleString('en')} state rows in ${seconds.toFixed(2)} s (best of 3; ` +
    `${runs.map((r) => r.seconds.toFixed(2)).join(', ')}) = ${Math.round(rows / seconds).toLocaleString('en')} rows/s, ` +
    `${(bytes / 1e6 / seconds).toFixed(1)} MB/s (${(bytes / 1e6).toFixed(1)} MB)`,
);
