import { formatStageTable } from './format-stage-table.ts';
import { formatTable } from './format-table.ts';
import type { StageTiming } from './parse-stage-line.ts';
import type { DuckdbTiming } from './time-duckdb.ts';
import type { UpsellTiming } from './time-upsell.ts';

/** Everything measured for one file size. */
export interface SizeMeasurement {
  size: number;
  fileMiB: number;
  upsell: UpsellTiming;
  duckdb: DuckdbTiming | undefined;
  /** The stages of `upsell rate` one by one, and where they disagree with it (bench/stage-drift.ts). */
  stages?: { timings: StageTiming[]; drift: string[] } | undefined;
  /** `upsell rate` on the shuffled copy of the file, and whether it printed the sorted run's bytes. */
  shuffled?: { upsell: UpsellTiming; identical: boolean } | undefined;
}

const SMALL = 1_000_000;
const LARGE = 10_000_000;
/** The targets of the performance issue, all at 10M rows. */
const MAX_TIME_RATIO = 0.7;
const MAX_PEAK_RSS_MIB = 400;
const MAX_COST_RATIO = 11;
/** The shuffled file's targets at 10M rows: time over the sorted file's, and peak RSS (1 GiB). */
const MAX_SHUFFLED_RATIO = 2;
const MAX_SHUFFLED_RSS_MIB = 1024;

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? '-' : value.toFixed(digits);
const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

function target(name: string, value: number | undefined, limit: number, unit: string): string {
  if (value === undefined) return `n/a   ${name}: not measured`;
  const verdict = value <= limit ? 'PASS' : 'MISS';
  return `${verdict}  ${name}: ${value.toFixed(2)}${unit} (target <= ${limit}${unit})`;
}

/** Per size, the stage table of `upsell rate` and any drift of the stages from the CLI. */
function stageSections(measurements: readonly SizeMeasurement[]): string[] {
  const measured = measurements.filter((m) => m.stages !== undefined);
  if (measured.length === 0) return [];
  const sections = measured.flatMap((m) => [
    '',
    `stages of upsell rate on ${grouped(m.size)} rows (one thread; a process per stage, each doing those above it too):`,
    formatStageTable(m.stages!.timings, { rows: m.upsell.rows, duckdbSeconds: m.duckdb?.seconds }),
    m.stages!.drift.length === 0
      ? 'the stages counted the rows upsell rate counted, and the build stage printed its JSON byte for byte'
      : `the stages DIFFER from upsell rate:\n${m.stages!.drift.map((line) => `  ${line}`).join('\n')}`,
  ]);
  return [
    ...sections,
    '',
    "cumulative s: time inside the stage's process after its imports; own s: less the stage above; rows/s:",
    "the file's rows over cumulative s; peak RSS: the process's, Node, tsx and the imports included (the",
    'start row); x DuckDB: cumulative s over DuckDB s. read: the file stream the CLI reads; newline scan:',
    'indexOf(10) over it; tokenize: the CSV tokenizer, no field decoded; route: the customer id hashed to',
    'one of 2 workers; classify: computeFiles in one thread, no result; build: the result and its JSON.',
  ];
}

/** `upsell rate` on the shuffled files beside the sorted ones, and whether they printed the same. */
function shuffledSection(measurements: readonly SizeMeasurement[]): string[] {
  const measured = measurements.filter((m) => m.shuffled !== undefined);
  if (measured.length === 0) return [];
  const header = ['size', 'shuffled s', '(CLI s)', 'peak RSS MiB', 'shuffled/sorted', 'replayed', 'output'];
  const rows = measured.map((m) => {
    const { upsell, identical } = m.shuffled!;
    return [
      grouped(m.size),
      fixed(upsell.seconds, 2),
      fixed(upsell.cliSeconds, 2),
      fixed(upsell.peakRssMiB, 0),
      fixed(upsell.seconds / m.upsell.seconds, 2),
      upsell.replayed ? 'yes' : 'no',
      identical ? 'identical' : 'DIFFERS',
    ];
  });
  return [
    '',
    'upsell rate on the shuffled files (header first, data lines in a seeded random order):',
    formatTable(header, rows),
    '',
    "output: the shuffled run's JSON against the sorted run's, byte for byte; replayed: the CLI found",
    'lines out of time order and read the input again, sorted.',
  ];
}

/**
 * The benchmark's table of figures per size, the stage table of each size and the shuffled
 * files' runs where measured, then the targets at 10M rows with PASS or MISS. The cost column is
 * the upsell time of a size over that of 1M rows.
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
  const shuffled = large?.shuffled?.upsell;
  return [
    formatTable(header, rows),
    '',
    'upsell s: wall time of `upsell rate` from spawn to exit; DuckDB s: query time inside its process',
    '(wall s adds Node, tsx and DuckDB startup). Timings are of a shared machine: expect noise.',
    ...stageSections(measurements),
    ...shuffledSection(measurements),
    '',
    'targets at 10M rows:',
    target('upsell time / DuckDB time', ratio(large), MAX_TIME_RATIO, 'x'),
    target('upsell peak RSS', large?.upsell.peakRssMiB, MAX_PEAK_RSS_MIB, ' MiB'),
    target('upsell time 10M / 1M', costRatio, MAX_COST_RATIO, 'x'),
    target(
      'shuffled time / sorted time',
      shuffled === undefined ? undefined : shuffled.seconds / large!.upsell.seconds,
      MAX_SHUFFLED_RATIO,
      'x',
    ),
    target('shuffled peak RSS', shuffled?.peakRssMiB, MAX_SHUFFLED_RSS_MIB, ' MiB'),
  ].join('\n');
}
