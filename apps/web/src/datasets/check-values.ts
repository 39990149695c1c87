import {
  AMOUNT_SCALE,
  createMetricRun,
  createTimeZoneOffsets,
  type DateFormat,
  type FileValueFormats,
  isUpsellError,
  type NumberFormat,
  type PurchaseField,
  parseDateAs,
  parseMoney,
  type RowIssue,
  type ValueFormats,
} from '@upsell/core';
import type { FilePreview } from './read-preview.ts';

/** A column whose sample values read two ways: the upload asks which one is meant. */
export interface FormatAmbiguity {
  field: PurchaseField;
  column: string;
  choices: (DateFormat | NumberFormat)[];
  /** Values that the choices read differently. */
  examples: string[];
}

/** One sample row as the import would read it. */
export interface RowReading {
  line: number;
  /** The purchase time as read, in words ("7 Mar 2024, 14:05 UTC"); undefined when it is not read. */
  purchasedAt?: string;
  /** The amount as read ("€1,234.50"); undefined without an amount or when it is not read. */
  amount?: string;
  /** Why the import would reject the row; empty when it takes it. */
  issues: string[];
}

/** The rejections of the sample, by column: how many rows, and one reason as an example. */
export interface RejectionCount {
  column: string;
  rows: number;
  example: string;
}

/** What the sample rows say about the file's values, read exactly as the import reads them. */
export interface ValueCheck {
  /** The formats the file would be read with (undefined while a column is ambiguous). */
  formats?: FileValueFormats;
  ambiguity?: FormatAmbiguity;
  /** One reading per sample row, in file order. */
  rows: RowReading[];
  /** Sample rows read, and of them the ones the import would reject. */
  sampled: number;
  rejected: number;
  rejections: RejectionCount[];
  /** Whether the file has an amount column. */
  hasAmounts: boolean;
}

/** Options of {@link checkValues}. */
export interface CheckValuesOptions {
  /** The columns chosen for the fields (as the import's `map`). */
  map: Partial<Record<PurchaseField, string>>;
  /** Formats chosen in the form; the ones left out are detected from the sample, as the server does. */
  chosen: ValueFormats;
}

// The preview shows wall times as the file writes them; offsets in the data are honoured (UTC).
const UTC = createTimeZoneOffsets('UTC');
const moment = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const day = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `Date.UTC(2024, 2, 7, 14, 5)` -> `7 Mar 2024, 14:05`; a midnight is the day alone. */
function formatReadTime(ms: number): string {
  return ms % 86_400_000 === 0 ? day.format(ms) : moment.format(ms);
}

/** Amount units -> `€1,234.50`, or `1,234.50` without a currency. */
export function formatReadAmount(units: number, currency: string | undefined): string {
  const value = units / AMOUNT_SCALE;
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: 4 };
  if (currency !== undefined) {
    try {
      return new Intl.NumberFormat('en', { ...options, style: 'currency', currency }).format(value);
    } catch {
      // A code Intl does not know still reads as a number with its code.
      return `${new Intl.NumberFormat('en', options).format(value)} ${currency}`;
    }
  }
  return new Intl.NumberFormat('en', options).format(value);
}

/**
 * Reads the preview's rows with the core's own purchase reader (the import's), so the counts are
 * the ones the import would report: the formats detected from the sample or chosen, each row's
 * purchase time and amount as read, and the rows that would be rejected, with why. A sample
 * whose dates or numbers read two ways gives the ambiguity instead, for the form to ask.
 *
 * @example
 * checkValues(preview, { map: {}, chosen: { date: 'dmy' } }).rejected // 0
 */
export function checkValues(preview: FilePreview, options: CheckValuesOptions): ValueCheck {
  const empty: ValueCheck = { rows: [], sampled: 0, rejected: 0, rejections: [], hasAmounts: false };
  if (preview.header.length === 0) return empty;
  let found: RowIssue[] = [];
  const run = createMetricRun({
    // Rows are read the same under every rule; `additional` needs no column, so any file reads.
    definition: { rule: 'additional' },
    map: options.map,
    formats: options.chosen,
    classify: false,
    onIssue: (issue) => found.push(issue),
  });
  const sample = preview.rows.map((row) => row.fields);
  let sink: ReturnType<typeof run.addFile>;
  try {
    sink = run.addFile(preview.header, undefined, sample);
  } catch (error) {
    if (isUpsellError(error, 'AMBIGUOUS_FORMAT')) {
      const details = error.details as unknown as FormatAmbiguity;
      return {
        ...empty,
        ambiguity: {
          field: details.field,
          column: details.column,
          choices: details.choices,
          examples: details.examples,
        },
      };
    }
    // A mapping the server would refuse is the mapping check's to explain.
    return empty;
  }
  const { formats, mapping } = sink;
  const timeCol = mapping.fields.purchased_at!;
  const amountCol = mapping.fields.amount;
  const byColumn = new Map<string, RejectionCount>();
  const rows = preview.rows.map((row): RowReading => {
    found = [];
    sink.push(row.fields, row.line, row.line);
    const reading: RowReading = { line: row.line, issues: found.map((issue) => issue.reason) };
    for (const issue of found) {
      const column = issue.columnName ?? `column ${issue.column}`;
      const count = byColumn.get(column);
      if (count) count.rows++;
      else byColumn.set(column, { column, rows: 1, example: `line ${row.line}: ${issue.reason}` });
    }
    const time = parseDateAs((row.fields[timeCol] ?? '').trim(), formats.date, UTC);
    if (!Number.isNaN(time)) reading.purchasedAt = formatReadTime(time);
    if (amountCol !== undefined) {
      const money = parseMoney((row.fields[amountCol] ?? '').trim(), formats.number);
      if (!Number.isNaN(money.units)) reading.amount = formatReadAmount(money.units, money.currency);
    }
    return reading;
  });
  const rejected = rows.filter((row) => row.issues.length > 0).length;
  return {
    formats,
    rows,
    sampled: rows.length,
    rejected,
    rejections: [...byColumn.values()].sort((a, b) => b.rows - a.rows),
    hasAmounts: amountCol !== undefined,
  };
}

/**
 * True when most sample rows would be rejected: the form then asks before importing.
 *
 * @example
 * mostRowsFail({ sampled: 10, rejected: 6, ... }) // true
 */
export const mostRowsFail = (check: ValueCheck) => check.sampled > 0 && check.rejected * 2 > check.sampled;
