/** A value to write into a CSV cell. */
export type CsvCellValue = string | number | boolean | null | undefined;

/**
 * One CSV cell (RFC 4180): empty for null, quoted when it holds a quote, comma or line break,
 * and text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) prefixed with an apostrophe. Numbers are left alone, so -0.05 stays a number. The one
 * rule for every CSV Upsell writes (the CLI's `--format csv`, the admin UI's exports).
 *
 * @example
 * csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 * csvCell(-0.05) // '-0.05'
 */
export function csvCell(value: CsvCellValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
