import { formatTable } from './format-table.ts';
import type { DuckdbTiming } from './time-duckdb.ts';
import type { UpsellTiming } from './time-upsell.ts';

/** Everything measured for one file size. */
export interface SizeMeasurement {
  size: number;
  fileMiB: number;
  upsell: UpsellTiming;
  duckdb: DuckdbTiming | undefined;
}

const SMALL = 1_000_000;
const LARGE = 10_000_000;
/** The targets of the performance issue, all at 10M rows. */
const MAX_TIME_RATIO = 0.7;
const MAX_PEAK_RSS_MIB = 400;
const MAX_COST_RATIO = 11;

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? '-' : value.toFixed(digits);
const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

function target(name: string, value: number | undefined, limit: number, unit: string): string {
  if (value === undefined) return `n/a   ${name}: not measured`;
  const verdict = value <= limit ? 'PASS' : 'MISS';
  return `${verdict}  ${name}: ${value.toFixed(2)}${unit} (target <= ${limit}${unit})`;
}

/**
 * The benchmark's table of figures per size, then the targets at 10M rows with PASS or MISS.
 * The cost column is the upsell time of a size over that of 1M rows.
 *
 * @example
 * console.log(formatBenchReport([{ size: 1_000_000, fileMiB: 72, upsell, duckdb }]));
 */
export function formatBenchReport(measurements: readonly SizeMeasurement[]): string {
  const small = measurements.find((m) => m.size === SMALL);
  const large = measurements.find((m) => m.size === LARGE);
  const cost = (m: SizeMeasurement): number | undefined =>
    small === undefined ? undefined : m.upsell.seconds / small.upsell.seconds;
  const ratio = (m: SizeMeasurement | undefined): number | undefined =>
    m?.duckdb === undefined ? undefined : m.upsell.seconds / m.duckdb.seconds;
  const header = [
    'size',
    'rows',
    'file MiB',
    'upsell s',
    '(CLI s)',
    'rows/s',
    'peak RSS MiB',
    'DuckDB s',
    '(wall s)',
    'DuckDB RSS MiB',
    'upsell/DuckDB',
    'cost vs 1M',
  ];
  const rows = measurements.map((m) => [
    grouped(m.size),
    grouped(m.upsell.rows),
    fixed(m.fileMiB, 0),
    fixed(m.upsell.seconds, 2),
    fixed(m.upsell.cliSeconds, 2),
    grouped(m.upsell.rows / m.upsell.seconds),
    fixed(m.upsell.peakRssMiB, 0),
    fixed(m.duckdb?.seconds, 2),
    fixed(m.duckdb?.wallSeconds, 2),
    fixed(m.duckdb?.peakRssMiB, 0),
    fixed(ratio(m), 2),
    fixed(cost(m), 2),
  ]);
  const costRatio = large === undefined ? undefined : cost(large);
  return [
    formatTable(header, rows),
    '',
    'upsell s: wall time of `upsell rate` from spawn to exit; DuckDB s: query time inside its process',
    '(wall s adds Node, tsx and DuckDB startup). Timings are of a shared machine: expect noise.',
    '',
    'targets at 10M rows:',
    target('upsell time / DuckDB time', ratio(large), MAX_TIME_RATIO, 'x'),
    target('upsell peak RSS', large?.upsell.peakRssMiB, MAX_PEAK_RSS_MIB, ' MiB'),
    target('upsell time 10M / 1M', costRatio, MAX_COST_RATIO, 'x'),
  ].join('\n');
}
