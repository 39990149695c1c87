import { parseArgs } from 'node:util';

/** How the benchmark runs, from its command line. */
export interface BenchOptions {
  /**
   * `purchases`: `upsell rate` against DuckDB, then the server; `subscriptions`: `upsell mrr`
   * against the MRR bridge in DuckDB, then the server on subscription datasets; `warehouse`: the
   * compiled SQL in PostgreSQL and on Parquet through DuckDB against `upsell rate` (no server).
   */
  kind: 'purchases' | 'subscriptions' | 'warehouse';
  /** Rows of each generated sample file, in the order they are measured. */
  sizes: number[];
  /** Timed runs per size and implementation of the CLI part; the best is reported. */
  runs: number;
  skipDuckdb: boolean;
  /** Measure the CLI against DuckDB (not with `--server-only`). */
  cli: boolean;
  /**
   * Time the stages of `upsell rate` one by one in one thread (bench/pipeline-stages.ts): purchases'
   * CLI part, not with `--skip-stages`.
   */
  stages: boolean;
  /** Time `upsell rate` on a shuffled copy of each file too: purchases' CLI part, not with `--skip-shuffled`. */
  shuffled: boolean;
  /** Measure the server (not with `--skip-server`). */
  server: boolean;
  /** Duration of the server's load test. */
  loadSeconds: number;
  /** With `--soak`: only the soak benchmark (see bench/server/soak.ts), on the smallest size. */
  soak?: { seconds: number; clients: number };
  /** With `--kind warehouse` (see bench/warehouse-bench.ts). */
  warehouse?: WarehouseBenchOptions;
}

/** The warehouse part's own flags. */
export interface WarehouseBenchOptions {
  /** `--postgres URL`; else the run reads UPSELL_BENCH_DATABASE_URL, and without one skips PostgreSQL. */
  postgresUrl?: string;
  /** Rows of the Parquet sample run through DuckDB (`--parquet-rows`, default 100M). */
  parquetRows: number;
}

/** A command line the benchmark cannot run with (exit code 2). */
export class BenchUsageError extends Error {
  readonly code = 'BENCH_USAGE';
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new BenchUsageError(`parseBenchOptions: ${flag} takes positive integers, got "${text}"`);
  }
  return value;
}

const KINDS = ['purchases', 'subscriptions', 'warehouse'] as const;

function isKind(kind: string): kind is BenchOptions['kind'] {
  return (KINDS as readonly string[]).includes(kind);
}

