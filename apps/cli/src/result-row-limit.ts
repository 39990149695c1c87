import {
  createPeriodCalendar,
  DEFAULT_MAX_RESULT_ROWS,
  type Definition,
  type EngineCounters,
  formatDay,
  type PeriodCalendar,
  type PeriodUnit,
  resultRowBound,
} from '@upsell/core';
import { EXIT, ExitRequest } from './exit-code.ts';
import { whole as count } from './reporters/format-number.ts';

/** What a computation gives that bounds its result: counters, the definition and its calendar. */
export interface BoundedOutput {
  counters: Pick<EngineCounters, 'periods' | 'segments'>;
  definition: Pick<Definition, 'from' | 'to' | 'period' | 'timeZone' | 'fiscalYearStart'>;
  calendar: PeriodCalendar;
}

const COARSER: readonly PeriodUnit[] = ['week', 'month', 'quarter', 'year'];

/** The rows the same span would have by `unit`: its first and last day read in that unit's calendar. */
function rowsBy(unit: PeriodUnit, output: BoundedOutput, firstDay: number, lastDay: number): number {
  const calendar = createPeriodCalendar(unit, output.definition.timeZone, output.definition.fiscalYearStart);
  const periods: [number, number] = [calendar.parse(formatDay(firstDay)), calendar.parse(formatDay(lastDay))];
  return resultRowBound({ periods, segments: output.counters.segments }, {}, calendar);
}

/**
 * Refuses a result of more rows than `limit` before it is built (the server's bound, the core's
 * {@link resultRowBound}), with exit code 2 and what to do: how many rows it would have over which
 * span, the first coarser period that fits, and --from/--to. A history that runs for centuries
 * (an `ends_at` of 2999-01-01) read `--period day` would otherwise build, and try to print, a table
 * of hundreds of thousands of rows.
 *
 * @example
 * checkResultRows(output); // throws ExitRequest(2, 'this result would have 356,109 rows ...')
 */
export function checkResultRows(output: BoundedOutput, limit = DEFAULT_MAX_RESULT_ROWS): void {
  const { counters, definition, calendar } = output;
  const rows = resultRowBound(counters, definition, calendar);
  if (rows <= limit || counters.periods === null) return;
  let [first, last] = counters.periods;
  if (definition.from !== undefined) first = Math.max(first, calendar.parse(definition.from));
  if (definition.to !== undefined) last = Math.min(last, calendar.parse(definition.to));
  const firstDay = calendar.firstDay(first);
  const lastDay = calendar.firstDay(last + 1) - 1;
  const segments = Math.max(1, Object.keys(counters.segments).length);
  const span = `${count(last - first + 1)} ${definition.period} periods from ${calendar.label(first)} to ${calendar.label(last)}${segments > 1 ? ` x ${count(segments)} segments` : ''}`;
  const coarser = COARSER.slice(COARSER.indexOf(definition.period) + 1)
    .map((unit) => ({ unit, rows: rowsBy(unit, output, firstDay, lastDay) }))
    .find((option) => option.rows <= limit);
  const remedies = [
    ...(coarser ? [`--period ${coarser.unit} (${count(coarser.rows)} rows)`] : []),
    `--from and --to around the periods you want (the history runs to ${calendar.label(last)}; an end far in the future is a real end: leave ends_at blank for a subscription still running)`,
  ];
  throw new ExitRequest(
    EXIT.usage,
    `this result would have ${count(rows)} rows (${span}), over the limit of ${count(limit)}: use ${remedies.join(', or ')}`,
  );
}
