const DAY_MS = 86_400_000;
// Days from the 1900 (and the 1904) date system's day 0 to 1970-01-01.
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A date cell's value as the wall clock it shows, without an offset (`2024-03-07`, or
 * `2024-03-07T14:05:00` with a time), so the run's time zone applies as it does to CSV text.
 * exceljs gives a workbook's date as a `Date` whose UTC fields are the wall clock.
 *
 * @example
 * wallClockText(new Date(Date.UTC(2024, 2, 7, 14, 5))) // '2024-03-07T14:05:00'
 */
export function wallClockText(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return '';
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const inDay = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  if (inDay === 0) return day;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const milliseconds = date.getUTCMilliseconds();
  return `${day}T${time}${milliseconds === 0 ? '' : `.${pad(milliseconds, 3)}`}`;
}

/**
 * A number as the shortest decimal that reads back as the value a spreadsheet shows: 15
 * significant digits, as Excel keeps, so binary noise (`19.990000000000002`) reads `19.99`.
 *
 * @example
 * numberText(0.1 + 0.2) // '0.3'
 */
export function numberText(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
}

/**
 * How many decimals a number format shows, when it fixes them (`0.00`, `#,##0.00 "EUR"`: 2);
 * undefined for `General`, percentages, scientific notation and formats without a decimal point.
 *
 * @example
 * shownDecimals('#,##0.00') // 2
 */
export function shownDecimals(format: string | undefined): number | undefined {
  if (!format) return undefined;
  const section = (format.split(';')[0] ?? '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  if (/[%eE]/.test(section)) return undefined;
  const decimals = /[0#?]?\.([0#?]+)/.exec(section);
  return decimals ? decimals[1]!.length : undefined;
}

/**
 * Whether a number format shows a date or a time (`yyyy-mm-dd`, `m/d/yy h:mm`, `[h]:mm`), as
 * Excel decides: letters of a date or time outside quoted text and brackets.
 *
 * @example
 * isDateFormat('dd/mm/yyyy') // true
 * isDateFormat('#,##0.00 "days"') // false
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare);
}

/**
 * A serial day number of a workbook (days since its day 0, the fraction the time of day) as the
 * `Date` exceljs gives for a date cell: its UTC fields are the wall clock.
 *
 * @example
 * serialToDate(45358.5, false) // 2024-03-07T12:00:00Z
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - (date1904 ? EPOCH_1904 : EPOCH_1900)) * DAY_MS));
}

/** A cell as exceljs reads it: `value` and its number format. */
export interface XlsxCell {
  value: unknown;
  numFmt?: string | undefined;
}

/**
 * The text a cell stands for in the CSV a workbook is read as: a date cell's wall clock
 * ({@link wallClockText}), a number's shortest decimal ({@link numberText}), rounded to the
 * decimals its format shows ({@link shownDecimals}, as Excel's CSV export does), text as it is,
 * `TRUE`/`FALSE`, a formula's cached result (a date when its format is one), rich text's plain
 * text, an error's own text (`#N/A`, so that the row is reported, not read as empty). A line
 * break inside a cell reads as a space, so that each row stays one line of the CSV.
 *
 * @example
 * xlsxCellText({ value: { formula: 'B2*2', result: 39.980000000000004 } }, false) // '39.98'
 */
export function xlsxCellText(cell: XlsxCell, date1904: boolean): string {
  return oneLine(textOf(cell.value, cell.numFmt, date1904));
}

// A number as its cell shows it when the format fixes the decimals (100/3 under `0.00` is 33.33),
// as Excel's own CSV export writes it.
function shownNumber(value: number, numFmt: string | undefined): string {
  const decimals = shownDecimals(numFmt);
  return numberText(decimals === undefined || decimals > 15 ? value : Number(value.toFixed(decimals)));
}

const oneLine = (text: string) => (/[\r\n]/.test(text) ? text.replace(/\r\n|[\r\n]/g, ' ') : text);

function textOf(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return shownNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return wallClockText(value);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('error' in object) return String(object.error);
    if (Array.isArray(object.richText)) {
      return (object.richText as { text?: unknown }[]).map((run) => String(run.text ?? '')).join('');
    }
    if ('formula' in object || 'sharedFormula' in object) {
      const { result } = object;
      // exceljs reads a formula's cached number as it is, even when its cell shows a date.
      if (typeof result === 'number' && isDateFormat(numFmt)) {
        return wallClockText(serialToDate(result, date1904));
      }
      return textOf(result, numFmt, date1904);
    }
    if ('text' in object) return textOf(object.text, numFmt, date1904);
  }
  return String(value);
}
