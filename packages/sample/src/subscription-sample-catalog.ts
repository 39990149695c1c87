/**
 * The subscription header written by `generateSubscriptionSample`, in order (the states shape
 * of the subscription contract; `channel` and `region` are dimensions).
 *
 * @example
 * SUBSCRIPTION_SAMPLE_COLUMNS.join(',')
 * // 'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity,currency,channel,region'
 */
export const SUBSCRIPTION_SAMPLE_COLUMNS: readonly string[] = Object.freeze([
  'customer_id',
  'subscription_id',
  'plan_id',
  'tier',
  'starts_at',
  'ends_at',
  'amount',
  'interval',
  'quantity',
  'currency',
  'channel',
  'region',
]);

/** Currencies of the sample; the first is the reporting currency the rates convert into. */
export const SUBSCRIPTION_SAMPLE_CURRENCIES: readonly string[] = Object.freeze(['USD', 'EUR', 'GBP']);

/** Plan levels, tier 1 to 3. */
export const SUBSCRIPTION_SAMPLE_TIERS: readonly string[] = Object.freeze(['starter', 'team', 'business']);

/** Add-on products, each its own subscription beside the plan, billed monthly, no tier. */
export const SUBSCRIPTION_SAMPLE_ADD_ONS: readonly string[] = Object.freeze(['addon-sso', 'addon-storage']);

/** Regions (a dimension); the currency follows the region. */
export const SUBSCRIPTION_SAMPLE_REGIONS: readonly string[] = Object.freeze(['na', 'emea', 'apac', 'latam']);

/** Sales channels (a dimension). */
export const SUBSCRIPTION_SAMPLE_CHANNELS: readonly string[] = Object.freeze(['online', 'partner', 'sales']);

/** An annual plan costs ten months of the monthly one: two months free. */
export const ANNUAL_MONTHS_BILLED = 10;

/** List prices raise by this factor once a year from the sample's start (grandfathered until repriced). */
export const YEARLY_PRICE_RISE = 1.08;

// Price per seat per month in cents, by currency (as SUBSCRIPTION_SAMPLE_CURRENCIES) and tier.
const SEAT_CENTS = [
  [1900, 4900, 9900],
  [1800, 4500, 9200],
  [1500, 3900, 7900],
];

// Add-on price per month in cents, by currency and add-on.
const ADD_ON_CENTS = [
  [5000, 2000],
  [4500, 1800],
  [3900, 1500],
];

/**
 * `team-annual`: the plan id of a tier (0-based) and billing interval.
 *
 * @example
 * subscriptionPlanId(1, true) // 'team-annual'
 */
export function subscriptionPlanId(tierIndex: number, annual: boolean): string {
  return `${SUBSCRIPTION_SAMPLE_TIERS[tierIndex]}-${annual ? 'annual' : 'monthly'}`;
}

/** Raises a price in cents by the yearly rise `version` times, rounded to whole units (100 cents). */
function raised(cents: number, version: number): number {
  return Math.round((cents * YEARLY_PRICE_RISE ** version) / 100) * 100;
}

/**
 * The list price in cents per seat per month of a tier (0-based) in a currency (index into
 * {@link SUBSCRIPTION_SAMPLE_CURRENCIES}) after `version` yearly rises.
 *
 * @example
 * seatListCents(1, 0, 0) // 4900: team, USD, at the start
 * seatListCents(1, 0, 1) // 5300: a year later (49.00 x 1.08 = 52.92, to whole units)
 */
export function seatListCents(tierIndex: number, currencyIndex: number, version: number): number {
  return raised(SEAT_CENTS[currencyIndex]![tierIndex]!, version);
}

/**
 * The list price in cents per month of an add-on (index into {@link SUBSCRIPTION_SAMPLE_ADD_ONS}).
 *
 * @example
 * addOnListCents(0, 2, 0) // 3900: SSO in GBP at the start
 */
export function addOnListCents(addOnIndex: number, currencyIndex: number, version: number): number {
  return raised(ADD_ON_CENTS[currencyIndex]![addOnIndex]!, version);
}
