import {
  AMOUNT_SCALE,
  buildDrillDown,
  buildMetricResult,
  buildSubscriptionDrillDown,
  type DrillDown,
  type DrillDownLine,
  formatAmount,
  isSubscriptionMetric,
  periodUnitOfLabel,
  type SubscriptionDrillDown,
  type SubscriptionDrillFigure,
  UpsellError,
} from '@upsell/core';
import { csvCell } from '@upsell/csv';
import { computeSubscriptionsForCommand } from '../compute/subscriptions-for-command.ts';
import { computeForCommand } from '../compute-for-command.ts';
import { type DefinitionOptions, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { fetchDrillDown, fetchSubscriptionDrillDown } from '../remote/fetch-drill-down.ts';
import {
  type MetricSource,
  metricSourceOf,
  optionsForDataset,
  type SourceOptions,
} from '../remote/metric-source.ts';
import { METRIC_NAMES } from '../reporters/describe-definition.ts';
import {
  subscriptionDrillDownCsv,
  subscriptionDrillDownJson,
  subscriptionDrillDownTable,
} from '../reporters/subscription-drill-down-reporters.ts';
import { paint, type Terminal } from '../terminal.ts';
import {
  type WarehouseOptions,
  type WarehouseTarget,
  warehouseTargetOf,
} from '../warehouse/warehouse-flags.ts';
import { optionsForKind, refusePurchaseOnlyOptions } from './subscription-rate.ts';

/** Options of `upsell customers`. */
export interface CustomersOptions extends Omit<DefinitionOptions, 'period'>, SourceOptions, WarehouseOptions {
  /** A period label; its form gives the unit (2024-Q1 is a quarter). */
  period: string;
  segment: string[];
  /** How many customers (or lines) to list: a number or `all`; default 20 in the table, all in JSON and CSV. */
  limit?: string;
  format: 'table' | 'json' | 'csv';
  /** Subscription history: the bridge figure or rate count to list the customers of; default eligible. */
  figure?: SubscriptionDrillFigure;
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

/** The --limit option as a number (Infinity for all): default 20 in the table, all in JSON and CSV. */
export function limitOf(options: { limit?: string; format: string }): number {
  const wanted = options.limit ?? (options.format === 'table' ? '20' : 'all');
  const limit = wanted === 'all' ? Number.POSITIVE_INFINITY : Number(wanted);
  if (!(limit >= 0))
    throw new UpsellError('INVALID_ARGUMENT', `--limit "${options.limit}": give a number or "all"`);
  return limit;
}

/** The drill-down of the files read here, with the first `limit` customers (or lines). */
async function drillDownOfFiles(
  files: readonly string[],
  options: CustomersOptions,
  segment: Record<string, string>,
  limit: number,
  terminal: Terminal,
): Promise<DrillDown> {
  const definitionOptions = { ...options, ...rowDefinitionOptions(options, segment) };
  const computed = await computeForCommand(files, definitionOptions, terminal, (job) => ({
    ...job,
    explain: { period: options.period, segment },
  }));
  const result = buildMetricResult(computed.counters, computed);
  const period = computed.calendar.label(computed.calendar.parse(options.period));
  return buildDrillDown(
    { definition: computed.definition, result, explanation: computed.explanation, period, segment, files },
    limit === Number.POSITIVE_INFINITY ? {} : { limit },
  );
}

/** The period unit of the row's label, and the segment's columns as `by` unless --by says otherwise. */
function rowDefinitionOptions(options: CustomersOptions, segment: Record<string, string>) {
  return { period: periodUnitOfLabel(options.period), by: options.by ?? Object.keys(segment).join(',') };
}

/**
 * `upsell customers <files...> --period <label>`, `upsell customers --dataset <name> --period
 * <label>` or `upsell customers --source <url> --table <name> --period <label>` (and Parquet
 * files): the customers and lines behind one row.
 */
export async function customersCommand(
  files: readonly string[],
  options: CustomersOptions,
  terminal: Terminal,
): Promise<number> {
  const segment = parseSegment(options.segment);
  const limit = limitOf(options);
  const target = warehouseTargetOf(files, options);
  const source: MetricSource | { kind: 'warehouse'; target: WarehouseTarget } =
    target === undefined ? metricSourceOf(files, options) : { kind: 'warehouse', target };
  const fitted =
    source.kind === 'warehouse'
      ? { options }
      : source.kind === 'files'
        ? await optionsForKind(source.files, options)
        : { options: await optionsForDataset(source, options) };
  if (isSubscriptionMetric(fitted.options.metric)) {
    if (source.kind === 'warehouse') {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        'subscription history is not read from SQL sources or Parquet yet: give the files, or --dataset',
      );
    }
    const drillDown = await subscriptionDrillDownOf(source, fitted.options, segment, limit, terminal);
    renderSubscriptionDrillDown(drillDown, options.format, limit, terminal);
    return EXIT.ok;
  }
  if (options.figure !== undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      '--figure chooses a figure of subscription history (new, expansion, churn, ...): purchase lines list the customers of the rate',
    );
  }
  // The table lists upsell lines of a purchase up-sell rate: it takes them all and shows the first.
  const fetched =
    options.format === 'table' && options.metric === 'purchase-upsell-rate'
      ? Number.POSITIVE_INFINITY
      : limit;
  let drillDown: DrillDown;
  if (source.kind === 'warehouse') {
    const { warehouseDrillDownOf } = await import('../warehouse/warehouse-metric.ts');
    const definition = definitionFromOptions({ ...options, ...rowDefinitionOptions(options, segment) });
    drillDown = await warehouseDrillDownOf(
      source.target,
      options,
      definition,
      { period: options.period, segment, limit: fetched },
      terminal,
    );
  } else if (source.kind === 'files') {
    drillDown = await drillDownOfFiles(source.files, options, segment, fetched, terminal);
  } else {
    const { period: _unit, ...definition } = definitionFromOptions({
      ...options,
      ...rowDefinitionOptions(options, segment),
    });
    drillDown = await fetchDrillDown(source, { definition, period: options.period, segment }, fetched);
  }
  renderDrillDown(drillDown, options.format, limit, terminal);
  return EXIT.ok;
}

