import type { ColumnMapping } from '@upsell/core';
import type { DialectWords } from '../dialect-words.ts';
import { purchaseColumnsSql } from '../purchase-columns-sql.ts';
import { quoteIdentifier, quoteLiteral } from '../sql-text.ts';
import { isoTextTimeSql } from './iso-text-time-sql.ts';
import type { SubscriptionSourcePlan } from './subscription-source-plan.ts';

/**
 * Interval counts whose MRR the statement keeps exact: a state's MRR is a whole number of
 * 1/{@link MRR_DENOMINATOR} when its interval_count divides this (720,720 = lcm(1..16): every
 * count up to 16, and 18, 20, 24, 30, 36, ...). A state with another count is counted in the
 * statement's summary, and reading its rows refuses the result rather than round it.
 */
export const MRR_COUNTS_LCM = 720_720n;

/**
 * MRR units per 1 of the reporting currency: 10,000 (the amount's units) x 12 (months per year,
 * the common denominator of 12/365, 12/52, 1, 3 and 12 months per interval) x {@link MRR_COUNTS_LCM}.
 * A state's MRR is `amount units x K x (MRR_COUNTS_LCM / interval_count)` of them, K = 365 (day),
 * 52 (week), 12 (month), 4 (quarter), 1 (year).
 */
export const MRR_DENOMINATOR = 10_000n * 12n * MRR_COUNTS_LCM;

const INTERVAL_K: Record<string, number> = { day: 365, week: 52, month: 12, quarter: 4, year: 1 };

/** The SQL of the rows of a subscription table read and checked as the file reader checks them. */
export interface SubscriptionRowsSql {
  /** CTEs `u_raw`, `u_groups`, `u_walls` over the relation: {@link read} selects from `u_walls AS p`. */
  layers(relation: string): string;
  /** Each field of one row of the relation (aliased `p`) read once, and its cells' problems (`u_bad_cell`). */
  read: string[];
  /**
   * Columns of one row of {@link read}'s result: `u_pos`, `u_cust` (trimmed), on PostgreSQL
   * `u_stored` (the id as stored), `u_sub`, `u_plan`,
   * `u_t0`, `u_t1` (instants; `u_t1` NULL while running), `u_mrr` (exact, in 1/MRR_DENOMINATOR),
   * `u_qty`, `u_tier`, `u_inexact` (1 when interval_count does not divide MRR_COUNTS_LCM), `u_d0`...
   * (segment values), `u_other_currency` (the row names a currency other than the reporting one)
   * and `u_bad` (the row is rejected).
   */
  select: string[];
  /**
   * The names of a state's columns among {@link select}'s (all but `u_other_currency` and
   * `u_bad`): what the later steps carry of each accepted state.
   */
  stateNames: string[];
  /** Sort keys that break ties between rows after the start time (input order first when known). */
  tieBreak: string[];
  /**
   * The PARTITION BY keys of a customer: on PostgreSQL the id as stored first (`u_stored`, the
   * distribution column on Citus, so the windows run on the workers), then the trimmed id.
   */
  customer: string;
  /** True when ids stored with spaces around them must be counted and refused (PostgreSQL, text ids). */
  countsUntrimmedIds: boolean;
}

/**
 * Writes how each row of a states table is read: the purchase compiler's readers for the ids,
 * times (ISO text, wall-clock times in the report's zone with the engine's DST rule, instants),
 * amount, quantity and tier, and the subscription fields' own checks (interval, interval_count,
 * currency, ends_at after starts_at). A row is bad exactly when the file reader would reject it,
 * within what SQL checks (amounts as plain decimals, as for purchases).
 *
 * @example
 * subscriptionRowsSql(plan, words, '$1::text', 'p."line"', true).select[0] // 'p."line" AS u_pos'
 */
