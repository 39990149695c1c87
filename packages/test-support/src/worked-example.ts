/**
 * The monthly bridge of the worked example of SUBSCRIPTIONS.md (UTC, USD), worked by hand from
 * its table once, for every package's tests (the core's run, the CLI's output, the admin UI's
 * fixtures): A upgrades basic -> pro on 2024-03-10 (+20), B's yearly 120.00 (10.00 MRR) ends on
 * 2024-04-01, C starts on 2024-02-01 and on 2024-03-15 takes 3 seats at 30.00 (+20) and an add-on
 * at 5.00 (+5), D leaves on 2024-02-10 and comes back on 2024-05-01. Ratios are rounded to 6
 * decimals (20/30 as 0.666667), as the core's JSON has them.
 *
 * Plain data, typed by its shape: this package depends on no workspace package, and a
 * `MrrMovementsRow` of `@upsell/core` takes these rows as they are.
 */

/** Money moved by cause (an expansion's or a contraction's parts). */
export interface WorkedExampleByCause {
  upgrade: number;
  downgrade: number;
  add_on: number;
  cancellation: number;
  quantity: number;
  price: number;
}

/** One row of the bridge, as the spec's JSON writes it. */
export interface WorkedExampleBridgeRow {
  period: string;
  segment: Record<string, string>;
  mrr_start: number;
  new: number;
  reactivation: number;
  expansion: number;
  contraction: number;
  churn: number;
  mrr_end: number;
  expansion_by_cause: WorkedExampleByCause;
  contraction_by_cause: WorkedExampleByCause;
  customers_start: number;
  customers_end: number;
  new_customers: number;
  churned_customers: number;
  reactivated_customers: number;
  nrr: number | null;
  grr: number | null;
  logo_retention: number | null;
  arpa: number | null;
  quick_ratio: number | null;
}

const NO_CAUSE: WorkedExampleByCause = {
  upgrade: 0,
  downgrade: 0,
  add_on: 0,
  cancellation: 0,
  quantity: 0,
  price: 0,
};

/**
 * A bridge row: zeros and absent ratios, then the figures given.
 *
 * @example
 * bridgeRow('2024-01', { new: 30, mrr_end: 30 }).churn // 0
 */
export function bridgeRow(
  period: string,
  figures: Partial<WorkedExampleBridgeRow> = {},
): WorkedExampleBridgeRow {
  return {
    period,
    segment: {},
    mrr_start: 0,
    new: 0,
    reactivation: 0,
    expansion: 0,
    contraction: 0,
    churn: 0,
    mrr_end: 0,
    expansion_by_cause: NO_CAUSE,
    contraction_by_cause: NO_CAUSE,
    customers_start: 0,
    customers_end: 0,
    new_customers: 0,
    churned_customers: 0,
    reactivated_customers: 0,
    nrr: null,
    grr: null,
    logo_retention: null,
    arpa: null,
    quick_ratio: null,
    ...figures,
  };
}

/** The bridge's five months, January to May 2024, all customers: fresh rows each call. */
const bridgeRows = (): WorkedExampleBridgeRow[] => [
  bridgeRow('2024-01', { new: 30, mrr_end: 30, customers_end: 3, new_customers: 3, arpa: 10 }),
  bridgeRow('2024-02', {
    mrr_start: 30,
    new: 10,
    churn: 10,
    mrr_end: 30,
    customers_start: 3,
    customers_end: 3,
    new_customers: 1,
    churned_customers: 1,
    nrr: 0.666667,
    grr: 0.666667,
    logo_retention: 0.666667,
    arpa: 10,
    quick_ratio: 1,
  }),
  bridgeRow('2024-03', {
    mrr_start: 30,
    expansion: 45,
    mrr_end: 75,
    expansion_by_cause: { ...NO_CAUSE, upgrade: 20, add_on: 5, quantity: 20 },
    customers_start: 3,
    customers_end: 3,
    nrr: 2.5,
    grr: 1,
    logo_retention: 1,
    arpa: 25,
  }),
  bridgeRow('2024-04', {
    mrr_start: 75,
    churn: 10,
    mrr_end: 65,
    customers_start: 3,
    customers_end: 2,
    churned_customers: 1,
    nrr: 0.866667,
    grr: 0.866667,
    logo_retention: 0.666667,
    arpa: 32.5,
    quick_ratio: 0,
  }),
  bridgeRow('2024-05', {
    mrr_start: 65,
    reactivation: 10,
    mrr_end: 75,
    customers_start: 2,
    customers_end: 3,
    reactivated_customers: 1,
    nrr: 1,
    grr: 1,
    logo_retention: 1,
    arpa: 25,
  }),
];

/** The bridge as `upsell mrr --format json` prints it (the spec's JSON). */
export interface WorkedExampleBridge {
  metric: 'mrr-movements';
  definition: { period: 'month'; timeZone: string; currency: string; by: string[] };
  rows: WorkedExampleBridgeRow[];
  input: { rows: number; accepted: number; rejected: number };
}

/**
 * `upsell mrr --format json` of the worked example's states file (8 rows): a fresh copy each call,
 * so a test may change its copy.
 *
 * @example
 * workedExampleBridge().rows[2].expansion // 45
 */
export function workedExampleBridge(): WorkedExampleBridge {
  return {
    metric: 'mrr-movements',
    definition: { period: 'month', timeZone: 'UTC', currency: 'USD', by: [] },
    rows: bridgeRows(),
    input: { rows: 8, accepted: 8, rejected: 0 },
  };
}
