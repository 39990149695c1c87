import { parseDateAs } from '../time/parse-date-as.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import { parseMoney } from './parse-money.ts';
import { DATE_FORMATS, type DateFormat, NUMBER_FORMATS, type NumberFormat } from './value-formats.ts';

/**
 * What the sample values of a column say about their format: one `format` that reads them all
 * (when several do, they read every value the same, as ISO dates do under every date format);
 * `ambiguous` when formats that read every value read some differently, with those formats
 * (`choices`) and up to three values that they read differently (`examples`); `unknown` when no
 * format reads every value (the file is then read with the default, and each bad row reported).
 */
export type FormatDetection<F extends string> =
  | { kind: 'found'; format: F }
  | { kind: 'ambiguous'; choices: F[]; examples: string[] }
  | { kind: 'unknown' };

/** How many values of a column detection looks at: the first non-empty ones of a file. */
export const FORMAT_SAMPLE_SIZE = 1000;

const UTC: TimeZoneOffsets = { timeZone: 'UTC', offsetAt: () => 0, localToUtc: (local) => local };

/**
 * Which of `formats` reads every value, by the readings of `read` (NaN: not read). Formats are
 * in order of preference: among those reading everything the same, the first is taken. A value
 * that no format reads (a typo, `yesterday`) has no say: it is a bad row under every format, and
 * one of them in a US export must not send the whole file to the default, every row rejected.
 */
function detect<F extends string>(
  sample: readonly string[],
  formats: readonly F[],
  read: (value: string, format: F) => number,
): FormatDetection<F> {
  const values = sample.filter((value) => formats.some((format) => !Number.isNaN(read(value, format))));
  if (values.length === 0) return { kind: 'unknown' };
  const readings = new Map<F, number[]>();
  for (const format of formats) {
    const read1: number[] = [];
    for (const value of values) {
      const reading = read(value, format);
      if (Number.isNaN(reading)) break;
      read1.push(reading);
    }
    if (read1.length === values.length) readings.set(format, read1);
  }
  const fitting = [...readings.keys()];
  if (fitting.length === 0) return { kind: 'unknown' };
  const first = readings.get(fitting[0]!)!;
  // Formats that read some value differently from the first fitting one, and those values.
  const differing = new Set<number>();
  const choices: F[] = [fitting[0]!];
  for (const format of fitting.slice(1)) {
    const other = readings.get(format)!;
    let differs = false;
    for (let i = 0; i < values.length; i++) {
      if (other[i] !== first[i]) {
        differs = true;
        if (differing.size < 3) differing.add(i);
      }
    }
    if (differs) choices.push(format);
  }
  if (choices.length === 1) return { kind: 'found', format: fitting[0]! };
  return {
    kind: 'ambiguous',
    choices,
    examples: [...differing].sort((a, b) => a - b).map((i) => values[i]!),
  };
}

/**
 * Detects how a column's dates are written from sample values (the first up to
 * {@link FORMAT_SAMPLE_SIZE} non-empty ones): the one format that reads them all, ISO when all
 * are ISO, `ambiguous` when day-first and month-first (or others) both read them but differently
 * (every day <= 12), `unknown` when none reads them all. Values no format reads are left out.
 *
 * @example
 * detectDateFormat(['25/12/2024', '03/07/2024']) // { kind: 'found', format: 'dmy' }
 * detectDateFormat(['03/07/2024', '11/12/2024']) // { kind: 'ambiguous', choices: ['dmy', 'mdy'], ... }
 */
export function detectDateFormat(values: readonly string[]): FormatDetection<DateFormat> {
  return detect(values, DATE_FORMATS, (value, format) => parseDateAs(value.trim(), format, UTC));
}

/**
 * Detects how a column's amounts (or quantities) are written, like {@link detectDateFormat}:
 * `1,234.50` is `point`, `1.234,50` is `comma`, and a column of only `1,234`-like values, which
 * each format reads as a different number, is `ambiguous`. Whole numbers alone read the same
 * either way: `point`.
 *
 * @example
 * detectNumberFormat(['12,50 EUR', '3']) // { kind: 'found', format: 'comma' }
 */
export function detectNumberFormat(values: readonly string[]): FormatDetection<NumberFormat> {
  return detect(values, NUMBER_FORMATS, (value, format) => {
    const text = value.trim();
    // A negative amount is a bad row whatever the format: read it without its sign.
    return parseMoney(text.startsWith('-') ? text.slice(1) : text, format).units;
  });
}
