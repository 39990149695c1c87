/** `0.1234` as `12.3%`. */
export const percent = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;

/** A difference of rates in percentage points, signed: `+2.1 pts`. */
export const points = (difference: number) =>
  `${difference >= 0 ? '+' : ''}${(difference * 100).toFixed(1)} pts`;

/** A whole number with thousands separators. */
export const whole = (n: number) => n.toLocaleString('en-US');

/** Money with two decimals and separators. */
export const money = (amount: number) =>
  amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Lays out rows as aligned columns; numbers (cells starting with a digit, sign or bracket) right-aligned. */
export function alignColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // The first column (the period) reads best left-aligned, like a label.
  const numeric = header.map(
    (_, i) => i > 0 && rows.length > 0 && rows.every((r) => /^[-+\d[(]/.test(r[i] ?? '') || r[i] === ''),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A size in bytes, in the largest binary unit under 1,024 of it: `12.3 KiB`. */
export function fileSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${units[unit]}`;
}
