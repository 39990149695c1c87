import { formatTable } from './format-table.ts';
import type { StageTiming } from './parse-stage-line.ts';

const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

/**
 * The stage breakdown of one file as a table: per stage its time (each stage does everything the
 * ones above it do), its own time (the difference to the stage above; noise can make a small one
 * negative), the file's rows per second of the time so far, its peak RSS, and the time so far
 * over DuckDB's whole query when DuckDB ran.
 *
 * @example
 * formatStageTable(stages, { rows: 1_000_000, duckdbSeconds: 0.9 });
 * // '       stage  cumulative s  own s     rows/s  peak RSS MiB  x DuckDB\n...'
 */
export function formatStageTable(
  stages: readonly StageTiming[],
  options: { rows: number; duckdbSeconds?: number | undefined },
): string {
  const { rows, duckdbSeconds } = options;
  const header = ['stage', 'cumulative s', 'own s', 'rows/s', 'peak RSS MiB'];
  if (duckdbSeconds !== undefined) header.push('x DuckDB');
  const lines = stages.map((timing, i) => {
    const before = i === 0 ? 0 : stages[i - 1]!.seconds;
    const cells = [
      timing.stage,
      timing.seconds.toFixed(2),
      (timing.seconds - before).toFixed(2),
      // The start stage does nothing: no rate to speak of.
      timing.stage === 'start' ? '-' : grouped(rows / timing.seconds),
      timing.peakRssMiB.toFixed(0),
    ];
    if (duckdbSeconds !== undefined) cells.push((timing.seconds / duckdbSeconds).toFixed(2));
    return cells;
  });
  return formatTable(header, lines);
}