/**
 * The customers and movements behind one figure of subscription history: read here with the
 * figure gathered as the run goes, or asked of the dataset's server.
 */
async function subscriptionDrillDownOf(
  source: MetricSource,
  options: CustomersOptions,
  segment: Record<string, string>,
  limit: number,
  terminal: Terminal,
): Promise<SubscriptionDrillDown> {
  const figure = options.figure ?? 'eligible';
  const { period: _unit, ...definition } = definitionFromOptions({
    ...options,
    ...rowDefinitionOptions(options, segment),
  });
  const page = limit === Number.POSITIVE_INFINITY ? {} : { limit };
  refusePurchaseOnlyOptions(options);
  if (source.kind === 'dataset') {
    return fetchSubscriptionDrillDown(source, { definition, period: options.period, segment, figure }, limit);
  }
  const { output } = await computeSubscriptionsForCommand(
    source.files,
    options,
    { ...definition, period: periodUnitOfLabel(options.period) },
    terminal,
    { explain: { period: options.period, segment, figure } },
  );
  if (output.explanation === undefined) {
    throw new UpsellError('INVALID_ARGUMENT', `--period ${options.period}: no such period in the history`);
  }
  return buildSubscriptionDrillDown(output.explanation, output, page);
}

/** Prints a subscription drill-down (computed here or by a server) as a table, JSON or CSV. */
export function renderSubscriptionDrillDown(
  drillDown: SubscriptionDrillDown,
  format: 'table' | 'json' | 'csv',
  limit: number,
  terminal: Terminal,
): void {
  if (format === 'json') terminal.out(subscriptionDrillDownJson(drillDown, terminal));
  else if (format === 'csv') terminal.out(subscriptionDrillDownCsv(drillDown, terminal));
  else terminal.out(subscriptionDrillDownTable(drillDown, terminal, limit));
}

/** Prints a drill-down (computed here or by a server) as a table, JSON or CSV. */
export function renderDrillDown(
  drillDown: DrillDown,
  format: 'table' | 'json' | 'csv',
  limit: number,
  terminal: Terminal,
): void {
  const { metric, row, segment, period } = drillDown;
  const customers = drillDown.customers ?? [];
  const lines = drillDown.lines ?? customers.flatMap((c) => c.lines);
  if (format === 'json') {
    terminal.out(`${JSON.stringify(drillDown, null, 2)}\n`);
    return;
  }
  if (format === 'csv') {
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
    const numeratorOf = new Map(customers.map((c) => [c.customerId, c.inNumerator]));
    const out = lines.map((l: DrillDownLine) =>
      [
        l.customerId,
        metric === 'purchase-upsell-rate' ? l.movement === 'upsell' : numeratorOf.get(l.customerId),
        l.file,
        l.line,
        l.purchasedAt,
        l.orderId,
        l.productId,
        l.family,
        l.tier ?? '',
        l.amount === null ? '' : formatAmount(Math.round(l.amount * AMOUNT_SCALE)),
        l.quantity,
        l.movement,
        l.reason,
      ]
        .map((v) => csvCell(v as string))
        .join(','),
    );
    terminal.out(`${[header.join(','), ...out].join('\n')}\n`);
    return;
  }

  const segmentText = Object.entries(segment)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const where = `${period}${segmentText ? `, ${segmentText}` : ''}`;
  terminal.out(`${paint(terminal, 'bold', `${METRIC_NAMES[metric]}, ${where}`)}\n`);
  if (!row) {
    terminal.out('No row for this period and segment: no eligible customers (or no lines) there.\n');
    return;
  }
  const noun = metric === 'purchase-upsell-rate' ? 'lines' : 'customers';
  terminal.out(
    `${row.numerator} of ${row.denominator} ${noun} in the numerator (${(row.rate * 100).toFixed(1)}%), rule ${drillDown.definition.rule}\n\n`,
  );
  const day = (time: string) => time.slice(0, 10);
  const describe = (l: DrillDownLine) =>
    `  ${l.file}:${l.line}  ${day(l.purchasedAt)}  ${l.productId}${l.orderId ? ` (order ${l.orderId})` : ''}  ${l.movement}: ${l.reason}`;
  if (metric === 'purchase-upsell-rate') {
    const shown = lines.filter((l) => l.movement === 'upsell').slice(0, limit);
    for (const l of shown) terminal.out(`${l.customerId}\n${describe(l)}\n`);
    const rest = row.numerator - shown.length;
    if (rest > 0) terminal.out(`... ${rest} more upsell lines (--limit all shows them)\n`);
    return;
  }
  for (const c of customers) {
    const mark = c.inNumerator ? paint(terminal, 'green', 'numerator') : 'denominator only';
    terminal.out(`${c.customerId}  [${mark}]  initial order ${day(c.initialOrderAt)}\n`);
    for (const l of c.lines) terminal.out(`${describe(l)}\n`);
    if (c.lines.length === 0) terminal.out('  no purchases in this period\n');
  }
  const more = drillDown.total - drillDown.offset - customers.length;
  if (more > 0) terminal.out(`... ${more} more customers (--limit all shows them)\n`);
}
