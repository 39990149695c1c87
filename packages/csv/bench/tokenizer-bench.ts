// Throughput of the CSV readers on an in-memory purchase export, against papaparse on the same text.
// Run: pnpm exec tsx bench/tokenizer-bench.ts [megabytes]
import Papa from 'papaparse';
import { createCsvTokenizer, readCsv } from '../src/index.ts';

const CHUNK = 64 * 1024;
const RUNS = 5;
const targetBytes = Number(process.argv[2] ?? 50) * 1024 * 1024;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same bytes. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function purchaseExport(size: number): { bytes: Uint8Array; rows: number } {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  // Some families hold a comma, so a few percent of rows carry a quoted field, as real exports do.
  const families = ['accessories', 'software', 'hardware', 'services', '"home, garden"', 'training'];
  const tiers = ['basic', 'standard', 'pro', 'enterprise'];
  const channels = ['online', 'retail', 'partner', 'phone'];
  const regions = ['EU-West', 'EU-North', 'US-East', 'US-West', 'APAC'];
  const encoder = new TextEncoder();
  // Built as bytes: at the 10-million-row scale the text is longer than V8's longest string.
  const bytes = new Uint8Array(size + 1024);
  let length = encoder.encodeInto(
    'order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel,region\n',
    bytes,
  ).written;
  let rows = 0;
  while (length < size) {
    const at = new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 730 * 86_400_000)).toISOString();
    const line = [
      `O${String(rows + 1).padStart(8, '0')}`,
      `C${String(Math.floor(next() * 200_000)).padStart(6, '0')}`,
      at.slice(0, 19) + 'Z',
      `P${String(Math.floor(next() * 5_000)).padStart(5, '0')}`,
      pick(families),
      pick(tiers),
      String(1 + Math.floor(next() * 5)),
      (next() * 500).toFixed(2),
      pick(channels),
      pick(regions),
    ].join(',');
    length += encoder.encodeInto(`${line}\n`, bytes.subarray(length)).written;
    rows++;
  }
  return { bytes: bytes.subarray(0, length), rows: rows + 1 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(name: string, bytes: number, run: () => number | Promise<number>): Promise<number> {
  return (async () => {
    await run();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      rows = await run();
      times.push((performance.now() - t0) / 1000);
    }
    const seconds = median(times);
    const mbps = bytes / 1024 / 1024 / seconds;
    console.log(
      `${name.padEnd(28)} ${mbps.toFixed(0).padStart(6)} MB/s ${(rows / seconds / 1e6).toFixed(2).padStart(7)} M rows/s  (${(seconds * 1000).toFixed(0)} ms, ${rows} rows)`,
    );
    return mbps;
  })();
}

const { bytes, rows } = purchaseExport(targetBytes);
const chunks: Uint8Array[] = [];
for (let i = 0; i < bytes.length; i += CHUNK) chunks.push(bytes.subarray(i, i + CHUNK));
console.log(
  `purchase export: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, ${rows} rows, ${CHUNK / 1024} KiB chunks, median of ${RUNS} runs, Node ${process.version}\n` +
    '(MB/s = MiB of CSV per second)',
);

const tokenizer = await measure('createCsvTokenizer', bytes.length, () => {
  let count = 0;
  let fields = 0;
  const csv = createCsvTokenizer({
    delimiter: ',',
    onRow: (row) => {
      count++;
      fields += row.count;
    },
  });
  for (const chunk of chunks) csv.push(chunk);
  csv.end();
  if (fields !== count * 10) throw new Error('tokenizer: wrong field count');
  return count;
});

const reader = await measure('readCsv (strings)', bytes.length, async () => {
  let count = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const batch of readCsv(stream, { delimiter: ',' })) count += batch.length;
  return count;
});

// papaparse gets the whole text as one string, decoded before the clock starts.
const MAX_STRING = 2 ** 29 - 24;
if (bytes.length > MAX_STRING) {
  console.log('papaparse (string input)     skipped: the text is longer than the longest string V8 allows');
} else {
  const text = new TextDecoder().decode(bytes);
  const papa = await measure('papaparse (string input)', bytes.length, () => {
    const result = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true });
    return result.data.length;
  });
  console.log(
    `createCsvTokenizer / papaparse = ${(tokenizer / papa).toFixed(1)}x, readCsv / papaparse = ${(reader / papa).toFixed(1)}x`,
  );
}
