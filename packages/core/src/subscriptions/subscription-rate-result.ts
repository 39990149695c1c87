import type { Definition } from '../definition.ts';
import type { RowAccounting } from '../input/row-issue.ts';
import { buildRateResult, type MetricResult, type RateCount } from '../metric-result.ts';
import type { PeriodCalendar } from '../time/period.ts';
import {
  SUBSCRIPTION_COUNT as N,
  type SubscriptionCounters,
  subscriptionFigures,
} from './subscription-counters.ts';

/** Options of {@link buildSubscriptionRateResult}. */
export interface BuildSubscriptionRateResultOptions {
  definition: Definition;
  calendar: PeriodCalendar;
  accounting: RowAccounting;
}

/**
 * The subscription upsell rate (the upgrade rate under rule `upgrade`) as a normal
 * {@link MetricResult}: per period and segment with eligible customers, eligible customers with a
 * qualifying movement over eligible customers, with the purchase rates' Wilson interval, band,
 * change, target, and the industry benchmark under rule `expansion` (the upsell rate itself).
 * Eligibility and rule are the counters' own (the engine counted by them).
 *
 * @example
 * buildSubscriptionRateResult(engine.finish(), { definition, calendar, accounting }).rows[1].rate // 0.666667
 */
export function buildSubscriptionRateResult(
  counters: SubscriptionCounters,
  options: BuildSubscriptionRateResultOptions,
): MetricResult {
  const counts: RateCount[] = [];
  for (const f of subscriptionFigures(counters)) {
    const denominator =
      counters.eligible === 'existing'
        ? f.customersStart
        : counters.eligible === 'active'
          ? f.active
          : f.started;
    if (denominator === 0) continue;
    counts.push({
      period: f.period,
      key: f.key,
      numerator: f.counts[N.qualifying]!,
      denominator,
      revenue: 0,
      upsellRevenue: 0,
    });
  }
  return buildRateResult(counts, {
    definition: { ...options.definition, metric: 'subscription-upsell-rate', eligible: counters.eligible },
    rule: counters.rule,
    calendar: options.calendar,
    accounting: options.accounting,
    hasAmounts: false,
    segments: counters.segments,
    customers: counters.customers,
    benchmark: counters.rule === 'expansion',
  });
}
