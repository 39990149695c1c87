import type { Definition } from './definition.ts';
import type { ExplainedCustomer, ExplainedLine, Explanation } from './engine/explanation.ts';
import type { Movement } from './engine/movement.ts';
import { AMOUNT_SCALE } from './input/parse-decimal.ts';
import type { MetricResult, MetricRow } from './metric-result.ts';
import { formatLocalDateTime } from './time/format-local-date-time.ts';
import { createTimeZoneOffsets } from './time/time-zone.ts';

/** One line behind a row, as people read it. */
export interface DrillDownLine {
  customerId: string;
  /** The file's name (as the user knows it) and line. */
  file: string;
  line: number;
  /** ISO 8601 wall time in the definition's zone with its offset, e.g. `2024-03-07T10:05:00+01:00`. */
  purchasedAt: string;
  orderId?: string;
  productId: string;
  family: string;
  tier: number | null;
  /** In the file's currency units; null without amounts. */
  amount: number | null;
  quantity: number;
  movement: Movement;
  reason: string;
}

/** One customer behind a customer rate's row. */
export interface DrillDownCustomer {
  customerId: string;
  /** The customer's initial order, ISO 8601 wall time in the definition's zone. */
  initialOrderAt: string;
  segment: string[];
  upsell: boolean;
  crossSell: boolean;
  /** In the row's numerator: an upsell (a cross-sell for the cross-sell rate) in the period. */
  inNumerator: boolean;
  /** The customer's lines in the period, in order. */
  lines: DrillDownLine[];
}

/**
 * The customers behind one row of a customer rate (numerator first), or the lines behind a
 * purchase up-sell rate's row, one page of them: `upsell customers --format json` and the API's
 * `metric.customers`.
 */
export interface DrillDown {
  metric: MetricResult['metric'];
  definition: MetricResult['definition'];
  period: string;
  segment: Record<string, string>;
  /** The row itself, or null when the period and segment have none. */
  row: MetricRow | null;
  /** Customers (lines for the purchase up-sell rate) matching the search, before paging. */
  total: number;
  offset: number;
  customers?: DrillDownCustomer[];
  lines?: DrillDownLine[];
}

/** What {@link buildDrillDown} reads. */
export interface DrillDownInput {
  definition: Definition;
  /** The result over the same data and definition (for the row). */
  result: MetricResult;
  explanation: Explanation;
  /** The row's period label and segment values. */
  period: string;
  segment: Record<string, string>;
  /** Names of the input files, by the run's file number - 1. */
  files: readonly string[];
}

/** Which page of a drill-down, and a search within it. */
export interface DrillDownPage {
  offset?: number;
  /** Default: all. */
  limit?: number;
  /** Keeps customers (lines) whose customer id, or a line's product or order id, contains it (any case). */
  search?: string;
}

/**
 * Turns an explanation into a {@link DrillDown}: times as wall time in the definition's zone,
 * amounts in currency units, files by name; customers in the numerator first (the purchase
 * up-sell rate's upsell lines first), so that every page of a long list starts with them.
 *
 * @example
 * buildDrillDown({ definition, result, explanation, period: '2024-Q1', segment: {}, files: ['q1.csv'] }, { limit: 20 })
 */
export function buildDrillDown(input: DrillDownInput, page: DrillDownPage = {}): DrillDown {
  const { definition, result, explanation, period, segment, files } = input;
  const zone = createTimeZoneOffsets(definition.timeZone);
  const metric = definition.metric;
  const offset = page.offset ?? 0;
  const limit = page.limit ?? Number.POSITIVE_INFINITY;
  const needle = page.search?.trim().toLowerCase() ?? '';
  const lineMatches = (l: ExplainedLine) =>
    l.customerId.toLowerCase().includes(needle) ||
    l.productId.toLowerCase().includes(needle) ||
    (l.orderId ?? '').toLowerCase().includes(needle);
  const row =
    result.rows.find(
      (r) =>
        r.period === period &&
        Object.keys(r.segment).length === Object.keys(segment).length &&
        Object.entries(segment).every(([name, value]) => r.segment[name] === value),
    ) ?? null;
  const lineOut = (l: ExplainedLine): DrillDownLine => {
    const out: DrillDownLine = {
      customerId: l.customerId,
      file: files[l.file - 1] ?? `file ${l.file}`,
      line: l.line,
      purchasedAt: formatLocalDateTime(l.purchasedAt, zone),
      productId: l.productId,
      family: l.family,
      tier: Number.isNaN(l.tier) ? null : l.tier,
      amount: Number.isNaN(l.amount) ? null : l.amount / AMOUNT_SCALE,
      quantity: l.quantity,
      movement: l.movement,
      reason: l.reason,
    };
    if (l.orderId !== undefined) out.orderId = l.orderId;
    return out;
  };
  const base = { metric, definition: result.definition, period, segment, row, offset };
  if (metric === 'purchase-upsell-rate') {
    // The numerator's lines first (upsells), each group in its order: paging starts with them.
    const matching = needle ? explanation.lines.filter(lineMatches) : explanation.lines;
    const lines = [
      ...matching.filter((l) => l.movement === 'upsell'),
      ...matching.filter((l) => l.movement !== 'upsell'),
    ];
    return { ...base, total: lines.length, lines: lines.slice(offset, offset + limit).map(lineOut) };
  }
  const inNumerator = (c: ExplainedCustomer) =>
    metric === 'customer-cross-sell-rate' ? c.crossSell : c.upsell;
  const customers = [...explanation.customers]
    .sort((a, b) => Number(inNumerator(b)) - Number(inNumerator(a)))
    .filter((c) => !needle || c.customerId.toLowerCase().includes(needle) || c.lines.some(lineMatches));
  return {
    ...base,
    total: customers.length,
    customers: customers.slice(offset, offset + limit).map((c) => ({
      customerId: c.customerId,
      initialOrderAt: formatLocalDateTime(c.initialOrderAt, zone),
      segment: c.segment,
      upsell: c.upsell,
      crossSell: c.crossSell,
      inNumerator: inNumerator(c),
      lines: c.lines.map(lineOut),
    })),
  };
}