export function subscriptionRowsSql(
  plan: SubscriptionSourcePlan,
  w: DialectWords,
  zone: string,
  /** The input order as SQL, or undefined when the source has none. */
  positionSql: string | undefined,
  pg: boolean,
): SubscriptionRowsSql {
  const f = plan.mapping.fields;
  const { columns } = plan;
  const utc = plan.timeZone === 'UTC';
  // The purchase readers, given the subscription columns under the purchase fields they read alike.
  const asPurchase = (timeColumn: number): ColumnMapping => ({
    header: plan.mapping.header,
    dimensions: new Map(),
    fields: {
      customer_id: f.customer_id!,
      product_id: f.plan_id!,
      purchased_at: timeColumn,
      amount: f.amount!,
      ...(f.quantity === undefined ? {} : { quantity: f.quantity }),
      ...(f.tier === undefined ? {} : { tier: f.tier }),
    },
  });
  const ref = (index: number) => `p.${quoteIdentifier(columns[index]!.name)}`;
  const trimmed = (index: number) =>
    w.trim(columns[index]!.type === 'text' ? ref(index) : w.text(ref(index)));
  const filled = (index: number) => `(${trimmed(index)} IS NOT NULL AND ${trimmed(index)} <> '')`;
  // Text times are parsed in steps of their own (iso-text-time-sql.ts); the purchase reader then
  // places their wall-clock time in the zone, given it as a timestamp column.
  const textTimes = [
    { index: f.starts_at!, name: 'ts0' },
    ...(f.ends_at === undefined ? [] : [{ index: f.ends_at, name: 'ts1' }]),
  ].filter((x) => columns[x.index]!.type === 'text');
  const walls = textTimes.map((x) => ({ name: `u_${x.name}_wall`, type: 'timestamp' as const }));
  const readers = [...columns, ...walls];
  const read = (timeColumn: number) =>
    purchaseColumnsSql({
      mapping: asPurchase(timeColumn),
      columns: readers,
      words: w,
      zone,
      utc,
      alias: 'p',
    });
  const timeOf = (index: number) => {
    const k = textTimes.findIndex((x) => x.index === index);
    if (k < 0) return read(index).time;
    const t = `p.u_${textTimes[k]!.name}`;
    const inZone = read(columns.length + k).time.value;
    const withOffset = `date_trunc('milliseconds', ${w.wallToInstant(`${t}_wall`, "'UTC'")} - (${t}_off * INTERVAL '1 minute'))`;
    return {
      value: `(CASE WHEN ${t}_ok THEN CASE WHEN ${t}_off IS NOT NULL THEN ${withOffset} ELSE ${inZone} END END)`,
      bad: `(NOT ${t}_ok)`,
    };
  };
  const cols = read(f.starts_at!);
  const startTime = timeOf(f.starts_at!);
  const iso = isoTextTimeSql(
    w,
    textTimes.map((x) => x.name),
  );
  const layers = (relation: string) => {
    const raw = textTimes.map((x) => `${trimmed(x.index)} AS u_${x.name}`);
    return `u_raw AS (
  SELECT p.*${raw.map((r) => `, ${r}`).join('')} FROM ${relation} AS p
),
u_groups AS (
  SELECT *${iso.groups.map((g) => `,\n    ${g}`).join('')} FROM u_raw
),
u_walls AS (
  SELECT *${iso.walls.map((g) => `,\n    ${g}`).join('')} FROM u_groups
)`;
  };
  const subscription = trimmed(f.subscription_id!);
  const endGiven = f.ends_at === undefined ? 'FALSE' : filled(f.ends_at);
  const endTime = f.ends_at === undefined ? undefined : timeOf(f.ends_at);
  const k = (() => {
    if (f.interval === undefined) return '12';
    const name = `lower(coalesce(nullif(${trimmed(f.interval)}, ''), 'month'))`;
    const cases = Object.entries(INTERVAL_K)
      .map(([interval, months]) => `WHEN ${quoteLiteral(interval)} THEN ${months}`)
      .join(' ');
    return `(CASE ${name} ${cases} END)`;
  })();
  const count = (() => {
    if (f.interval_count === undefined) return '1';
    const t = trimmed(f.interval_count);
    const digits = `coalesce(${w.matches(t, "'^[0-9]{1,15}$'")}, FALSE)`;
    return `(CASE WHEN NOT ${filled(f.interval_count)} THEN 1 WHEN ${digits} THEN ${w.bigint(t)} END)`;
  })();
  // Without exchange rates in SQL, every currency but the reporting one has no rate: rejected.
  const currencyBad =
    f.currency === undefined
      ? 'FALSE'
      : `(${filled(f.currency)} AND upper(${trimmed(f.currency)}) <> ${quoteLiteral(plan.currency)})`;
  // Each field once (a text time is a long expression); the checks and MRR come from the columns.
  const read1 = [
    `${positionSql ?? w.nullOf('bigint')} AS u_pos`,
    `${cols.customer.value} AS u_cust`,
    ...(pg ? [`${ref(f.customer_id!)} AS u_stored`] : []),
    `${subscription} AS u_sub`,
    `${cols.product.value} AS u_plan`,
    `${startTime.value} AS u_t0`,
    `${endTime === undefined ? (pg ? 'NULL::timestamptz' : 'CAST(NULL AS TIMESTAMPTZ)') : endTime.value} AS u_t1_read`,
    `${endGiven} AS u_t1_given`,
    `${cols.amount.value} AS u_units`,
    `${k} AS u_k`,
    `${count} AS u_count`,
    `${cols.quantity.value} AS u_qty`,
    `${cols.tier.value} AS u_tier`,
    ...plan.segmentColumns.map((column, i) => `${cols.dimension(column)} AS u_d${i}`),
    `${currencyBad} AS u_other_currency`,
    `(${[cols.customer.bad, `(${subscription} IS NULL OR ${subscription} = '')`, cols.product.bad, cols.amount.bad, cols.amount.negative, cols.quantity.bad, cols.quantity.negative, cols.tier.bad, currencyBad].filter((c) => c !== 'FALSE').join(' OR ')}) AS u_bad_cell`,
  ];
  const lcm = MRR_COUNTS_LCM.toString();
  const safeCount = '(CASE WHEN u_count >= 1 THEN u_count ELSE 1 END)';
  const mrr = pg
    ? `((u_units)::numeric * u_k * (${lcm} / ${safeCount}))`
    : `(CAST(u_units AS HUGEINT) * u_k * (${lcm} // ${safeCount}))`;
  const bad = [
    'u_bad_cell',
    'u_t0 IS NULL',
    'u_units IS NULL',
    'u_k IS NULL',
    'u_count IS NULL',
    'u_count < 1',
    `(u_t1_given AND (u_t1_read IS NULL OR u_t1_read <= u_t0))`,
  ];
  const state = [
    'u_pos',
    'u_cust',
    ...(pg ? ['u_stored'] : []),
    'u_sub',
    'u_plan',
    'u_t0',
    `(CASE WHEN u_t1_given THEN u_t1_read END) AS u_t1`,
    `${mrr} AS u_mrr`,
    'u_qty',
    'u_tier',
    `(CASE WHEN ${lcm} % ${safeCount} = 0 THEN 0 ELSE 1 END) AS u_inexact`,
    ...plan.segmentColumns.map((_, i) => `u_d${i}`),
  ];
  const select = [...state, 'u_other_currency', `coalesce(${bad.join(' OR ')}, FALSE) AS u_bad`];
  // A column's name: what follows its last AS, or the column itself.
  const stateNames = state.map((column) => column.split(' AS ').at(-1)!);
  const tieBreak = [
    ...(positionSql === undefined ? [] : ['u_pos']),
    'u_t1',
    w.binaryOrder('u_plan'),
    'u_mrr',
    'u_qty',
    'u_tier',
    ...plan.segmentColumns.map((_, i) => w.binaryOrder(`u_d${i}`)),
  ];
  return {
    layers,
    read: read1,
    select,
    stateNames,
    tieBreak,
    customer: pg ? 'u_stored, u_cust' : 'u_cust',
    countsUntrimmedIds: pg && columns[f.customer_id!]!.type === 'text',
  };
}
