import { UpsellError } from '../errors.ts';
import { normaliseColumnName } from '../input/column-mapping.ts';
import { plainDecimal } from '../input/parse-money.ts';
import type { RowIssue } from '../input/row-issue.ts';
import { rowIssueAt, widthIssue } from '../input/row-issue-at.ts';
import { listNames, shortenText } from '../input/shorten-text.ts';
import { DEFAULT_VALUE_FORMATS, type ValueFormats } from '../input/value-formats.ts';
import { formatDay } from '../time/civil-date.ts';
import { parseDateAs } from '../time/parse-date-as.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import { type Rational, rational } from './rational.ts';

const DAY_MS = 86_400_000;
const UTC: TimeZoneOffsets = { timeZone: 'UTC', offsetAt: () => 0, localToUtc: (local) => local };
const CURRENCY = /^[A-Z]{3}$/;

/** Exchange rates into the reporting currency, by currency and day. */
export interface FxRates {
  /** ISO 4217 code of the currency rates convert into. */
  readonly reportingCurrency: string;
  /** Currencies with at least one rate. */
  readonly currencies: readonly string[];
  /**
   * Units of the reporting currency per 1 unit of `currency`, exact: the latest rate dated on or
   * before `localDay` (days since 1970-01-01 in the report's zone); 1 for the reporting currency
   * itself; null when there is none. The same rate is the same object each time, so a run keeping
   * millions of rows keeps each rate once.
   */
  rateOn(currency: string, localDay: number): Rational | null;
}

/** Reads the rows of one rates file (`date,currency,rate`) into {@link FxRates}. */
export interface FxRatesReader {
  /** Adds one row; returns false and reports its issues when the row is bad. */
  add(fields: readonly string[], line: number, issues: RowIssue[]): boolean;
  finish(): FxRates;
}

/** Options of {@link createFxRatesReader}. */
export interface FxRatesReaderOptions {
  /** ISO 4217 code of the reporting currency (`--currency`). */
  reportingCurrency: string;
  fileName?: string;
  /** How the file writes dates and numbers (default ISO dates, decimal points). */
  formats?: ValueFormats;
}

const COLUMNS = {
  date: ['date', 'day', 'effective_date', 'rate_date'],
  currency: ['currency', 'from_currency', 'code'],
  rate: ['rate', 'fx_rate', 'exchange_rate'],
} as const;

/**
 * A decimal text (`1.0845`) as an exact rational: rates are not rounded, so neither is MRR.
 *
 * @example
 * decimalToRational('1.0845') // 2169/2000
 */
export function decimalToRational(plain: string): Rational {
  const at = plain.indexOf('.');
  if (at < 0) return rational(BigInt(plain));
  const fraction = plain.slice(at + 1);
  return rational(BigInt(plain.slice(0, at) + fraction), 10n ** BigInt(fraction.length));
}

/**
 * Rates from nothing but the reporting currency: every other currency has no rate.
 *
 * @example
 * noFxRates('USD').rateOn('EUR', 19_723) // null
 */
export function noFxRates(reportingCurrency: string): FxRates {
  return createFxRatesReader([...Object.keys(COLUMNS)], { reportingCurrency }).finish();
}

/**
 * Starts a rates file from its header: `date`, `currency` and `rate` columns (case-insensitive;
 * also `day`, `code`, `exchange_rate` and the like), the rate being units of the reporting
 * currency per 1 unit of the currency. A bad row (no date, a currency that is not a three-letter
 * code, a rate that is not a decimal > 0, a second rate for one currency and day) is reported
 * with its line, column and reason, like every input row. A missing column is `MISSING_COLUMN`.
 *
 * @example
 * const reader = createFxRatesReader(['date', 'currency', 'rate'], { reportingCurrency: 'USD' });
 * reader.add(['2024-01-01', 'EUR', '1.10'], 2, issues);
 * reader.finish().rateOn('EUR', daysFromCivil(2024, 3, 1)) // 11/10
 */
