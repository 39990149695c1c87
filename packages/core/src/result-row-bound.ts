import type { Definition } from './definition.ts';
import type { EngineCounters } from './engine/engine-counters.ts';
import type { PeriodCalendar } from './time/period.ts';

/**
 * The most rows a result may have unless told otherwise: the server's `UPSELL_MAX_RESULT_ROWS`
 * default and the CLI's bound, so a history that runs for centuries (an end of 2999-01-01) read
 * by day is refused in words instead of building a table of hundreds of thousands of periods.
 */
export const DEFAULT_MAX_RESULT_ROWS = 50_000;

/**
 * The most rows a result over `counters` can have under `definition`: the periods from its
 * first to its last (within from/to) times its segments. Cheap, from the counters alone, so a
 * result too large to send or print is refused before it is built. Purchase and subscription
 * counters both have `periods` and `segments`.
 *
 * @example
 * resultRowBound({ periods: [10, 21], segments: { a: ['x'], b: ['y'] } }, {}, calendar); // 24
 */
export function resultRowBound(
  counters: Pick<EngineCounters, 'periods' | 'segments'>,
  definition: Pick<Definition, 'from' | 'to'>,
  calendar: Pick<PeriodCalendar, 'parse'>,
): number {
  if (counters.periods === null) return 0;
  let [first, last] = counters.periods;
  if (definition.from !== undefined) first = Math.max(first, calendar.parse(definition.from));
  if (definition.to !== undefined) last = Math.min(last, calendar.parse(definition.to));
  return Math.max(0, last - first + 1) * Math.max(1, Object.keys(counters.segments).length);
}
