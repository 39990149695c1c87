import { describe, expect, it } from 'vitest';
import {
  formatWarehouseReport,
  type ParquetMeasurement,
  type WarehouseMeasurements,
  type WarehouseSizeMeasurement,
} from './warehouse-report.ts';

const engine = { seconds: 20, cliSeconds: 19.5, peakRssMiB: 380 };
const size: WarehouseSizeMeasurement = {
  size: 10_000_000,
  engine,
  postgres: {
    copySeconds: 41.25,
    analyzeSeconds: 1.5,
    tableMiB: 1210.4,
    runs: [
      { workers: 2, parallelPlan: true, seconds: 10, differences: 0 },
      { workers: 0, parallelPlan: false, seconds: 16, differences: 0 },
    ],
  },
};
const parquet = (rows: number, peakRssMiB: number, differences?: number): ParquetMeasurement => ({
  rows,
  files: rows / 2_500_000,
  parquetMiB: rows / 60_000,
  seconds: rows / 2_000_000,
  wallSeconds: rows / 2_000_000 + 1,
  peakRssMiB,
  customerShards: Math.ceil(rows / 10_000_000),
  differences,
  engine: differences === undefined ? undefined : engine,
});
const measurements = (overrides: Partial<WarehouseMeasurements> = {}): WarehouseMeasurements => ({
  sizes: [size],
  parquet: [parquet(10_000_000, 900, 0), parquet(100_000_000, 3_500)],
  postgresSkipped: undefined,
  duckdbSkipped: undefined,
  postgresSettings: ['work_mem = 4MB'],
  ...overrides,
});
const lineWith = (report: string, text: string): string =>
  report.split('\n').find((line) => line.includes(text)) ?? '';

describe('formatWarehouseReport', () => {
  it('gives one PostgreSQL row per worker setting, with the query time over the engine time', () => {
    const report = formatWarehouseReport(measurements());
    const parallel = lineWith(report, 'parallel').trim().split(/\s+/);
    // rows, COPY s, ANALYZE s, table MiB, workers, plan, query s, engine s, (CLI s), query/engine, same
    expect(parallel).toEqual([
      '10,000,000',
      '41.3',
      '1.5',
      '1210',
      '2',
      'parallel',
      '10.00',
      '20.00',
      '19.50',
      '0.50',
      'PASS',
    ]);
    expect(lineWith(report, 'serial').trim().split(/\s+/).slice(4)).toEqual([
      '0',
      'serial',
      '16.00',
      '20.00',
      '19.50',
      '0.80',
      'PASS',
    ]);
    expect(report).toContain('settings: work_mem = 4MB');
  });

  it('gives each Parquet run its time and peak RSS, and the engine only where it ran', () => {
    const report = formatWarehouseReport(measurements());
    expect(lineWith(report, ' 10,000,000      4').trim().split(/\s+/)).toEqual([
      '10,000,000',
      '4',
      '167',
      '1',
      '5.00',
      '6.00',
      '900',
      '20.00',
      '0.25',
      'PASS',
    ]);
    expect(lineWith(report, '100,000,000     40').trim().split(/\s+/).slice(3, 4)).toEqual(['10']);
    expect(lineWith(report, '100,000,000     40').trim().split(/\s+/).slice(-4)).toEqual([
      '3500',
      '-',
      '-',
      '-',
    ]);
  });

  it('passes both targets when every result is identical and the largest run fits in 4 GiB', () => {
    const report = formatWarehouseReport(measurements());
    expect(report).toContain('PASS  the same numbers everywhere: 3 SQL result(s) byte-identical');
    expect(report).toContain(
      'PASS  100,000,000 Parquet rows within 4 GiB: peak RSS 3,500 MiB (target <= 4,096 MiB)',
    );
  });

  it('says MISMATCH with the count of differing results, and MISS above 4 GiB', () => {
    const report = formatWarehouseReport(
      measurements({ parquet: [parquet(10_000_000, 900, 7), parquet(100_000_000, 4_100)] }),
    );
    expect(lineWith(report, ' 10,000,000      4')).toMatch(/MISMATCH \(7\)$/);
    expect(report).toContain('MISMATCH  the same numbers everywhere: 1 of 3 SQL result(s) differ');
    expect(report).toContain('MISS  100,000,000 Parquet rows within 4 GiB: peak RSS 4,100 MiB');
  });

  it('says why a part was skipped, and that nothing was compared when nothing ran', () => {
    const report = formatWarehouseReport(
      measurements({
        sizes: [{ ...size, postgres: undefined }],
        parquet: [],
        postgresSkipped: 'no PostgreSQL URL',
        duckdbSkipped: '--skip-duckdb',
        postgresSettings: [],
      }),
    );
    expect(report).toContain('PostgreSQL: skipped (no PostgreSQL URL)');
    expect(report).toContain('DuckDB on Parquet: skipped (--skip-duckdb)');
    expect(report).toContain('n/a   the same numbers everywhere: nothing compared');
    expect(report).toContain('n/a   Parquet peak RSS: not measured');
  });
});
