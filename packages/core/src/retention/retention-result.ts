import { z } from 'zod';
import type { Definition } from '../definition.ts';
import { checkReportedRange } from '../definition-rules.ts';
import { CUSTOMER_CELL as C, type EngineCell, type EngineCounters } from '../engine/engine-counters.ts';
import { RETENTION_CELL as R } from '../engine/retention-cells.ts';
import { UpsellError } from '../errors.ts';
import { AMOUNT_SCALE } from '../input/parse-decimal.ts';
import type { RowAccounting } from '../input/row-issue.ts';
import { PERIOD_UNITS, type PeriodCalendar } from '../time/period.ts';

/** A share of customers: its numerator, its denominator, and the rate (null over 0). */
export const RetentionRatioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
});
export type RetentionRatio = z.infer<typeof RetentionRatioSchema>;

/** Money per order or customer: revenue (currency units), its divisor, and the quotient (null over 0). */
export const RetentionAverageSchema = z.object({
  revenue: z.number(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});
export type RetentionAverage = z.infer<typeof RetentionAverageSchema>;

/** The retention KPIs of one period and customer segment (docs/metrics.md, "Retention KPIs"). */
export const RetentionRowSchema = z.object({
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  activeCustomers: z.number().int(),
  newCustomers: z.number().int(),
  orders: z.number().int(),
  /** Revenue of the period's lines; null without an amount column. */
  revenue: z.number().nullable(),
  /** Active customers with an order that is not their initial order / active customers. */
  repeatPurchaseRate: RetentionRatioSchema,
  /** Customers active in the previous period and in this one / active in the previous period. */
  retentionRate: RetentionRatioSchema,
  /** Customers who lapsed in the period / customers at risk; null when churn was not asked for. */
  churnRate: RetentionRatioSchema.nullable(),
  /** Revenue / orders; null without amounts. */
  averageOrderValue: RetentionAverageSchema.nullable(),
  /** Revenue / active customers; null without amounts. */
  revenuePerCustomer: RetentionAverageSchema.nullable(),
  /** Revenue up to the period's end / customers acquired up to it; null without amounts. */
  historicLifetimeValue: RetentionAverageSchema.nullable(),
});
export type RetentionRow = z.infer<typeof RetentionRowSchema>;

/** The retention KPIs of a purchase dataset, as `upsell retention --format json` and the API give them. */
export const RetentionResultSchema = z.object({
  definition: z.object({
    period: z.enum(PERIOD_UNITS),
    timeZone: z.string(),
    by: z.array(z.string()),
    from: z.string().optional(),
    to: z.string().optional(),
    inactiveAfterDays: z.number().int().nullable(),
  }),
  rows: z.array(RetentionRowSchema),
  input: z.object({ rows: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  customers: z.number().int(),
});
export type RetentionResult = z.infer<typeof RetentionResultSchema>;

/** Options of {@link buildRetentionResult}. */
export interface BuildRetentionResultOptions {
  definition: Pick<Definition, 'period' | 'by' | 'from' | 'to'>;
  calendar: PeriodCalendar;
  accounting: RowAccounting;
  /** Whether the input has an amount column (else every money KPI is null). */
  hasAmounts: boolean;
  /** The N the counters were counted with (churn after N days without an order); null for none. */
  inactiveAfterDays: number | null;
}

const round = (x: number, digits = 6) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const ratio = (numerator: number, denominator: number): RetentionRatio => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : round(numerator / denominator),
});

// Revenue is summed in AMOUNT_SCALE units (whole numbers, exact below 2^53), divided once here.
const average = (revenueUnits: number, denominator: number): RetentionAverage => ({
  revenue: revenueUnits / AMOUNT_SCALE,
  denominator,
  value: denominator === 0 ? null : round(revenueUnits / denominator / AMOUNT_SCALE, 4),
});

const bySegment = (cells: readonly EngineCell[]) => {
  const segments = new Map<string, Map<number, number[]>>();
  for (const cell of cells) {
    let periods = segments.get(cell.segment);
    if (!periods) segments.set(cell.segment, (periods = new Map()));
    periods.set(cell.period, cell.counts);
  }
  return segments;
};

/**
 * Turns an engine's counters (counted with `retention`) into the retention KPIs per period and
 * customer segment: repeat purchase rate, retention rate, churn by inactivity, average order
 * value, revenue per customer and historic lifetime value, each with its numerator and
 * denominator. Every period from the first order's to the last's gets a row per segment that has
 * acquired a customer by then; `from`/`to` only trim what is reported (the cumulative numbers
 * still start at the first period).
 *
 * @example
 * buildRetentionResult(run.finish().counters, { definition, calendar, accounting, hasAmounts: true, inactiveAfterDays: 90 }).rows[0].retentionRate.rate // 0.5
 */
export function buildRetentionResult(
  counters: EngineCounters,
  options: BuildRetentionResultOptions,
): RetentionResult {
  const { definition, calendar, accounting, hasAmounts, inactiveAfterDays } = options;
  if (counters.retentionCells === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      'buildRetentionResult: the counters were counted without retention',
    );
  }
  const from = definition.from === undefined ? Number.NEGATIVE_INFINITY : calendar.parse(definition.from);
  const to = definition.to === undefined ? Number.POSITIVE_INFINITY : calendar.parse(definition.to);
  checkReportedRange(definition, from, to);
  const customerCells = bySegment(counters.customerCells);
  const retentionCells = bySegment(counters.retentionCells);
  const rows: (RetentionRow & { index: number; key: string })[] = [];
  if (counters.periods !== null) {
    const [first, last] = counters.periods;
    for (const [key, periods] of customerCells) {
      const retention = retentionCells.get(key) ?? new Map<number, number[]>();
      // Lapses are dated after an order, so live-customer deltas may start before the first period.
      let live = 0;
      for (const [period, counts] of retention) if (period < first) live += counts[R.liveDelta]!;
      let acquiredSoFar = 0;
      let revenueSoFar = 0;
      for (let period = first; period <= last; period++) {
        const c = periods.get(period);
        const r = retention.get(period);
        const active = c?.[C.active] ?? 0;
        const acquired = c?.[C.acquired] ?? 0;
        const revenue = r?.[R.revenue] ?? 0;
        live += r?.[R.liveDelta] ?? 0;
        acquiredSoFar += acquired;
        revenueSoFar += revenue;
        if (acquiredSoFar === 0 || period < from || period > to) continue;
        const orders = r?.[R.orders] ?? 0;
        const values = counters.segments[key] ?? [];
        rows.push({
          index: period,
          key,
          period: calendar.label(period),
          segment: Object.fromEntries(definition.by.map((name, i) => [name, values[i] ?? ''])),
          activeCustomers: active,
          newCustomers: acquired,
          orders,
          revenue: hasAmounts ? revenue / AMOUNT_SCALE : null,
          repeatPurchaseRate: ratio(r?.[R.repeatCustomers] ?? 0, active),
          retentionRate: ratio(r?.[R.retainedCustomers] ?? 0, periods.get(period - 1)?.[C.active] ?? 0),
          churnRate:
            inactiveAfterDays === null
              ? null
              : ratio(r?.[R.churnedCustomers] ?? 0, live + (r?.[R.activeNotLive] ?? 0)),
          averageOrderValue: hasAmounts ? average(revenue, orders) : null,
          revenuePerCustomer: hasAmounts ? average(revenue, active) : null,
          historicLifetimeValue: hasAmounts ? average(revenueSoFar, acquiredSoFar) : null,
        });
      }
    }
  }
  rows.sort((a, b) => a.index - b.index || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shown: RetentionResult['definition'] = {
    period: definition.period,
    timeZone: calendar.timeZone,
    by: [...definition.by],
    inactiveAfterDays,
  };
  if (definition.from !== undefined) shown.from = definition.from;
  if (definition.to !== undefined) shown.to = definition.to;
  return {
    definition: shown,
    rows: rows.map(({ index: _index, key: _key, ...row }) => row),
    input: { rows: accounting.rows, accepted: accounting.accepted, rejected: accounting.rejected },
    customers: counters.customers,
  };
}
