import { UpsellError } from '../errors.ts';
import type { ColumnMapping, PurchaseField } from './column-mapping.ts';
import {
  detectDateFormat,
  detectNumberFormat,
  FORMAT_SAMPLE_SIZE,
  type FormatDetection,
} from './detect-value-formats.ts';
import { parseMoney } from './parse-money.ts';
import {
  DATE_FORMAT_WORDS,
  DEFAULT_VALUE_FORMATS,
  type FileValueFormats,
  NUMBER_FORMAT_WORDS,
  type ValueFormats,
} from './value-formats.ts';

/** Options of {@link fileValueFormats}. */
export interface FileValueFormatsOptions {
  mapping: ColumnMapping;
  /** The file's first data rows (all fields); detection reads up to {@link FORMAT_SAMPLE_SIZE} values per column. */
  sample?: readonly (readonly string[])[];
  /** Formats chosen for every file; they win over what the sample says. */
  chosen?: ValueFormats;
  /** The file's name, for the error. */
  fileName?: string;
}

/** The first non-empty values of one column in the rows that have it. */
function columnValues(sample: readonly (readonly string[])[], column: number, width: number): string[] {
  const values: string[] = [];
  for (const row of sample) {
    if (row.length !== width) continue;
    const text = row[column]!.trim();
    if (text !== '') values.push(text);
    if (values.length === FORMAT_SAMPLE_SIZE) break;
  }
  return values;
}

const listWords = (words: string[]) =>
  words.length <= 2 ? words.join(' and ') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/** The detected format, or the default when the sample says nothing; throws when it is ambiguous. */
function settle<F extends string>(
  detection: FormatDetection<F>,
  fallback: F,
  what: { field: PurchaseField; column: string; noun: string; words: Record<F, string> },
  fileName: string | undefined,
): F {
  if (detection.kind === 'found') return detection.format;
  if (detection.kind === 'unknown') return fallback;
  const { field, column, noun, words } = what;
  const both = detection.choices.length === 2 ? 'both ' : '';
  throw new UpsellError(
    'AMBIGUOUS_FORMAT',
    `${fileName === undefined ? '' : `${fileName}: `}the ${noun} in column "${column}" fit ${both}${listWords(detection.choices.map((c) => words[c]))} (e.g. ${detection.examples.join(', ')})`,
    {
      field,
      column,
      choices: detection.choices,
      examples: detection.examples,
      ...(fileName === undefined ? {} : { file: fileName }),
    },
  );
}

/**
 * How one purchase file writes its dates and numbers: the formats chosen for the run, else
 * what the file's first rows say (see `detectDateFormat`, `detectNumberFormat`), else the
 * defaults; and the currency its amounts name most often in those rows. A column whose values
 * fit two formats that read them differently is an `AMBIGUOUS_FORMAT` error, whose details name
 * the `field`, the `column`, the `choices` and `examples` of values read differently: a front
 * end asks which one is meant rather than guess.
 *
 * @example
 * fileValueFormats({ mapping, sample: [['c1', '25/12/2024', 'basic', '12,50 EUR']] })
 * // { date: 'dmy', number: 'comma', currency: 'EUR' }
 */
export function fileValueFormats(options: FileValueFormatsOptions): FileValueFormats {
  const { mapping, sample, chosen = {}, fileName } = options;
  const width = mapping.header.length;
  const timeCol = mapping.fields.purchased_at!;
  const numberCol = mapping.fields.amount ?? mapping.fields.quantity;
  let date = chosen.date ?? DEFAULT_VALUE_FORMATS.date;
  if (chosen.date === undefined && sample !== undefined) {
    date = settle(
      detectDateFormat(columnValues(sample, timeCol, width)),
      DEFAULT_VALUE_FORMATS.date,
      { field: 'purchased_at', column: mapping.header[timeCol]!, noun: 'dates', words: DATE_FORMAT_WORDS },
      fileName,
    );
  }
  let number = chosen.number ?? DEFAULT_VALUE_FORMATS.number;
  if (chosen.number === undefined && sample !== undefined && numberCol !== undefined) {
    number = settle(
      detectNumberFormat(columnValues(sample, numberCol, width)),
      DEFAULT_VALUE_FORMATS.number,
      {
        field: numberCol === mapping.fields.amount ? 'amount' : 'quantity',
        column: mapping.header[numberCol]!,
        noun: 'numbers',
        words: NUMBER_FORMAT_WORDS,
      },
      fileName,
    );
  }
  const formats: FileValueFormats = { date, number };
  const amountCol = mapping.fields.amount;
  if (sample !== undefined && amountCol !== undefined) {
    // The currency named most often (the first of equals): a file's amounts are in one currency.
    const counts = new Map<string, number>();
    for (const text of columnValues(sample, amountCol, width)) {
      const currency = parseMoney(text, number).currency;
      if (currency !== undefined) counts.set(currency, (counts.get(currency) ?? 0) + 1);
    }
    let most = 0;
    for (const [currency, count] of counts) {
      if (count > most) [formats.currency, most] = [currency, count];
    }
  }
  return formats;
}
