import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './parse-bench-options.ts';

describe('parseBenchOptions --kind warehouse', () => {
  it('loads 10M rows into PostgreSQL and runs 100M Parquet rows by default, without the server', () => {
    expect(parseBenchOptions(['--', '--kind', 'warehouse'])).toEqual({
      kind: 'warehouse',
      sizes: [10_000_000],
      runs: 1,
      skipDuckdb: false,
      cli: true,
      stages: false,
      shuffled: false,
      server: false,
      loadSeconds: 30,
      soak: undefined,
      warehouse: { postgresUrl: undefined, parquetRows: 100_000_000 },
    });
  });

  it('takes the PostgreSQL URL, the Parquet rows and the sizes', () => {
    const options = parseBenchOptions([
      '--kind',
      'warehouse',
      '--postgres',
      'postgres://postgres@127.0.0.1:55432/bench',
      '--parquet-rows',
      '10_000_000',
      '--sizes',
      '1000000',
    ]);
    expect(options.sizes).toEqual([1_000_000]);
    expect(options.warehouse).toEqual({
      postgresUrl: 'postgres://postgres@127.0.0.1:55432/bench',
      parquetRows: 10_000_000,
    });
  });

  it('keeps the default sizes of the other kinds at 1M and 10M', () => {
    expect(parseBenchOptions(['--kind', 'subscriptions']).sizes).toEqual([1_000_000, 10_000_000]);
  });

  it("rejects the warehouse's flags on another kind as bad usage", () => {
    expect(() => parseBenchOptions(['--postgres', 'postgres://x'])).toThrow(/add --kind warehouse/);
    expect(() => parseBenchOptions(['--kind', 'purchases', '--parquet-rows', '10'])).toThrow(BenchUsageError);
  });

  it('rejects --server-only, --soak and zero Parquet rows with the warehouse as bad usage', () => {
    expect(() => parseBenchOptions(['--kind', 'warehouse', '--server-only'])).toThrow(/has no server/);
    expect(() => parseBenchOptions(['--kind', 'warehouse', '--soak'])).toThrow(/soak runs on purchases/);
    expect(() => parseBenchOptions(['--kind', 'warehouse', '--parquet-rows', '0'])).toThrow(
      /--parquet-rows takes positive integers/,
    );
  });
});
