import {
  BILLING_INTERVALS,
  type BillingInterval,
  localDay,
  type Rational,
  rational,
  type SubscriptionFileSink,
  type SubscriptionRow,
  UNKNOWN_VALUE,
} from '@upsell/core';
import { parseAmountBytes, parseTimestampBytes } from '@upsell/core/internal';
import { fieldText, latin1Text, type RowView } from '@upsell/csv';
import { type ByteInterner, createByteInterner } from './byte-interner.ts';
import { locateTrimmed, type TrimmedField, wholeNumberAt } from './trimmed-field.ts';

/** Builds the {@link SubscriptionRow} of a clean row straight from its bytes, or says to take the string path. */
export type RowSubscriptionReader = (row: RowView, line: number) => SubscriptionRow | undefined;

// What the core's reader reads with its byte parsers through a 256-byte scratch buffer: a longer
// cell takes the string path, which words what is wrong with it.
const LONGEST_NUMBER = 256;
// Distinct plans, families, currencies or segment values kept as strings per column: a column
// with more (ids, free text) is decoded row by row from there on.
const MOST_INTERNED = 1 << 16;
const INTERVALS: readonly BillingInterval[] = BILLING_INTERVALS;
const INTERVAL_BYTES = INTERVALS.map((name) => new TextEncoder().encode(name));

/** A column's short texts, decoded once each while there are not too many of them. */
function createValues(): (row: RowView, field: TrimmedField) => string {
  const interner: ByteInterner = createByteInterner(6);
  return (row, field) => {
    const { start, end } = field;
    if (start === end) return '';
    if (interner.size >= MOST_INTERNED) return latin1Text(row.buf, start, end);
    return interner.textOf(row.buf, start, end);
  };
}

/** The text of a column that repeats from one row to the next (a customer's id): decoded when it changes. */
function createLastValue(): (row: RowView, field: TrimmedField) => string {
  let bytes = new Uint8Array(64);
  let length = -1;
  let text = '';
  return (row, field) => {
    const { buf } = row;
    const { start, end } = field;
    const n = end - start;
    if (n === length) {
      let k = 0;
      while (k < n && bytes[k] === buf[start + k]) k++;
      if (k === n) return text;
    }
    length = n;
    if (n > bytes.length) bytes = new Uint8Array(Math.max(n, bytes.length * 2));
    for (let k = 0; k < n; k++) bytes[k] = buf[start + k]!;
    text = latin1Text(buf, start, end);
    return text;
  };
}

/**
 * The byte-level twin of the core's subscription row reader (`createSubscriptionRowReader`) for
 * the rows that are clean, which are nearly all of them: dates, amounts, counts, quantities and
 * tiers are parsed from the bytes, a customer's and a subscription's id are decoded when they
 * change from the row before, and plans, families, currencies and segment values are decoded
 * once each. A row with anything to report, or anything the string path reads differently (an
 * amount with a currency symbol, a decimal quantity, a date in another format than ISO, a
 * non-ASCII or quoted-quote cell), gives undefined, and the caller pushes its fields, so both
 * paths accept exactly the same rows and build the same objects (the tests hold them to it).
 * Files of the events shape, or with decimal commas, are left to the string path: undefined.
 *
 * @example
 * const read = createRowSubscriptionReader(sink);
 * const row = read?.(view, view.line);
 * if (row !== undefined) sink.pushRow(row); else sink.push(rowFields(view), view.line, view.byteOffset);
 */
