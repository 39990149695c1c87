/**
 * A plain-text table: the header, a rule, then the rows, each column right-aligned to its widest cell.
 *
 * @example
 * formatTable(['size', 'seconds'], [['1,000,000', '1.72']]);
 * // '     size  seconds\n---------  -------\n1,000,000     1.72'
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
