import { type ComputeJob, computeFiles, fileStream } from '@upsell/compute';
import {
  applyMetricDefaults,
  buildMetricResult,
  DEFINITION_DEFAULTS,
  type DefinitionInput,
} from '@upsell/core';
import { createCsvTokenizer, fieldText, type RowView } from '@upsell/csv';
import { fnv1aBytes, formatOfFileName } from '@upsell/ingest';

/**
 * The stages of `upsell rate FILE --period month --by channel --format json`, in the order the
 * CLI goes through them. Each stage does everything the ones before it do, and more, so that its
 * own cost is its time less the previous stage's: `start` does nothing (its peak RSS is the floor
 * of the others': Node, tsx and the imports), `read` is the physical floor of reading,
 * `newline scan` the floor of tokenizing, `route` what a worker does to find its own rows,
 * `classify` the whole computation without the result, `build` that plus the printed result.
 */
export const PIPELINE_STAGES = [
  'start',
  'read',
  'newline scan',
  'tokenize',
  'route',
  'classify',
  'build',
] as const;

export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const isPipelineStage = (name: string): name is PipelineStage =>
  (PIPELINE_STAGES as readonly string[]).includes(name);

/** What a stage counted, so that the benchmark can check it read what `upsell rate` reads. */
export interface StageCounts {
  /** Bytes of the file the stage read. */
  bytes: number;
  /** Newline bytes (`newline scan`). */
  newlines?: number;
  /** Data rows, the header left out (`tokenize` and after). */
  rows?: number;
  /** Data rows per worker of two, by the customer id's hash (`route`). */
  shardRows?: number[];
  /** What `upsell rate --format json` prints (`build`). */
  output?: string;
}

/** Shards of {@link PIPELINE_STAGES}' `route`: what the CLI runs on the benchmark's 2 cores. */
const ROUTE_SHARDS = 2;
const LF = 10;

/**
 * The definition `upsell rate --period month --by channel` builds from its flags (the CLI's
 * `definitionFromOptions`): every other field at its default.
 */
export const RATE_DEFINITION: DefinitionInput = applyMetricDefaults({
  metric: DEFINITION_DEFAULTS.metric,
  rule: DEFINITION_DEFAULTS.rule,
  eligible: DEFINITION_DEFAULTS.eligible,
  period: 'month',
  timeZone: DEFINITION_DEFAULTS.timeZone,
  by: ['channel'],
});

/** The job `upsell rate FILE --period month --by channel` computes (the CLI's `jobFromOptions`). */
export const rateJob = (path: string): ComputeJob => ({
  files: [{ path, format: formatOfFileName(path) }],
  definition: RATE_DEFINITION,
  map: {},
  order: 'stream',
});

/** Feeds every chunk of the file, through the stream the CLI reads it with, to `take`. */
async function eachChunk(path: string, take: (chunk: Uint8Array) => void): Promise<number> {
  const reader = fileStream(path).getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    take(value);
    bytes += value.byteLength;
  }
}

/** Tokenizes the file as `readPurchases` does (delimiter detected), giving every row to `onRow`. */
async function tokenize(path: string, onRow: (row: RowView) => void): Promise<StageCounts> {
  let rows = 0;
  let issues = 0;
  const tokenizer = createCsvTokenizer({
    onRow: (row) => {
      rows++;
      onRow(row);
    },
    onIssue: () => {
      issues++;
    },
  });
  const bytes = await eachChunk(path, (chunk) => tokenizer.push(chunk));
  tokenizer.end();
  if (issues > 0) throw new Error(`tokenize: ${path} has ${issues} malformed fields`);
  return { bytes, rows: Math.max(0, rows - 1) };
}

/**
 * Routes rows as each worker does before reading one: the customer id's bytes hashed with
 * `fnv1aBytes`, the hash modulo the workers. Unlike the worker it does not trim spaces around the
 * id (the benchmark's sample has none).
 */
async function route(path: string): Promise<StageCounts> {
  const shardRows = new Array<number>(ROUTE_SHARDS).fill(0);
  let column = -1;
  const counts = await tokenize(path, (row) => {
    if (column >= 0) {
      const hash = fnv1aBytes(row.buf, row.starts[column]!, row.ends[column]!);
      shardRows[hash % ROUTE_SHARDS]! += 1;
      return;
    }
    for (let i = 0; i < row.count; i++) if (fieldText(row, i) === 'customer_id') column = i;
    if (column < 0) throw new Error(`route: ${path} has no customer_id column`);
  });
  return { ...counts, shardRows };
}

/**
 * Runs one stage over the file in this thread and says what it counted.
 *
 * @example
 * await runStage('route', 'bench/data/purchases-seed42-1000000.csv');
 * // { bytes: 75395784, rows: 1000000, shardRows: [500123, 499877] }
 */
export async function runStage(stage: PipelineStage, path: string): Promise<StageCounts> {
  switch (stage) {
    case 'start':
      return { bytes: 0 };
    case 'read':
      return { bytes: await eachChunk(path, () => {}) };
    case 'newline scan': {
      let newlines = 0;
      const bytes = await eachChunk(path, (chunk) => {
        // Buffer's indexOf is memchr; a view of the same bytes, not a copy.
        const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        for (let at = view.indexOf(LF); at !== -1; at = view.indexOf(LF, at + 1)) newlines++;
      });
      return { bytes, newlines };
    }
    case 'tokenize':
      return tokenize(path, () => {});
    case 'route':
      return route(path);
    case 'classify':
    case 'build': {
      const computed = await computeFiles(rateJob(path), { threads: 1 });
      const counts = { bytes: computed.inputBytes, rows: computed.accounting.rows };
      if (stage === 'classify') return counts;
      // As the CLI's JSON reporter prints it.
      const output = `${JSON.stringify(buildMetricResult(computed.counters, computed), null, 2)}\n`;
      return { ...counts, output };
    }
  }
}