export function createRowSubscriptionReader(sink: SubscriptionFileSink): RowSubscriptionReader | undefined {
  const { mapping, zone, fx, source } = sink.reader;
  const reporting = sink.reader.currency;
  const formats = sink.formats;
  if (mapping.shape !== 'states' || formats.number !== 'point') return undefined;
  const width = mapping.header.length;
  const f = mapping.fields;
  const col = (name: keyof typeof f) => f[name] ?? -1;
  const customerCol = col('customer_id');
  const subscriptionCol = col('subscription_id');
  const planCol = col('plan_id');
  const startCol = col('starts_at');
  const endCol = col('ends_at');
  const amountCol = col('amount');
  const intervalCol = col('interval');
  const countCol = col('interval_count');
  const quantityCol = col('quantity');
  const currencyCol = col('currency');
  const tierCol = col('tier');
  const familyCol = col('family');
  if (customerCol < 0 || subscriptionCol < 0 || planCol < 0 || startCol < 0 || amountCol < 0)
    return undefined;
  const segments = [...(sink.reader.segmentColumns ?? new Map<string, number>())];
  const segmentValues = segments.map(() => createValues());
  const customerText = createLastValue();
  const subscriptionText = createLastValue();
  const planText = createValues();
  const familyText = createValues();
  const currencyText = createValues();
  const one = rational(1n);
  const noDimensions: Readonly<Record<string, string>> = Object.freeze({});
  const defaultCurrency = formats.currency || reporting;

  const field: TrimmedField = { start: 0, end: 0, ascii: true };
  // Which billing interval the located field names, in any case; undefined for none.
  const intervalOf = (buf: Uint8Array): BillingInterval | undefined => {
    const { start, end } = field;
    for (let i = 0; i < INTERVAL_BYTES.length; i++) {
      const name = INTERVAL_BYTES[i]!;
      if (name.length !== end - start) continue;
      let k = 0;
      // ASCII letters only: `| 0x20` lowers A-Z and leaves a-z as they are.
      while (k < name.length && (buf[start + k]! | 0x20) === name[k]) k++;
      if (k === name.length) return INTERVALS[i];
    }
    return undefined;
  };
  let lastWritten = '';
  let lastCurrency = '';
  // A currency code as the core reads it: three ASCII letters, upper-cased; '' for none.
  const currencyOf = (row: RowView): string | undefined => {
    const { start, end } = field;
    if (start === end) return '';
    if (end - start !== 3) return undefined;
    const buf = row.buf;
    for (let k = start; k < end; k++) {
      const upper = buf[k]! & ~0x20;
      if (upper < 65 || upper > 90) return undefined;
    }
    const written = currencyText(row, field);
    if (written !== lastWritten) {
      lastWritten = written;
      lastCurrency = written.toUpperCase();
    }
    return lastCurrency;
  };

  return (row, line) => {
    if (row.count !== width) return undefined;
    const buf = row.buf;
    locateTrimmed(row, customerCol, field);
    if (!field.ascii || field.start === field.end) return undefined;
    const customerId = customerText(row, field);
    locateTrimmed(row, subscriptionCol, field);
    if (!field.ascii || field.start === field.end) return undefined;
    const subscriptionId = subscriptionText(row, field);
    locateTrimmed(row, startCol, field);
    if (!field.ascii || field.end - field.start > LONGEST_NUMBER) return undefined;
    const at = parseTimestampBytes(buf, field.start, field.end, zone);
    if (Number.isNaN(at)) return undefined;
    let endsAt = Number.POSITIVE_INFINITY;
    if (endCol >= 0) {
      locateTrimmed(row, endCol, field);
      if (field.start !== field.end) {
        if (!field.ascii || field.end - field.start > LONGEST_NUMBER) return undefined;
        endsAt = parseTimestampBytes(buf, field.start, field.end, zone);
        if (!(endsAt > at)) return undefined;
      }
    }
    locateTrimmed(row, planCol, field);
    if (!field.ascii || field.start === field.end) return undefined;
    const planId = planText(row, field);
    locateTrimmed(row, amountCol, field);
    if (!field.ascii || field.end - field.start > LONGEST_NUMBER) return undefined;
    const units = parseAmountBytes(buf, field.start, field.end);
    if (Number.isNaN(units)) return undefined;
    let currency = '';
    if (currencyCol >= 0) {
      locateTrimmed(row, currencyCol, field);
      if (!field.ascii) return undefined;
      const read = currencyOf(row);
      if (read === undefined) return undefined;
      currency = read;
    }
    currency ||= defaultCurrency;
    let interval: BillingInterval = 'month';
    if (intervalCol >= 0) {
      locateTrimmed(row, intervalCol, field);
      if (field.start !== field.end) {
        const read = field.ascii ? intervalOf(buf) : undefined;
        if (read === undefined) return undefined;
        interval = read;
      }
    }
    let intervalCount = 1;
    if (countCol >= 0) {
      locateTrimmed(row, countCol, field);
      if (field.start !== field.end) {
        intervalCount = field.ascii ? wholeNumberAt(buf, field.start, field.end) : Number.NaN;
        if (!(intervalCount >= 1)) return undefined;
      }
    }
    let quantity = 1;
    if (quantityCol >= 0) {
      locateTrimmed(row, quantityCol, field);
      if (field.start !== field.end) {
        quantity = field.ascii ? wholeNumberAt(buf, field.start, field.end) : Number.NaN;
        if (Number.isNaN(quantity)) return undefined;
      }
    }
    let tier: number | null = null;
    if (tierCol >= 0) {
      locateTrimmed(row, tierCol, field);
      if (field.start !== field.end) {
        tier = field.ascii ? wholeNumberAt(buf, field.start, field.end) : Number.NaN;
        if (Number.isNaN(tier)) return undefined;
      }
    }
    let rate: Rational | null = one;
    if (currency !== reporting) {
      rate = fx?.rateOn(currency, localDay(zone, at)) ?? null;
      if (rate === null) return undefined;
    }
    let family = '';
    if (familyCol >= 0) {
      locateTrimmed(row, familyCol, field);
      family = field.ascii ? familyText(row, field) : fieldText(row, familyCol).trim();
    }
    let dimensions = noDimensions;
    if (segments.length > 0) {
      const values: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const [name, column] = segments[i]!;
        locateTrimmed(row, column, field);
        const value = field.ascii ? segmentValues[i]!(row, field) : fieldText(row, column).trim();
        values[name] = value || UNKNOWN_VALUE;
      }
      dimensions = values;
    }
    return {
      customerId,
      subscriptionId,
      at,
      endsAt,
      planId,
      units,
      rate,
      currency,
      interval,
      intervalCount,
      quantity,
      tier,
      family,
      dimensions,
      source,
      line,
      order: 0,
    };
  };
}
