import { UNKNOWN_VALUE } from '../input/customer-table.ts';
import { AMOUNT_SCALE, parseAmount } from '../input/parse-decimal.ts';
import { parseMoney, parseQuantityAs } from '../input/parse-money.ts';
import type { RowIssue } from '../input/row-issue.ts';
import { rowIssueAt, widthIssue } from '../input/row-issue-at.ts';
import { shortenText } from '../input/shorten-text.ts';
import { DEFAULT_VALUE_FORMATS, type FileValueFormats } from '../input/value-formats.ts';
import { formatDay } from '../time/civil-date.ts';
import { parseDateAs } from '../time/parse-date-as.ts';
import { localDay } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import type { FxRates } from './fx-rates.ts';
import { type Rational, rational } from './rational.ts';
import type { SubscriptionColumnMapping, SubscriptionField } from './subscription-columns.ts';
import { BILLING_INTERVALS, type BillingInterval, MONTHS_PER_INTERVAL } from './subscription-state.ts';

/** Events of the events shape (SUBSCRIPTIONS.md, "Shape 2"). */
export const SUBSCRIPTION_EVENTS = ['start', 'change', 'reactivate', 'resume', 'cancel', 'pause'] as const;
export type SubscriptionEvent = (typeof SUBSCRIPTION_EVENTS)[number];

/** Events that end the current state without starting another. */
export const ENDING_EVENTS: ReadonlySet<SubscriptionEvent> = new Set(['cancel', 'pause']);

/** The file a row came from: what its issues name. Shared by all rows of a file. */
export interface SubscriptionRowSource {
  readonly header: readonly string[];
  readonly fileName?: string;
  readonly fields: Partial<Record<SubscriptionField, number>>;
}

/** One checked row of subscription history, before rows of one subscription become states. */
export interface SubscriptionRow {
  customerId: string;
  subscriptionId: string;
  /** states: starts_at; events: effective_at (UTC ms). */
  at: number;
  /** states: ends_at, `Infinity` when blank; events: NaN. */
  endsAt: number;
  /** events only. */
  event?: SubscriptionEvent;
  /** The rest is empty on a cancel or pause event, which reads no plan or amount. */
  planId: string;
  /** The amount per interval in units of 1/`AMOUNT_SCALE` (0 on a cancel or pause). */
  units: number;
  /** Units of the reporting currency per unit of `currency`, on the row's first local day. */
  rate: Rational;
  currency: string;
  interval: BillingInterval;
  intervalCount: number;
  quantity: number;
  tier: number | null;
  family: string;
  /** Values of the segmenting columns, by `by` name. */
  dimensions: Readonly<Record<string, string>>;
  source: SubscriptionRowSource;
  line: number;
  /** Input order across the run's files, for ties. */
  order: number;
}

/** Options of {@link createSubscriptionRowReader}. */
export interface SubscriptionRowReaderOptions {
  mapping: SubscriptionColumnMapping;
  zone: TimeZoneOffsets;
  /** ISO 4217 code of the reporting currency. */
  currency: string;
  /** Rates into the reporting currency; without them only the reporting currency is read. */
  fx?: FxRates;
  fileName?: string;
  /** How the file writes dates and numbers (default ISO dates, decimal points). */
  formats?: FileValueFormats;
  /** Columns whose values the rows keep, by `by` name (a customer attribute has none). */
  segmentColumns?: ReadonlyMap<string, number>;
  /** What the rows name as their file (default: made from `mapping` and `fileName`). */
  source?: SubscriptionRowSource;
}

/**
 * The object every row of one file names as its source.
 *
 * @example
 * subscriptionRowSource({ mapping, fileName: 'subs.csv' }) // { header, fields, fileName: 'subs.csv' }
 */
export function subscriptionRowSource(
  options: Pick<SubscriptionRowReaderOptions, 'mapping' | 'fileName'>,
): SubscriptionRowSource {
  const { mapping, fileName } = options;
  return { header: mapping.header, fields: mapping.fields, ...(fileName === undefined ? {} : { fileName }) };
}

