/** `0.1234` as `12.3%`. */
export const percent = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;

/** A difference of rates in percentage points, signed: `+2.1 pts`. */
export const points = (difference: number) =>
  `${difference >= 0 ? '+' : ''}${(difference * 100).toFixed(1)} pts`;

/**
 * A whole number with thousands separators (`1,234,567`), as `toLocaleString('en-US')` writes it,
 * without it for safe integers: a process's first `toLocaleString` loads Intl's number formats,
 * 20-30 ms here, which a command's `--stats` line or row count would otherwise add to its time.
 */
export function whole(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

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
