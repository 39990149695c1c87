import type { Definition } from '@upsell/core';

/**
 * The fields of a definition that decide which period and segment every customer and line
 * counts in: part of every live computation's key, so two definitions that bucket differently
 * (another zone, segments or fiscal year start) never share a computation.
 *
 * @example
 * JSON.stringify({ rule: d.rule, ...periodsKeyOf(d) })
 */
export const periodsKeyOf = (d: Pick<Definition, 'period' | 'timeZone' | 'by' | 'fiscalYearStart'>) => ({
  period: d.period,
  timeZone: d.timeZone,
  by: d.by,
  fiscalYearStart: d.fiscalYearStart,
});