/**
 * Reads the benchmark's flags: `--kind purchases|subscriptions|warehouse` (default purchases;
 * subscriptions measure `upsell mrr` against DuckDB and the server on subscription datasets; the
 * soak is of purchases only; warehouse runs the compiled SQL in PostgreSQL on each of `--sizes`,
 * default 10M, with `--postgres URL`, and through DuckDB on `--parquet-rows N` rows of Parquet,
 * default 100M, and has no server part), `--sizes 1000000,10000000` (default both), `--runs N` (default 1),
 * `--skip-duckdb`, `--server-only` or `--skip-server`, `--load-seconds N` (default 30); for purchases
 * `--skip-stages` (no stage breakdown) and `--skip-shuffled` (no run on the shuffled file); or
 * `--soak` with `--seconds N` (default 120) and `--clients N` (default 200), which runs the soak
 * benchmark alone, on the smallest of `--sizes`.
 *
 * @example
 * parseBenchOptions(['--sizes', '1000000', '--server-only', '--load-seconds', '10']);
 * // { kind: 'purchases', sizes: [1000000], runs: 1, skipDuckdb: false, cli: false, stages: false, shuffled: false, server: true, loadSeconds: 10 }
 * parseBenchOptions(['--kind', 'subscriptions', '--sizes', '1000000']);
 * // { kind: 'subscriptions', sizes: [1000000], runs: 1, skipDuckdb: false, cli: true, stages: false, shuffled: false, server: true, loadSeconds: 30 }
 * parseBenchOptions(['--soak', '--sizes', '1000000', '--seconds', '15']).soak;
 * // { seconds: 15, clients: 200 }
 * parseBenchOptions(['--kind', 'warehouse', '--parquet-rows', '10000000']).warehouse;
 * // { postgresUrl: undefined, parquetRows: 10000000 }
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  // pnpm passes a `--` separator through to the script.
  const { values } = parseArgs({
    args: args.filter((arg) => arg !== '--'),
    options: {
      kind: { type: 'string', default: 'purchases' },
      sizes: { type: 'string' },
      runs: { type: 'string', default: '1' },
      'skip-duckdb': { type: 'boolean', default: false },
      'server-only': { type: 'boolean', default: false },
      'skip-server': { type: 'boolean', default: false },
      'skip-stages': { type: 'boolean', default: false },
      'skip-shuffled': { type: 'boolean', default: false },
      'load-seconds': { type: 'string', default: '30' },
      soak: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      clients: { type: 'string' },
      postgres: { type: 'string' },
      'parquet-rows': { type: 'string' },
    },
    strict: true,
  });
  if (!isKind(values.kind)) {
    throw new BenchUsageError(
      `parseBenchOptions: --kind takes purchases, subscriptions or warehouse, got "${values.kind}"`,
    );
  }
  if (values.kind !== 'purchases' && values.soak) {
    throw new BenchUsageError(
      `parseBenchOptions: the soak runs on purchases: leave out --kind ${values.kind} or --soak`,
    );
  }
  const warehouse = values.kind === 'warehouse';
  if (!warehouse && (values.postgres !== undefined || values['parquet-rows'] !== undefined)) {
    throw new BenchUsageError(
      "parseBenchOptions: --postgres and --parquet-rows are the warehouse part's: add --kind warehouse",
    );
  }
  if (values.kind !== 'purchases' && (values['skip-stages'] || values['skip-shuffled'])) {
    throw new BenchUsageError(
      `parseBenchOptions: --skip-stages and --skip-shuffled are the purchase benchmark's: leave out --kind ${values.kind}`,
    );
  }
  if (warehouse && values['server-only']) {
    throw new BenchUsageError('parseBenchOptions: the warehouse part has no server: leave out --server-only');
  }
  if (values['server-only'] && values['skip-server']) {
    throw new BenchUsageError('parseBenchOptions: --server-only and --skip-server leave nothing to run');
  }
  if (!values.soak && (values.seconds !== undefined || values.clients !== undefined)) {
    throw new BenchUsageError("parseBenchOptions: --seconds and --clients are the soak's: add --soak");
  }
  if (values.soak && (values['server-only'] || values['skip-server'])) {
    throw new BenchUsageError(
      'parseBenchOptions: --soak runs the soak alone: leave out --server-only and --skip-server',
    );
  }
  const soak = values.soak
    ? {
        seconds: positiveInteger(values.seconds ?? '120', '--seconds'),
        clients: positiveInteger(values.clients ?? '200', '--clients'),
      }
    : undefined;
  const sizes = values.sizes ?? (warehouse ? '10000000' : '1000000,10000000');
  const cli = !values['server-only'] && soak === undefined;
  const purchasesCli = cli && values.kind === 'purchases';
  return {
    kind: values.kind,
    sizes: sizes.split(',').map((size) => positiveInteger(size.trim(), '--sizes')),
    runs: positiveInteger(values.runs, '--runs'),
    skipDuckdb: values['skip-duckdb'],
    cli,
    stages: purchasesCli && !values['skip-stages'],
    shuffled: purchasesCli && !values['skip-shuffled'],
    server: !values['skip-server'] && soak === undefined && !warehouse,
    loadSeconds: positiveInteger(values['load-seconds'], '--load-seconds'),
    soak,
    warehouse: warehouse
      ? {
          postgresUrl: values.postgres,
          parquetRows: positiveInteger(values['parquet-rows'] ?? '100000000', '--parquet-rows'),
        }
      : undefined,
  };
}
