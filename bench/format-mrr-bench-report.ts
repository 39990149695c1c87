import { formatTable } from './format-table.ts';
import type { DuckdbMrrTiming } from './time-duckdb-mrr.ts';
import type { UpsellMrrTiming } from './time-upsell-mrr.ts';

/** Everything measured for one subscription sample size. */
export interface MrrSizeMeasurement {
  size: number;
  fileMiB: number;
  /** Absent when the built CLI has no `mrr` command yet. */
  upsell: UpsellMrrTiming | undefined;
  duckdb: DuckdbMrrTiming | undefined;
}

const SMALL = 1_000_000;
const LARGE = 10_000_000;
/** The subscription targets of issue 11, all at 10M state rows. */
const MAX_TIME_RATIO = 1.0;
const MAX_PEAK_RSS_MIB = 1024;
const MAX_COST_RATIO = 11;

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? '-' : value.toFixed(digits);
const grouped = (value: number | undefined): string =>
  value === undefined ? '-' : Math.round(value).toLocaleString('en-US');

function target(name: string, value: number | undefined, limit: number, unit: string): string {
  if (value === undefined) return `n/a   ${name}: not measured`;
  const verdict = value <= limit ? 'PASS' : 'MISS';
  return `${verdict}  ${name}: ${value.toFixed(2)}${unit} (target <= ${limit}${unit})`;
}

/**
 * The subscription benchmark's table per size (`upsell mrr` against DuckDB's bridge), then the
 * targets at 10M state rows with PASS or MISS. Rows/s are of `upsell mrr` end to end; the cost
 * column is its time at a size over that at 1M rows.
 *
 * @example
 * console.log(formatMrrBenchReport([{ size: 1_000_000, fileMiB: 90, upsell, duckdb }]));
 */
export function formatMrrBenchReport(measurements: readonly MrrSizeMeasurement[]): string {
  const small = measurements.find((m) => m.size === SMALL);
  const large = measurements.find((m) => m.size === LARGE);
  const cost = (m: MrrSizeMeasurement | undefined): number | undefined =>
    m?.upsell === undefined || small?.upsell === undefined
      ? undefined
      : m.upsell.seconds / small.upsell.seconds;
  const ratio = (m: MrrSizeMeasurement | undefined): number | undefined =>
    m?.upsell === undefined || m.duckdb === undefined ? undefined : m.upsell.seconds / m.duckdb.seconds;
  const header = [
    'size',
    'file MiB',
    'upsell mrr s',
    '(CLI s)',
    'rows/s',
    'peak RSS MiB',
    'DuckDB s',
    '(wall s)',
    'DuckDB rows/s',
    'DuckDB RSS MiB',
    'upsell/DuckDB',
    'cost vs 1M',
  ];
  const rows = measurements.map((m) => [
    grouped(m.size),
    fixed(m.fileMiB, 0),
    fixed(m.upsell?.seconds, 2),
    fixed(m.upsell?.cliSeconds, 2),
    grouped(m.upsell === undefined ? undefined : m.size / m.upsell.seconds),
    fixed(m.upsell?.peakRssMiB, 0),
    fixed(m.duckdb?.seconds, 2),
    fixed(m.duckdb?.wallSeconds, 2),
    grouped(m.duckdb === undefined ? undefined : m.size / m.duckdb.seconds),
    fixed(m.duckdb?.peakRssMiB, 0),
    fixed(ratio(m), 2),
    fixed(cost(m), 2),
  ]);
  return [
    formatTable(header, rows),
    '',
    'upsell mrr s: wall time of `upsell mrr FILE --fx RATES --period month --format json` from spawn to exit;',
    'DuckDB s: the monthly bridge in SQL inside its process (wall s adds Node, tsx and DuckDB startup).',
    'Timings are of a shared machine: expect noise.',
    '',
    'subscription targets at 10M state rows:',
    target('upsell mrr time / DuckDB time', ratio(large), MAX_TIME_RATIO, 'x'),
    target('upsell mrr peak RSS', large?.upsell?.peakRssMiB, MAX_PEAK_RSS_MIB, ' MiB'),
    target('upsell mrr time 10M / 1M', cost(large), MAX_COST_RATIO, 'x'),
  ].join('\n');
}
