import { UpsellError } from '../errors.ts';
import { civilFromDays, daysFromCivil, formatDay, isoWeekday } from './civil-date.ts';
import { createTimeZoneOffsets, type TimeZoneOffsets } from './time-zone.ts';

/** How results are bucketed in time. */
export const PERIOD_UNITS = ['all', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Maps instants to periods of one unit in one time zone. A period is an integer index
 * (consecutive periods have consecutive indices), so "every period from the first to the last"
 * is a plain integer range.
 */
export interface PeriodCalendar {
  readonly unit: PeriodUnit;
  readonly timeZone: string;
  /**
   * The month (1-12) a fiscal year starts in, when quarters and years are fiscal; a fiscal year
   * is named by the calendar year it ends in (`FY2025` from October 2024 is October 2024 to
   * September 2025).
   */
  readonly fiscalYearStart?: number;
  /** The period containing the UTC instant. */
  indexOf(utcMs: number): number;
  /**
   * The label of a period: `2024-03-07`, `2024-W10`, `2024-03`, `2024-Q1`, `2024` or `all`;
   * fiscal quarters and years `FY2025-Q1` and `FY2025`.
   */
  label(index: number): string;
  /** The period of a label of this unit, or of an ISO date `YYYY-MM-DD` inside it. */
  parse(text: string): number;
  /** First local day (days since 1970-01-01) of a period; for `all`, -Infinity. */
  firstDay(index: number): number;
}

/** Local day number of a UTC instant in the zone. */
export function localDay(zone: TimeZoneOffsets, utcMs: number): number {
  return Math.floor((utcMs + zone.offsetAt(utcMs)) / DAY_MS);
}

function isoWeekOf(days: number): { year: number; week: number } {
  const thursday = days - isoWeekday(days) + 4;
  const year = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = daysFromCivil(year, 1, 4);
  return jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
}

const dayIndexOf = (days: number, unit: PeriodUnit): number => {
  switch (unit) {
    case 'all':
      return 0;
    case 'day':
      return days;
    case 'week':
      // Weeks counted from the Monday 1969-12-29.
      return Math.floor((days + 3) / 7);
    case 'month': {
      const { year, month } = civilFromDays(days);
      return year * 12 + (month - 1);
    }
    case 'quarter': {
      const { year, month } = civilFromDays(days);
      return year * 4 + Math.floor((month - 1) / 3);
    }
    case 'year':
      return civilFromDays(days).year;
  }
};

const firstDayOf = (index: number, unit: PeriodUnit): number => {
  switch (unit) {
    case 'all':
      return Number.NEGATIVE_INFINITY;
    case 'day':
      return index;
    case 'week':
      return index * 7 - 3;
    case 'month':
      return daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
    case 'quarter':
      return daysFromCivil(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
    case 'year':
      return daysFromCivil(index, 1, 1);
  }
};

const labelOf = (index: number, unit: PeriodUnit): string => {
  switch (unit) {
    case 'all':
      return 'all';
    case 'day':
      return formatDay(index);
    case 'week': {
      const { year, week } = isoWeekOf(index * 7 - 3);
      return `${pad(year, 4)}-W${pad(week, 2)}`;
    }
    case 'month':
      return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
    case 'quarter':
      return `${pad(Math.floor(index / 4), 4)}-Q${(index % 4) + 1}`;
    case 'year':
      return pad(index, 4);
  }
};

/** The months' English names, January first: how a fiscal year's start is said and chosen. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Days a {@link byDayCache} holds: about 45 years from the first day asked for. */
const CACHE_DAYS = 1 << 14;
const UNSET = -(2 ** 31);

/**
 * `indexOfDay` remembered per day in a window around the first day asked for (a month's,
 * quarter's or year's index takes a civil date to find; a history's days are few thousand and
 * each asked for many times). Days outside the window are computed each time.
 */
function byDayCache(indexOfDay: (days: number) => number): (days: number) => number {
  let cache: Int32Array | undefined;
  let base = 0;
  return (days) => {
    if (cache === undefined) {
      cache = new Int32Array(CACHE_DAYS).fill(UNSET);
      base = days - CACHE_DAYS / 2;
    }
    const slot = days - base;
    if (slot < 0 || slot >= CACHE_DAYS) return indexOfDay(days);
    let index = cache[slot]!;
    if (index === UNSET) cache[slot] = index = indexOfDay(days);
    return index;
  };
}

/** Months of a fiscal year in the calendar of its units. */
const MONTHS_PER: Record<'quarter' | 'year', number> = { quarter: 3, year: 12 };

/**
 * How many months a fiscal calendar is ahead of the civil one: a month's index counted from
 * year 0 plus this shift, divided by 3 or 12, is its fiscal quarter or year (named by the year
 * it ends in; a January start keeps the civil years).
 */
const fiscalShift = (fiscalYearStart: number) => (fiscalYearStart === 1 ? 0 : 13 - fiscalYearStart);

const monthIndexOf = (days: number) => {
  const { year, month } = civilFromDays(days);
  return year * 12 + month - 1;
};

const FISCAL_PATTERNS = { quarter: /^FY(\d{4})-Q([1-4])$/, year: /^FY(\d{4})$/ } as const;

/** A calendar of fiscal quarters or years starting in month `start` (1-12). */
function fiscalCalendar(unit: 'quarter' | 'year', start: number, zone: TimeZoneOffsets): PeriodCalendar {
  const months = MONTHS_PER[unit];
  const shift = fiscalShift(start);
  const indexOfDay = byDayCache((days: number) => Math.floor((monthIndexOf(days) + shift) / months));
  const label = (index: number) =>
    unit === 'year' ? `FY${pad(index, 4)}` : `FY${pad(Math.floor(index / 4), 4)}-Q${(index % 4) + 1}`;
  return {
    unit,
    timeZone: zone.timeZone,
    fiscalYearStart: start,
    indexOf: (utcMs) => indexOfDay(localDay(zone, utcMs)),
    label,
    parse: (raw) => {
      const text = raw.trim();
      const own = FISCAL_PATTERNS[unit].exec(text);
      if (own) return unit === 'year' ? Number(own[1]) : Number(own[1]) * 4 + Number(own[2]) - 1;
      const date = LABEL_PATTERNS.day.exec(text);
      if (date) {
        const days = daysFromCivil(Number(date[1]), Number(date[2]), Number(date[3]));
        const back = civilFromDays(days);
        if (back.month === Number(date[2]) && back.day === Number(date[3])) return indexOfDay(days);
      }
      const example = label(indexOfDay(daysFromCivil(2024, 3, 7)));
      throw new UpsellError(
        'INVALID_PERIOD_LABEL',
        `"${text}" is not a fiscal ${unit} label (e.g. ${example}, fiscal years starting in month ${start}) or a date YYYY-MM-DD`,
      );
    },
    firstDay: (index) => {
      const month = index * months - shift;
      return daysFromCivil(Math.floor(month / 12), (month % 12) + 1, 1);
    },
  };
}

/** Throws `INVALID_DEFINITION` unless a fiscal year start is a month number 1-12. */
function checkFiscalYearStart(start: number): void {
  if (!Number.isInteger(start) || start < 1 || start > 12) {
    throw new UpsellError(
      'INVALID_DEFINITION',
      `fiscal year start ${start} is not a month: use 1 (January) to 12 (December)`,
      { field: 'fiscalYearStart' },
    );
  }
}

const LABEL_PATTERNS: Record<Exclude<PeriodUnit, 'all'>, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

function parseLabel(text: string, unit: PeriodUnit): number {
  if (unit === 'all') {
    if (text === 'all') return 0;
  } else {
    const own = LABEL_PATTERNS[unit].exec(text);
    if (own) {
      const a = Number(own[1]);
      const b = Number(own[2]);
      if (unit === 'year') return a;
      if (unit === 'quarter') return a * 4 + b - 1;
      if (unit === 'month' && b >= 1 && b <= 12) return a * 12 + b - 1;
      if (unit === 'week' && b >= 1 && b <= 53) {
        const monday = mondayOfIsoWeek(a, b);
        if (isoWeekOf(monday).week === b) return dayIndexOf(monday, 'week');
      }
    }
  }
  const date = LABEL_PATTERNS.day.exec(text);
  if (date) {
    const year = Number(date[1]);
    const month = Number(date[2]);
    const day = Number(date[3]);
    const days = daysFromCivil(year, month, day);
    const back = civilFromDays(days);
    if (back.month === month && back.day === day) return dayIndexOf(days, unit);
  }
  const fiscal = (unit === 'quarter' || unit === 'year') && FISCAL_PATTERNS[unit].test(text);
  throw new UpsellError(
    'INVALID_PERIOD_LABEL',
    fiscal
      ? `"${text}" is a fiscal ${unit} label, but no fiscal year start is set (the definition's fiscalYearStart; --fiscal-year-start MONTH in the CLI)`
      : `"${text}" is not a ${unit} period label (e.g. ${labelOf(dayIndexOf(daysFromCivil(2024, 3, 7), unit), unit)}) or a date YYYY-MM-DD`,
  );
}

/**
 * The calendar for a period unit in a time zone. With `fiscalYearStart` (a month, 1-12),
 * quarters and years are fiscal and labelled `FY2025-Q1` and `FY2025`, a fiscal year named by
 * the calendar year it ends in; days, weeks and months do not change.
 *
 * @example
 * const months = createPeriodCalendar('month', 'UTC');
 * months.label(months.indexOf(Date.UTC(2024, 2, 7))) // '2024-03'
 * const quarters = createPeriodCalendar('quarter', 'UTC', 10);
 * quarters.label(quarters.indexOf(Date.UTC(2024, 9, 1))) // 'FY2025-Q1'
 */
export function createPeriodCalendar(
  unit: PeriodUnit,
  timeZone: string | TimeZoneOffsets = 'UTC',
  fiscalYearStart?: number,
): PeriodCalendar {
  const zone = typeof timeZone === 'string' ? createTimeZoneOffsets(timeZone) : timeZone;
  if (fiscalYearStart !== undefined) {
    checkFiscalYearStart(fiscalYearStart);
    if (unit === 'quarter' || unit === 'year') return fiscalCalendar(unit, fiscalYearStart, zone);
  }
  const indexOfDay =
    unit === 'month' || unit === 'quarter' || unit === 'year'
      ? byDayCache((days) => dayIndexOf(days, unit))
      : (days: number) => dayIndexOf(days, unit);
  return {
    unit,
    timeZone: zone.timeZone,
    indexOf: (utcMs) => (unit === 'all' ? 0 : indexOfDay(localDay(zone, utcMs))),
    label: (index) => labelOf(index, unit),
    parse: (text) => parseLabel(text.trim(), unit),
    firstDay: (index) => firstDayOf(index, unit),
  };
}

/**
 * The unit of a period label: `2024-03-07` day, `2024-W10` week, `2024-03` month, `2024-Q1` or
 * `FY2025-Q1` quarter, `2024` or `FY2025` year, `all`.
 *
 * @example
 * periodUnitOfLabel('2024-Q1') // 'quarter'
 * periodUnitOfLabel('FY2025') // 'year'
 */
export function periodUnitOfLabel(label: string): PeriodUnit {
  const text = label.trim();
  if (text === 'all') return 'all';
  for (const unit of ['day', 'week', 'month', 'quarter', 'year'] as const) {
    if (LABEL_PATTERNS[unit].test(text)) return unit;
  }
  for (const unit of ['quarter', 'year'] as const) {
    if (FISCAL_PATTERNS[unit].test(text)) return unit;
  }
  throw new UpsellError(
    'INVALID_PERIOD_LABEL',
    `"${label}" is not a period label: use 2024-03-07, 2024-W10, 2024-03, 2024-Q1, 2024, FY2025-Q1, FY2025 or all`,
  );
}

/**
 * Whether a period label is a fiscal one (`FY2025-Q1`, `FY2025`).
 *
 * @example
 * isFiscalLabel('FY2025-Q1') // true
 */
export function isFiscalLabel(label: string): boolean {
  const text = label.trim();
  return FISCAL_PATTERNS.quarter.test(text) || FISCAL_PATTERNS.year.test(text);
}
