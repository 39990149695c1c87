import { parseArgs } from 'node:util';

/** How the benchmark runs, from its command line. */
export interface BenchOptions {
  /** Rows of each generated sample file, in the order they are measured. */
  sizes: number[];
  /** Timed runs per size and implementation; the best is reported. */
  runs: number;
  skipDuckdb: boolean;
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

/**
 * Reads the benchmark's flags: `--sizes 1000000,10000000` (default both), `--runs N` (default 1),
 * `--skip-duckdb`.
 *
 * @example
 * parseBenchOptions(['--sizes', '1000000', '--runs', '3']);
 * // { sizes: [1000000], runs: 3, skipDuckdb: false }
 */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  // pnpm passes a `--` separator through to the script.
  const { values } = parseArgs({
    args: args.filter((arg) => arg !== '--'),
    options: {
      sizes: { type: 'string', default: '1000000,10000000' },
      runs: { type: 'string', default: '1' },
      'skip-duckdb': { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    sizes: values.sizes.split(',').map((size) => positiveInteger(size.trim(), '--sizes')),
    runs: positiveInteger(values.runs, '--runs'),
    skipDuckdb: values['skip-duckdb'],
  };
}
