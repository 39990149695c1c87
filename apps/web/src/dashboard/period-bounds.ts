import { createPeriodCalendar, formatDay, isFiscalLabel, periodUnitOfLabel } from '@upsell/core';

/** The first and last day (`YYYY-MM-DD`) of a period. */
export interface PeriodBounds {
  first: string;
  last: string;
}

const DAY_MS = 86_400_000;
const isoDay = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);
const validDay = (year: number, month: number, day: number) => {
  const at = Date.UTC(year, month - 1, day);
  const date = new Date(at);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? at : undefined;
};

/**
 * The days a period label covers (`2024-03-07`, `2024-W10`, `2024-03`, `2024-Q1`, `2024`, and
 * with a fiscal year start `FY2025-Q1`, `FY2025`), or undefined for `all` and for text that is no
 * label. Used to keep a date range when the period unit changes: `from=2024-Q1` with months
 * becomes `from=2024-01-01`.
 *
 * @example
 * periodBounds('2024-Q1') // { first: '2024-01-01', last: '2024-03-31' }
 * periodBounds('2025-W01') // { first: '2024-12-30', last: '2025-01-05' }
 * periodBounds('FY2025-Q1', 10) // { first: '2024-10-01', last: '2024-12-31' }
 */
export function periodBounds(label: string, fiscalYearStart?: number): PeriodBounds | undefined {
  const text = label.trim();
  if (isFiscalLabel(text)) {
    if (fiscalYearStart === undefined) return undefined;
    // The core's calendar, so the page and the server read a fiscal label alike.
    const calendar = createPeriodCalendar(periodUnitOfLabel(text), 'UTC', fiscalYearStart);
    const index = calendar.parse(text);
    return { first: formatDay(calendar.firstDay(index)), last: formatDay(calendar.firstDay(index + 1) - 1) };
  }
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const at = validDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return at === undefined ? undefined : { first: isoDay(at), last: isoDay(at) };
  }
  if ((match = /^(\d{4})-W(\d{2})$/.exec(text))) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    const jan4 = Date.UTC(year, 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (week - 1) * 7 * DAY_MS;
    // Week 53 exists only in years whose 28 December falls in it.
    if (week < 1 || monday > Date.UTC(year, 11, 28)) return undefined;
    return { first: isoDay(monday), last: isoDay(monday + 6 * DAY_MS) };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(text))) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (month < 1 || month > 12) return undefined;
    return { first: isoDay(Date.UTC(year, month - 1, 1)), last: isoDay(Date.UTC(year, month, 0)) };
  }
  if ((match = /^(\d{4})-Q([1-4])$/.exec(text))) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    return {
      first: isoDay(Date.UTC(year, (quarter - 1) * 3, 1)),
      last: isoDay(Date.UTC(year, quarter * 3, 0)),
    };
  }
  if ((match = /^(\d{4})$/.exec(text))) {
    const year = Number(match[1]);
    return { first: isoDay(Date.UTC(year, 0, 1)), last: isoDay(Date.UTC(year, 11, 31)) };
  }
  return undefined;
}

/** Whether text is a period label or a date the API's `from`/`to` accept. */
export function isPeriodOrDate(text: string, fiscalYearStart?: number): boolean {
  return periodBounds(text, fiscalYearStart) !== undefined;
}
