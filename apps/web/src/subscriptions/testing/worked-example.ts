import type {
  CohortReport,
  MetricResult,
  MetricRow,
  MrrByCause,
  MrrMovementsResult,
  MrrMovementsRow,
  SubscriptionDrillDown,
} from '@upsell/core';
import { bridgeRow, workedExampleBridge } from '@upsell/test-support/worked-example';
import type { DatasetSummary } from '../../dashboard/api-types.ts';
import { metricRow, SHOP } from '../../dashboard/testing/fixtures.ts';

/**
 * The worked example of SUBSCRIPTIONS.md (monthly, UTC, USD): its bridge as worked by hand once
 * for every package (`@upsell/test-support/worked-example`), and what the API answers about it.
 */
export { bridgeRow } from '@upsell/test-support/worked-example';

const NO_CAUSE: MrrByCause = { upgrade: 0, downgrade: 0, add_on: 0, cancellation: 0, quantity: 0, price: 0 };

export const WORKED_EXAMPLE_ROWS: MrrMovementsRow[] = workedExampleBridge().rows;

/** `metric.movements` of the worked example, all customers. */
export const WORKED_EXAMPLE_MOVEMENTS: MrrMovementsResult = {
  metric: 'mrr-movements',
  definition: { period: 'month', timeZone: 'UTC', currency: 'USD', by: [] },
  rows: WORKED_EXAMPLE_ROWS,
  input: { rows: 8, accepted: 8, rejected: 0 },
};

/**
 * March by a region worked by hand (A and B in EU, C and D in US): EU 20 -> 40 (A's upgrade),
 * US 10 -> 35 (C's seats and add-on); the two add up to the total row.
 */
export const MARCH_BY_REGION: MrrMovementsResult = {
  metric: 'mrr-movements',
  definition: { period: 'month', timeZone: 'UTC', currency: 'USD', by: ['region'] },
  rows: [
    bridgeRow('2024-03', {
      segment: { region: 'EU' },
      mrr_start: 20,
      expansion: 20,
      mrr_end: 40,
      expansion_by_cause: { ...NO_CAUSE, upgrade: 20 },
      customers_start: 2,
      customers_end: 2,
      nrr: 2,
      grr: 1,
      logo_retention: 1,
      arpa: 20,
    }),
    bridgeRow('2024-03', {
      segment: { region: 'US' },
      mrr_start: 10,
      expansion: 25,
      mrr_end: 35,
      expansion_by_cause: { ...NO_CAUSE, add_on: 5, quantity: 20 },
      customers_start: 1,
      customers_end: 1,
      nrr: 3.5,
      grr: 1,
      logo_retention: 1,
      arpa: 35,
    }),
  ],
  input: { rows: 8, accepted: 8, rejected: 0 },
};

const benchmark = (rate: number) => ({
  industry: 'saas' as const,
  source: 'Gartner',
  rate: 0.25,
  difference: rate - 0.25,
});
const rateRow = (period: string, numerator: number, denominator: number): MetricRow => {
  const row = metricRow(period, numerator, denominator);
  return { ...row, benchmark: benchmark(row.rate) };
};

/** The subscription upsell rate (existing subscribers, expansion rule): 0/3, 2/3, 0/3, 0/2. */
export const WORKED_EXAMPLE_RATE: MetricResult = {
  metric: 'subscription-upsell-rate',
  definition: { rule: 'expansion', eligible: 'existing', period: 'month', timeZone: 'UTC', by: [] },
  rows: [
    rateRow('2024-02', 0, 3),
    rateRow('2024-03', 2, 3),
    rateRow('2024-04', 0, 3),
    rateRow('2024-05', 0, 2),
  ],
  input: { rows: 8, accepted: 8, rejected: 0 },
  customers: 4,
};

/** The upgrade rate: March is 1/3 (A only). */
export const WORKED_EXAMPLE_UPGRADE_RATE: MetricResult = {
  ...WORKED_EXAMPLE_RATE,
  definition: { ...WORKED_EXAMPLE_RATE.definition, rule: 'upgrade' },
  rows: [
    rateRow('2024-02', 0, 3),
    rateRow('2024-03', 1, 3),
    rateRow('2024-04', 0, 3),
    rateRow('2024-05', 0, 2),
  ],
};

/**
 * The subscription upsell rate of February and March by region, A and B in EU, C and D in US:
 * February EU 0/2 (A, B), US 0/1 (D; C only started on 1 February); March EU 1/2 (A upgraded),
 * US 1/1 (C grew; D left in February). Overall 0/3 to 2/3: each region adds 33.3 points of rate
 * effect, and their shares (2/3, 1/3) did not move.
 */
export const FEB_MARCH_RATE_BY_REGION: MetricResult = {
  ...WORKED_EXAMPLE_RATE,
  definition: { ...WORKED_EXAMPLE_RATE.definition, by: ['region'] },
  rows: [
    { ...rateRow('2024-02', 0, 2), segment: { region: 'EU' } },
    { ...rateRow('2024-02', 0, 1), segment: { region: 'US' } },
    { ...rateRow('2024-03', 1, 2), segment: { region: 'EU' } },
    { ...rateRow('2024-03', 1, 1), segment: { region: 'US' } },
  ],
};

/**
 * `metric.cohorts` of the worked example (monthly, expansion rule), worked by hand. January's
 * cohort is A, B and D ($10 each, B's $120 a year as $10 a month): at the ends of January to May
 * A 10, 10, 30 (upgraded to pro on 10 March), 30, 30; B 10 until it ended on 1 April; D 10 until
 * 10 February and again from 1 May. So MRR 30, 20, 40, 30, 40 of 30 started; capped at each
 * customer's start (A's 30 counts 10) 30, 20, 20, 10, 20; subscribers 3, 2, 2, 1, 2; upsold A in
 * March (+2). February's cohort is C: 10, then from 15 March three seats and an add-on, 35
 * (NRR 350%), upsold in March (+1). Days to first upsell: C 43 (1 Feb to 15 Mar), A 65 (5 Jan
 * to 10 Mar); B (102 days to 1 May, the data's last date) and D (112) are not upsold yet.
 */
