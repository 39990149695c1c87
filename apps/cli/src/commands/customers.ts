import {
  AMOUNT_SCALE,
  buildMetricResult,
  createTimeZoneOffsets,
  type ExplainedCustomer,
  type ExplainedLine,
  formatAmount,
  formatDay,
  formatLocalDateTime,
  localDay,
  periodUnitOfLabel,
  UpsellError,
} from '@upsell/core';
import { computeForCommand } from '../compute/compute-for-command.ts';
import type { DefinitionOptions } from '../definition-options.ts';
import { EXIT } from '../exit-code.ts';
import { METRIC_NAMES } from '../reporters/describe-definition.ts';
import { csvCell } from '../reporters/metric-reporters.ts';
import { paint, type Terminal } from '../terminal.ts';

/** Options of `upsell customers`. */
export interface CustomersOptions extends Omit<DefinitionOptions, 'period'> {
  /** A period label; its form gives the unit (2024-Q1 is a quarter). */
  period: string;
  segment: string[];
  /** How many customers (or lines) to list: a number or `all`; default 20 in the table, all in JSON and CSV. */
  limit?: string;
  format: 'table' | 'json' | 'csv';
}

function parseSegment(entries: readonly string[]): Record<string, string> {
  const segment: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0)
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `--segment "${entry}": write it as column=value, e.g. channel=online`,
      );
    segment[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return segment;
}

/** `upsell customers <files...> --period <label>`: the customers and lines behind one row. */
export async function customersCommand(
  files: readonly string[],
  options: CustomersOptions,
  terminal: Terminal,
): Promise<number> {
  const segment = parseSegment(options.segment);
  const wanted = options.limit ?? (options.format === 'table' ? '20' : 'all');
  const limit = wanted === 'all' ? Number.POSITIVE_INFINITY : Number(wanted);
  if (!(limit >= 0))
    throw new UpsellError('INVALID_ARGUMENT', `--limit "${options.limit}": give a number or "all"`);
  // The segment's columns are the definition's `by`, unless --by says otherwise.
  const by = options.by ?? Object.keys(segment).join(',');
  const unit = periodUnitOfLabel(options.period);
  const computed = await computeForCommand(files, { ...options, period: unit, by }, terminal, (job) => ({
    ...job,
    explain: { period: options.period, segment },
  }));
  const result = buildMetricResult(computed.partial, computed);
  const label = computed.calendar.label(computed.calendar.parse(options.period));
  const row = result.rows.find(
    (r) => r.period === label && Object.entries(segment).every(([name, value]) => r.segment[name] === value),
  );
  const zone = createTimeZoneOffsets(computed.definition.timeZone);
  const day = (ms: number) => formatDay(localDay(zone, ms));
  const { explanation } = computed;
  const metric = computed.definition.metric;
  const inNumerator = (c: ExplainedCustomer) =>
    metric === 'customer-cross-sell-rate' ? c.crossSell : c.upsell;
  const customers = [...explanation.customers].sort(
    (a, b) => Number(inNumerator(b)) - Number(inNumerator(a)),
  );
  const lines = metric === 'purchase-upsell-rate' ? explanation.lines : customers.flatMap((c) => c.lines);
  // Amounts in the file's currency units and times as wall time in the report's zone, as people read them.
  const lineOut = (l: ExplainedLine) => ({
    ...l,
    purchasedAt: formatLocalDateTime(l.purchasedAt, zone),
    amount: Number.isNaN(l.amount) ? null : l.amount / AMOUNT_SCALE,
    tier: Number.isNaN(l.tier) ? null : l.tier,
    file: files[l.file - 1],
  });

  if (options.format === 'json') {
    terminal.out(
      `${JSON.stringify(
        {
          metric,
          definition: result.definition,
          period: label,
          segment,
          row: row ?? null,
          customers:
            metric === 'purchase-upsell-rate'
              ? undefined
              : customers.slice(0, limit).map((c) => ({
                  ...c,
                  initialOrderAt: formatLocalDateTime(c.initialOrderAt, zone),
                  inNumerator: inNumerator(c),
                  lines: c.lines.map(lineOut),
                })),
          customersListed: metric === 'purchase-upsell-rate' ? undefined : Math.min(limit, customers.length),
          lines:
            metric === 'purchase-upsell-rate' ? explanation.lines.slice(0, limit).map(lineOut) : undefined,
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  if (options.format === 'csv') {
    const header = [
      'customer_id',
      'in_numerator',
      'file',
      'line',
      'purchased_at',
      'order_id',
      'product_id',
      'family',
      'tier',
      'amount',
      'quantity',
      'movement',
      'reason',
    ];
    const numeratorOf = new Map(customers.map((c) => [c.customerId, inNumerator(c)]));
    const listed =
      metric === 'purchase-upsell-rate'
        ? lines.slice(0, limit)
        : customers.slice(0, limit).flatMap((c) => c.lines);
    const out = listed.map((l: ExplainedLine) =>
      [
        l.customerId,
        metric === 'purchase-upsell-rate' ? l.movement === 'upsell' : numeratorOf.get(l.customerId),
        files[l.file - 1],
        l.line,
        formatLocalDateTime(l.purchasedAt, zone),
        l.orderId,
        l.productId,
        l.family,
        Number.isNaN(l.tier) ? '' : l.tier,
        Number.isNaN(l.amount) ? '' : formatAmount(l.amount),
        l.quantity,
        l.movement,
        l.reason,
      ]
        .map((v) => csvCell(v as string))
        .join(','),
    );
    terminal.out(`${[header.join(','), ...out].join('\n')}\n`);
    return EXIT.ok;
  }

  const segmentText = Object.entries(segment)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const where = `${label}${segmentText ? `, ${segmentText}` : ''}`;
  terminal.out(`${paint(terminal, 'bold', `${METRIC_NAMES[metric]}, ${where}`)}\n`);
  if (!row) {
    terminal.out('No row for this period and segment: no eligible customers (or no lines) there.\n');
    return EXIT.ok;
  }
  const noun = metric === 'purchase-upsell-rate' ? 'lines' : 'customers';
  terminal.out(
    `${row.numerator} of ${row.denominator} ${noun} in the numerator (${(row.rate * 100).toFixed(1)}%), rule ${result.definition.rule}\n\n`,
  );
  const describe = (l: ExplainedLine) =>
    `  ${files[l.file - 1]}:${l.line}  ${day(l.purchasedAt)}  ${l.productId}${l.orderId ? ` (order ${l.orderId})` : ''}  ${l.movement}: ${l.reason}`;
  if (metric === 'purchase-upsell-rate') {
    const shown = lines.filter((l) => l.movement === 'upsell').slice(0, limit);
    for (const l of shown) terminal.out(`${l.customerId}\n${describe(l)}\n`);
    const rest = row.numerator - shown.length;
    if (rest > 0) terminal.out(`... ${rest} more upsell lines (--limit all shows them)\n`);
    return EXIT.ok;
  }
  const shown = customers.slice(0, limit);
  for (const c of shown) {
    const mark = inNumerator(c) ? paint(terminal, 'green', 'numerator') : 'denominator only';
    terminal.out(`${c.customerId}  [${mark}]  initial order ${day(c.initialOrderAt)}\n`);
    for (const l of c.lines) terminal.out(`${describe(l)}\n`);
    if (c.lines.length === 0) terminal.out('  no purchases in this period\n');
  }
  if (customers.length > shown.length) {
    terminal.out(`... ${customers.length - shown.length} more customers (--limit all shows them)\n`);
  }
  return EXIT.ok;
}