/** Turns one row into a {@link SubscriptionRow}, or reports every problem of the row. */
export type SubscriptionRowReader = (
  fields: readonly string[],
  line: number,
  order: number,
  issues: RowIssue[],
) => SubscriptionRow | undefined;

const DATE_EXAMPLES: Record<FileValueFormats['date'], string> = {
  iso: 'an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)',
  dmy: 'a day-first date (e.g. 07/03/2024 for 7 March 2024)',
  mdy: 'a month-first date (e.g. 03/07/2024 for 7 March 2024)',
  ymd: 'a year-first date (e.g. 2024/03/07 for 7 March 2024)',
  serial: 'a spreadsheet serial date (days since 1899-12-30 from 61 on, e.g. 45358 for 7 March 2024)',
};

const AMOUNT_EXAMPLES: Record<FileValueFormats['number'], string> = {
  point: 'a decimal point (e.g. 19.99 or 1,234.50)',
  comma: 'a decimal comma (e.g. 19,99 or 1.234,50)',
};

const CURRENCY = /^[A-Z]{3}$/;

/** Whether `text` is 1 to `most` digits (a loop: a regular expression costs more per row). */
function isDigits(text: string, most: number): boolean {
  if (text.length === 0 || text.length > most) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
const SCALE = BigInt(AMOUNT_SCALE);

/**
 * A state's MRR: `amount / (months per interval x interval_count) x rate`, exact.
 *
 * @example
 * monthlyAmount(12_000_000, 'year', 1, rational(1n)) // 100 (a yearly 1,200.00)
 */
export function monthlyAmount(
  units: number,
  interval: BillingInterval,
  intervalCount: number,
  rate: Rational,
): Rational {
  const [months, per] = MONTHS_PER_INTERVAL[interval];
  return rational(BigInt(units) * per * rate.num, SCALE * months * BigInt(intervalCount) * rate.den);
}

/**
 * Builds the function that checks and converts the rows of one subscription file (either
 * shape). A row is returned or yields one issue per bad cell, sorted by column (never both):
 * an empty id, plan or date; a date that is not one in the file's date format; `ends_at` at or
 * before `starts_at`; an amount that is negative or no decimal, or names another currency than
 * the currency column; an unknown interval; an `interval_count` that is not a whole number >= 1;
 * a negative or non-numeric quantity; a tier that is not a whole number; an unknown event; a
 * currency with no rate on or before the state's first day in the report's zone. A cancel or
 * pause event reads only its ids and date.
 *
 * @example
 * const read = createSubscriptionRowReader({ mapping, zone, currency: 'USD' });
 * read(['A', 'a1', 'basic', '2024-01-05', '', '10.00'], 2, 0, issues) // { customerId: 'A', units: 100_000, rate: 1, ... }
 */
export function createSubscriptionRowReader(options: SubscriptionRowReaderOptions): SubscriptionRowReader {
  const { mapping, zone, fx, fileName } = options;
  const reporting = options.currency;
  const formats = options.formats ?? DEFAULT_VALUE_FORMATS;
  const f = mapping.fields;
  const header = mapping.header;
  const source = options.source ?? subscriptionRowSource(options);
  const col = (field: SubscriptionField) => f[field] ?? -1;
  const customerCol = col('customer_id');
  const subscriptionCol = col('subscription_id');
  const planCol = col('plan_id');
  const eventsShape = mapping.shape === 'events';
  const atCol = eventsShape ? col('effective_at') : col('starts_at');
  const atName = eventsShape ? 'effective_at' : 'starts_at';
  const endCol = col('ends_at');
  const eventCol = col('event');
  const amountCol = col('amount');
  const intervalCol = col('interval');
  const countCol = col('interval_count');
  const quantityCol = col('quantity');
  const currencyCol = col('currency');
  const tierCol = col('tier');
  const familyCol = col('family');
  const segments = [...(options.segmentColumns ?? new Map<string, number>())];

  // The row being read: the helpers below read and report on it without a closure per row.
  const NO_FIELDS: readonly string[] = [];
  let fields = NO_FIELDS;
  // The last currency and interval as written and as read: a file repeats a few of each.
  let lastCurrencyText = '';
  let lastCurrency = '';
  let lastIntervalText = 'month';
  let lastInterval: BillingInterval = 'month';
  let line = 0;
  let issues: RowIssue[] = [];
  const problem = (column: number, reason: string) => {
    issues.push(rowIssueAt(header, fileName, line, column, reason));
  };
  const text = (column: number) => (column >= 0 ? fields[column]!.trim() : '');
  const required = (column: number, field: SubscriptionField) => {
    const value = text(column);
    if (value === '') problem(column, `${field} is empty`);
    return value;
  };
  const date = (column: number, field: SubscriptionField) => {
    const value = text(column);
    const ms = parseDateAs(value, formats.date, zone);
    if (Number.isNaN(ms)) {
      problem(
        column,
        value === ''
          ? `${field} is empty`
          : `${field} "${shortenText(value)}" is not ${DATE_EXAMPLES[formats.date]}`,
      );
    }
    return ms;
  };
  const one = rational(1n);
  const pointFormat = formats.number === 'point';
  const noDimensions: Readonly<Record<string, string>> = Object.freeze({});

  return (rowFields, rowLine, order, rowIssues) => {
    const width = widthIssue(header, fileName, rowFields, rowLine);
    if (width !== undefined) {
      rowIssues.push(width);
      return undefined;
    }
    fields = rowFields;
    line = rowLine;
    issues = rowIssues;
    const before = issues.length;
    const customerId = required(customerCol, 'customer_id');
    const subscriptionId = required(subscriptionCol, 'subscription_id');
    let event: SubscriptionEvent | undefined;
    if (eventsShape) {
      const value = text(eventCol).toLowerCase();
      event = (SUBSCRIPTION_EVENTS as readonly string[]).includes(value)
        ? (value as SubscriptionEvent)
        : undefined;
      if (event === undefined) {
        problem(
          eventCol,
          value === ''
            ? 'event is empty'
            : `event "${shortenText(text(eventCol))}" is not one of ${SUBSCRIPTION_EVENTS.join(', ')}`,
        );
      }
    }
    const at = date(atCol, atName);
    let endsAt = eventsShape ? Number.NaN : Number.POSITIVE_INFINITY;
    if (!eventsShape && text(endCol) !== '') {
      endsAt = date(endCol, 'ends_at');
      if (!Number.isNaN(at) && endsAt <= at) {
        problem(
          endCol,
          `ends_at "${shortenText(text(endCol))}" is not after starts_at "${shortenText(text(atCol))}"`,
        );
      }
    }
    const ending = event !== undefined && ENDING_EVENTS.has(event);
    let planId = '';
    let units = 0;
    let currency = reporting;
    let interval: BillingInterval = 'month';
    let intervalCount = 1;
    let quantity = 1;
    let tier: number | null = null;
    if (!ending) {
      planId = required(planCol, 'plan_id');
      const amountText = text(amountCol);
      let amountCurrency: string | undefined;
      if (amountText === '') problem(amountCol, 'amount is empty');
      else {
        // A plain decimal (`392.00`) is read at once: most exports write amounts that way.
        units = pointFormat ? parseAmount(amountText) : Number.NaN;
        if (Number.isNaN(units)) {
          const money = parseMoney(amountText, formats.number);
          units = money.units;
          amountCurrency = money.currency;
          if (money.negative) problem(amountCol, `amount "${shortenText(amountText)}" is negative`);
          else if (Number.isNaN(units)) {
            problem(
              amountCol,
              `amount "${shortenText(amountText)}" is not a decimal number >= 0 with at most 4 decimals and ${AMOUNT_EXAMPLES[formats.number]}`,
            );
          }
        }
      }
      const currencyWritten = text(currencyCol);
      let currencyText = lastCurrency;
      let currencyRead = true;
      if (currencyWritten !== lastCurrencyText) {
        currencyText = currencyWritten.toUpperCase();
        currencyRead = currencyText === '' || CURRENCY.test(currencyText);
        if (currencyRead) {
          lastCurrencyText = currencyWritten;
          lastCurrency = currencyText;
        }
      }
      if (!currencyRead) {
        problem(
          currencyCol,
          `currency "${shortenText(text(currencyCol))}" is not an ISO 4217 code such as EUR`,
        );
      } else if (currencyText !== '' && amountCurrency !== undefined && amountCurrency !== currencyText) {
        problem(
          amountCol,
          `amount "${shortenText(amountText)}" is in ${amountCurrency}; its currency column says ${currencyText}`,
        );
      }
      currency = currencyText || amountCurrency || formats.currency || reporting;
      const intervalText = text(intervalCol);
      if (intervalText === lastIntervalText) interval = lastInterval;
      else if (intervalText !== '') {
        const lower = intervalText.toLowerCase();
        if ((BILLING_INTERVALS as readonly string[]).includes(lower)) {
          interval = lower as BillingInterval;
          lastIntervalText = intervalText;
          lastInterval = interval;
        } else {
          problem(
            intervalCol,
            `interval "${shortenText(intervalText)}" is not one of ${BILLING_INTERVALS.join(', ')}`,
          );
        }
      }
      const countText = text(countCol);
      if (countText !== '') {
        intervalCount = isDigits(countText, Number.POSITIVE_INFINITY) ? Number(countText) : Number.NaN;
        if (!(intervalCount >= 1) || !Number.isSafeInteger(intervalCount)) {
          problem(countCol, `interval_count "${shortenText(countText)}" is not a whole number >= 1`);
        }
      }
      const quantityText = text(quantityCol);
      if (quantityText !== '') {
        quantity = isDigits(quantityText, 15)
          ? Number(quantityText)
          : parseQuantityAs(quantityText, formats.number);
        if (Number.isNaN(quantity)) {
          problem(
            quantityCol,
            quantityText.startsWith('-')
              ? `quantity "${shortenText(quantityText)}" is negative`
              : `quantity "${shortenText(quantityText)}" is not a number >= 0`,
          );
        }
      }
      const tierText = text(tierCol);
      if (tierText !== '') {
        tier = isDigits(tierText, Number.POSITIVE_INFINITY) ? Number(tierText) : null;
        if (tier === null)
          problem(tierCol, `tier "${shortenText(tierText)}" is not a whole number >= 0 (1 = entry level)`);
      }
    }
    let rate: Rational | null = one;
    if (!ending && issues.length === before && currency !== reporting) {
      rate = fx?.rateOn(currency, localDay(zone, at)) ?? null;
      if (rate === null) {
        const where = currencyCol >= 0 && text(currencyCol) !== '' ? currencyCol : amountCol;
        problem(
          where,
          `no ${currency} rate into ${reporting} on or before ${formatDay(localDay(zone, at))}${fx === undefined ? ' (no rates file given)' : ''}`,
        );
      }
    }
    const family = text(familyCol);
    fields = NO_FIELDS;
    if (issues.length > before) {
      const found = issues.splice(before).sort((a, b) => a.column - b.column);
      issues.push(...found);
      return undefined;
    }
    let dimensions = noDimensions;
    if (segments.length > 0) {
      const values: Record<string, string> = {};
      for (const [name, column] of segments) values[name] = rowFields[column]!.trim() || UNKNOWN_VALUE;
      dimensions = values;
    }
    const row: SubscriptionRow = {
      customerId,
      subscriptionId,
      at,
      endsAt,
      planId,
      units,
      rate: rate!,
      currency,
      interval,
      intervalCount,
      quantity,
      tier,
      family,
      dimensions,
      source,
      line,
      order,
    };
    if (event !== undefined) row.event = event;
    return row;
  };
}