export const WORKED_EXAMPLE_COHORTS: CohortReport = {
  period: 'month',
  timeZone: 'UTC',
  by: [],
  asOf: '2024-05-01',
  periodsSince: 5,
  currency: 'USD',
  cohorts: [
    {
      cohort: '2024-01',
      customers: 3,
      upsold: [0, 0, 1, 1, 1],
      share: [0, 0, 1 / 3, 1 / 3, 1 / 3],
      revenue: {
        startingMrr: 30,
        mrr: [30, 20, 40, 30, 40],
        nrr: [1, 0.666667, 1.333333, 1, 1.333333],
        grossMrr: [30, 20, 20, 10, 20],
        grr: [1, 0.666667, 0.666667, 0.333333, 0.666667],
        subscribers: [3, 2, 2, 1, 2],
        logoRetention: [1, 0.666667, 0.666667, 0.333333, 0.666667],
      },
    },
    {
      cohort: '2024-02',
      customers: 1,
      upsold: [0, 1, 1, 1],
      share: [0, 1, 1, 1],
      revenue: {
        startingMrr: 10,
        mrr: [10, 35, 35, 35],
        nrr: [1, 3.5, 3.5, 3.5],
        grossMrr: [10, 10, 10, 10],
        grr: [1, 1, 1, 1],
        subscribers: [1, 1, 1, 1],
        logoRetention: [1, 1, 1, 1],
      },
    },
  ],
  timeToFirstUpsell: [
    {
      segment: {},
      subjects: 4,
      events: 2,
      censored: 2,
      curve: [
        { time: 43, atRisk: 4, events: 1, censored: 0, survival: 0.75 },
        { time: 65, atRisk: 3, events: 1, censored: 0, survival: 0.5 },
        { time: 102, atRisk: 2, events: 0, censored: 1, survival: 0.5 },
        { time: 112, atRisk: 1, events: 0, censored: 1, survival: 0.5 },
      ],
      q1: 43,
      median: 65,
      q3: null,
    },
  ],
};

/** March's expansion explained: A's upgrade and C's seats and add-on, 45.00 in all. */
export const MARCH_EXPANSION: SubscriptionDrillDown = {
  period: '2024-03',
  segment: {},
  figure: 'expansion',
  value: 45,
  total: 2,
  offset: 0,
  customers: [
    {
      customerId: 'A',
      segment: [],
      mrrStart: 10,
      mrrEnd: 30,
      eligible: true,
      qualifying: true,
      movements: [
        {
          date: '2024-03-10',
          kind: 'expansion',
          value: 20,
          mrrBefore: 10,
          mrrAfter: 30,
          parts: [
            {
              subscriptionId: 'a1',
              cause: 'upgrade',
              value: 20,
              reason: 'plan basic -> pro (tier 1 -> 2): +20.00 MRR, upgrade',
            },
          ],
          reason: 'plan basic -> pro (tier 1 -> 2) on 2024-03-10: +20.00 MRR, upgrade',
        },
      ],
    },
    {
      customerId: 'C',
      segment: [],
      mrrStart: 10,
      mrrEnd: 35,
      eligible: true,
      qualifying: true,
      movements: [
        {
          date: '2024-03-15',
          kind: 'expansion',
          value: 25,
          mrrBefore: 10,
          mrrAfter: 35,
          parts: [
            {
              subscriptionId: 'c1',
              cause: 'quantity',
              value: 20,
              reason: 'quantity 1 -> 3 of basic: +20.00 MRR, quantity',
            },
            { subscriptionId: 'c2', cause: 'add_on', value: 5, reason: 'addon started: +5.00 MRR, add_on' },
          ],
          reason: 'quantity 1 -> 3 of basic and addon started on 2024-03-15: +25.00 MRR, quantity and add_on',
        },
      ],
    },
  ],
};

/** April's churn: B's yearly plan ended, 10.00. */
export const APRIL_CHURN: SubscriptionDrillDown = {
  period: '2024-04',
  segment: {},
  figure: 'churn',
  value: 10,
  total: 1,
  offset: 0,
  customers: [
    {
      customerId: 'B',
      segment: [],
      mrrStart: 10,
      mrrEnd: 0,
      eligible: true,
      qualifying: false,
      movements: [
        {
          date: '2024-04-01',
          kind: 'churn',
          value: -10,
          mrrBefore: 10,
          mrrAfter: 0,
          parts: [{ subscriptionId: 'b1', cause: null, value: -10, reason: 'b1 ended: -10.00 MRR' }],
          reason: 'b1 ended on 2024-04-01: -10.00 MRR, churn',
        },
      ],
    },
  ],
};

/** A subscription dataset's summary, as `dataset.byId` gives it once it has a kind. */
export const SAAS: DatasetSummary = {
  ...SHOP,
  id: 'ds_2',
  name: 'saas',
  rows: 8,
  accepted: 8,
  rejected: 0,
  customers: 4,
  columns: [
    'customer_id',
    'subscription_id',
    'plan_id',
    'tier',
    'starts_at',
    'ends_at',
    'amount',
    'interval',
    'quantity',
  ],
  dateRange: { first: '2024-01-05T00:00:00.000Z', last: '2024-05-01T00:00:00.000Z' },
  currency: 'USD',
  dimensions: [{ name: 'region', from: 'customer', values: ['EU', 'US'], more: false }],
  kind: 'subscriptions',
};
