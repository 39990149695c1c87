/**
 * How the dates of a purchase file are written. `iso` is ISO 8601 (`2024-03-07`, the default);
 * `dmy`, `mdy` and `ymd` are day-, month- and year-first dates with `/`, `.` or `-` between the
 * parts (`07/03/2024`, `3.7.2024`, `2024/03/07`) and an optional time; `serial` is a
 * spreadsheet's day number. Every format also takes ISO values, which cannot be misread.
 */
export const DATE_FORMATS = ['iso', 'dmy', 'mdy', 'ymd', 'serial'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/**
 * How the amounts (and quantities) of a purchase file are written: `point` has a decimal point
 * and `,`, a space or `'` between thousands (`1,234.50`, the default); `comma` has a decimal
 * comma and `.` or a space between thousands (`1.234,50`, `1 234,50`).
 */
export const NUMBER_FORMATS = ['point', 'comma'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** Formats chosen for a run's files; a format left out is detected per file. */
export interface ValueFormats {
  date?: DateFormat;
  number?: NumberFormat;
}

/** The formats one file is read with, and the currency its amounts are in, if they say. */
export interface FileValueFormats {
  date: DateFormat;
  number: NumberFormat;
  /** ISO 4217 code of the amounts' currency (`$` is taken as USD), when the amounts name one. */
  currency?: string;
}

/** Formats of a file whose values do not say otherwise. */
export const DEFAULT_VALUE_FORMATS: Readonly<FileValueFormats> = { date: 'iso', number: 'point' };

/** How each date format is named in messages: "a day-first date". */
export const DATE_FORMAT_WORDS: Readonly<Record<DateFormat, string>> = {
  iso: 'ISO 8601',
  dmy: 'day-first',
  mdy: 'month-first',
  ymd: 'year-first',
  serial: 'spreadsheet serial',
};

/** How each number format is named in messages. */
export const NUMBER_FORMAT_WORDS: Readonly<Record<NumberFormat, string>> = {
  point: 'decimal point',
  comma: 'decimal comma',
};
