import { type ResolvedSampleOptions, resolveSampleOptions } from './sample-options.ts';

/** What subscription sample to make. The same options always give byte-identical output. */
export interface SubscriptionSampleOptions {
  /** State rows to write (>= 0): exactly this many unless `customers` is too few to hold them. */
  rows: number;
  /** Any safe integer; same seed + options => byte-identical output. */
  seed: number;
  /** First day, ISO date (`YYYY-MM-DD`), default `2023-01-01`. */
  start?: string;
  /** Span in calendar months, default 24. */
  months?: number;
  /**
   * Size of the customer base. Default: as many customers as `rows` takes at the usual pace of
   * change. Given, the pace of change (upgrades, seats, add-ons) is scaled so that about `rows`
   * rows come out of that many customers; the file still stops at `rows`.
   */
  customers?: number;
}

/** {@link SubscriptionSampleOptions} checked, with defaults filled in. */
export interface ResolvedSubscriptionSampleOptions extends ResolvedSampleOptions {
  /** Whether `customers` was given (a hard limit) or estimated (more are made until `rows` is reached). */
  fixedCustomers: boolean;
  /** Factor on the monthly chances of a change (not of churn), 1 at the usual pace. */
  activity: number;
}

/**
 * Random streams of a subscription sample, apart from the purchase sample's, so that the states
 * and the rates can each be made on their own.
 *
 * @example
 * createRandom(seed, SUBSCRIPTION_RANDOM_STREAMS.fx)
 */
export const SUBSCRIPTION_RANDOM_STREAMS = Object.freeze({ states: 3, fx: 4 });

/** State rows per customer at the usual pace of change over the default 24 months (measured: 1.93). */
export const STATES_PER_CUSTOMER = 1.9;

const MIN_ACTIVITY = 0.25;
const MAX_ACTIVITY = 8;

/**
 * Checks `options` and fills in the defaults; `caller` names the public function in errors.
 *
 * @example
 * resolveSubscriptionSampleOptions({ rows: 190, seed: 1 }, 'generateSubscriptionSample').customers // 100
 */
export function resolveSubscriptionSampleOptions(
  options: SubscriptionSampleOptions,
  caller: string,
): ResolvedSubscriptionSampleOptions {
  const fixedCustomers = options.customers !== undefined;
  const estimated = Math.max(1, Math.ceil(options.rows / STATES_PER_CUSTOMER));
  const resolved = resolveSampleOptions({ ...options, customers: options.customers ?? estimated }, caller);
  // Every customer has one state to begin with; the rest come from changes, in proportion to the pace.
  const wanted = (options.rows / resolved.customers - 1) / (STATES_PER_CUSTOMER - 1);
  const activity = fixedCustomers ? Math.min(MAX_ACTIVITY, Math.max(MIN_ACTIVITY, wanted)) : 1;
  return { ...resolved, fixedCustomers, activity };
}
