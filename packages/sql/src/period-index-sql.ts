import type { PeriodUnit } from '@upsell/core';
import type { DialectWords } from './dialect-words.ts';

/**
 * The period index of an instant, as `createPeriodCalendar(unit, zone, fiscalYearStart).indexOf`
 * numbers it, for the purchase and the subscription statements alike. Fiscal quarters and years
 * shift the month's index by the months the fiscal year runs ahead (period.ts).
 *
 * @example
 * periodIndexSql(words, 'month', 'u_order_ts', '$1::text') // '(... * 12 + ... - 1)'
 */
export function periodIndexSql(
  w: DialectWords,
  unit: PeriodUnit,
  instant: string,
  zone: string,
  fiscalYearStart?: number,
): string {
  if (unit === 'all') return w.bigint('0');
  const local = w.instantToWall(instant, zone);
  const year = w.bigint(`extract(year from ${local})`);
  const month = w.bigint(`extract(month from ${local})`);
  const days = w.epochDays(local);
  if (fiscalYearStart !== undefined && fiscalYearStart !== 1 && (unit === 'quarter' || unit === 'year')) {
    // An integer 2-12, checked by the definition's schema; never text from a user.
    const shift = 13 - Math.trunc(fiscalYearStart);
    return w.intDiv(`${year} * 12 + ${month} - 1 + ${shift}`, unit === 'quarter' ? '3' : '12');
  }
  switch (unit) {
    case 'day':
      return w.bigint(days);
    case 'week':
      // Weeks counted from the Monday 1969-12-29 (period.ts).
      return w.bigint(`floor((${days} + 3) / 7.0)`);
    case 'month':
      return `(${year} * 12 + ${month} - 1)`;
    case 'quarter':
      return `(${year} * 4 + ${w.intDiv(`${month} - 1`, '3')})`;
    case 'year':
      return year;
  }
}