export function createFxRatesReader(header: readonly string[], options: FxRatesReaderOptions): FxRatesReader {
  const { reportingCurrency, fileName } = options;
  const formats = { ...DEFAULT_VALUE_FORMATS, ...options.formats };
  const find = (field: keyof typeof COLUMNS) => {
    const names = COLUMNS[field].map(normaliseColumnName);
    const index = header.findIndex((name) => names.includes(normaliseColumnName(name)));
    if (index < 0) {
      throw new UpsellError(
        'MISSING_COLUMN',
        `${fileName ?? 'rates file'}: no ${field} column: looked for ${COLUMNS[field].map((n) => `"${n}"`).join(', ')} in the header (${listNames(header)})`,
        { field, columns: header, lookedFor: [...COLUMNS[field]], ...(fileName ? { file: fileName } : {}) },
      );
    }
    return index;
  };
  const dateCol = find('date');
  const currencyCol = find('currency');
  const rateCol = find('rate');
  // Per currency: day -> [rate, line].
  const byCurrency = new Map<string, Map<number, { rate: Rational; line: number }>>();

  return {
    add(fields, line, issues) {
      const width = widthIssue(header, fileName, fields, line);
      if (width !== undefined) {
        issues.push(width);
        return false;
      }
      const before = issues.length;
      const problem = (column: number, reason: string) =>
        issues.push(rowIssueAt(header, fileName, line, column, reason));
      const dateText = fields[dateCol]!.trim();
      const ms = parseDateAs(dateText, formats.date, UTC);
      if (Number.isNaN(ms)) {
        problem(dateCol, dateText === '' ? 'date is empty' : `date "${shortenText(dateText)}" is not a date`);
      }
      const currency = fields[currencyCol]!.trim().toUpperCase();
      if (!CURRENCY.test(currency)) {
        problem(
          currencyCol,
          currency === ''
            ? 'currency is empty'
            : `currency "${shortenText(currency)}" is not an ISO 4217 code such as EUR`,
        );
      }
      const rateText = fields[rateCol]!.trim();
      const plain = plainDecimal(rateText, formats.number);
      const rate = plain === undefined ? undefined : decimalToRational(plain);
      if (rate === undefined || rate.num === 0n) {
        problem(
          rateCol,
          `rate "${shortenText(rateText)}" is not a decimal number > 0 (units of ${reportingCurrency} per 1 unit of the currency)`,
        );
      }
      if (issues.length > before) return false;
      const day = Math.floor(ms / DAY_MS);
      let days = byCurrency.get(currency);
      if (days === undefined) byCurrency.set(currency, (days = new Map()));
      const seen = days.get(day);
      if (seen !== undefined) {
        problem(dateCol, `a rate for ${currency} on ${formatDay(day)} is already given on line ${seen.line}`);
        return false;
      }
      days.set(day, { rate: rate!, line });
      return true;
    },
    finish() {
      const tables = new Map<string, { days: number[]; rates: Rational[] }>();
      for (const [currency, days] of byCurrency) {
        const sorted = [...days].sort((a, b) => a[0] - b[0]);
        tables.set(currency, { days: sorted.map(([day]) => day), rates: sorted.map(([, r]) => r.rate) });
      }
      const one = rational(1n);
      return {
        reportingCurrency,
        currencies: [...tables.keys()].sort(),
        rateOn(currency, localDay) {
          if (currency === reportingCurrency) return one;
          const table = tables.get(currency);
          if (table === undefined) return null;
          // The last day <= localDay, by binary search.
          let low = 0;
          let high = table.days.length;
          while (low < high) {
            const mid = (low + high) >>> 1;
            if (table.days[mid]! <= localDay) low = mid + 1;
            else high = mid;
          }
          return low === 0 ? null : table.rates[low - 1]!;
        },
      };
    },
  };
}
