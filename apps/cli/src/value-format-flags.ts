import {
  DATE_FORMAT_WORDS,
  DATE_FORMATS,
  type DateFormat,
  type FileValueFormats,
  NUMBER_FORMAT_WORDS,
  NUMBER_FORMATS,
  type NumberFormat,
  type ValueFormats,
} from '@upsell/core';
import { type Command, Option } from 'commander';

/** `--date-format` and `--number-format` as commander parses them; `auto` detects per file. */
export interface ValueFormatOptions {
  dateFormat: 'auto' | DateFormat;
  numberFormat: 'auto' | NumberFormat;
}

/**
 * Adds `--date-format` and `--number-format` to a command that reads purchase files.
 *
 * @example
 * addValueFormatOptions(program.command('validate'))
 */
export function addValueFormatOptions(command: Command, options: { filesOnly?: boolean } = {}): Command {
  const where = options.filesOnly ? '; files only' : '';
  return command
    .addOption(
      new Option(
        '--date-format <format>',
        `how the dates are written: iso (2024-03-07), dmy (07/03/2024), mdy (03/07/2024), ymd (2024/03/07) or serial (spreadsheet day numbers); auto detects it per file and asks when both dmy and mdy fit${where}`,
      )
        .choices(['auto', ...DATE_FORMATS])
        .default('auto'),
    )
    .addOption(
      new Option(
        '--number-format <format>',
        `how amounts are written: point (1,234.50) or comma (1.234,50); auto detects it per file and asks when both fit (1,234)${where}`,
      )
        .choices(['auto', ...NUMBER_FORMATS])
        .default('auto'),
    );
}

/**
 * The formats chosen on the command line, for the job: `auto` is left out, so it is detected.
 *
 * @example
 * valueFormatsOf({ dateFormat: 'dmy', numberFormat: 'auto' }) // { date: 'dmy' }
 */
export function valueFormatsOf(options: Partial<ValueFormatOptions>): ValueFormats {
  const formats: ValueFormats = {};
  if (options.dateFormat !== undefined && options.dateFormat !== 'auto') formats.date = options.dateFormat;
  if (options.numberFormat !== undefined && options.numberFormat !== 'auto')
    formats.number = options.numberFormat;
  return formats;
}

/**
 * How a file's dates and numbers were read, in words, and whether a flag chose the format
 * (`--date-format`) or `auto` did (detected from the file's first rows, or the default when they
 * fit no format alone).
 *
 * @example
 * describeValueFormats({ date: 'dmy', number: 'comma', currency: 'EUR' }, {})
 * // 'dates day-first (dmy, auto); numbers with a decimal comma (comma, auto); amounts in EUR'
 */
export function describeValueFormats(formats: FileValueFormats, chosen: ValueFormats): string {
  const date = `dates ${DATE_FORMAT_WORDS[formats.date]} (${formats.date}, ${chosen.date === undefined ? 'auto' : '--date-format'})`;
  const number = `numbers with a ${NUMBER_FORMAT_WORDS[formats.number]} (${formats.number}, ${chosen.number === undefined ? 'auto' : '--number-format'})`;
  return `${date}; ${number}${formats.currency === undefined ? '' : `; amounts in ${formats.currency}`}`;
}
