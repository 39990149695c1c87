/**
 * A small purchase file to append during the soak, as CSV: `rows` lines copied from `lines` (lines
 * of the dataset's own file, under `header`: its customers, products and tiers), picked with
 * `random`, each with its own order id (`SOAK<round>-<n>`) and a purchase time one second after
 * the one before, the first one second after `after` (ISO 8601), so that the file comes later in
 * time than everything before it.
 *
 * @example
 * makeSoakRows({ header: 'order_id,customer_id,purchased_at,product_id', lines: ['SO1,C1,2024-01-01T00:00:00Z,P'], rows: 2, round: 3, after: '2024-12-31T23:59:59Z', random: Math.random });
 * // 'order_id,customer_id,purchased_at,product_id\nSOAK3-1,C1,2025-01-01T00:00:00Z,P\nSOAK3-2,C1,2025-01-01T00:00:01Z,P\n'
 */
export function makeSoakRows(options: {
  header: string;
  lines: readonly string[];
  rows: number;
  round: number;
  after: string;
  random: () => number;
}): string {
  const { header, lines, rows, round, after, random } = options;
  const columns = header.split(',');
  const order = columns.indexOf('order_id');
  const time = columns.indexOf('purchased_at');
  if (order < 0 || time < 0)
    throw new Error(`makeSoakRows: the header has no order_id or purchased_at: "${header}"`);
  if (lines.length === 0) throw new Error('makeSoakRows: needs lines to copy');
  const start = Date.parse(after);
  if (Number.isNaN(start)) throw new Error(`makeSoakRows: not an ISO 8601 time: "${after}"`);
  const out = [header];
  for (let n = 1; n <= rows; n++) {
    const cells = lines[Math.min(lines.length - 1, Math.floor(random() * lines.length))]!.split(',');
    cells[order] = `SOAK${round}-${n}`;
    cells[time] = new Date(start + n * 1000).toISOString().replace('.000Z', 'Z');
    out.push(cells.join(','));
  }
  return `${out.join('\n')}\n`;
}
