import {
  buildMrrMovementsResult,
  buildSubscriptionRateResult,
  createPeriodCalendar,
  formatRational,
  isSubscriptionRule,
  type MetricResult,
  type MrrMovementsResult,
  rational,
  SUBSCRIPTION_COUNT_SIZE,
  SUBSCRIPTION_MONEY_SIZE,
  type SubscriptionCell,
  type SubscriptionCounters,
  sortSubscriptionCells,
  UpsellError,
} from '@upsell/core';
import { segmentKey } from '@upsell/core/internal';
import { refuseUntrimmedCustomerIds, SqlSourceError } from '../sql-source-error.ts';
import type { CompiledSubscriptionQuery, SqlSubscriptionRows } from './subscription-query-types.ts';
import { MRR_COUNTS_LCM, MRR_DENOMINATOR } from './subscription-rows-sql.ts';

// Drivers return 64-bit integers as bigint (DuckDB) or strings (pg): every count here is far below 2^53.
const int = (value: unknown, what: string): number => {
  const n = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the statement's ${what} is ${String(value)}, not a whole number`,
    );
  }
  return n;
};

/** Exact money: the statement's integer text (HUGEINT or numeric) in units of 1/MRR_DENOMINATOR. */
const moneyOf = (value: unknown, what: string): string => {
  const text = typeof value === 'bigint' ? value.toString() : String(value ?? '0');
  if (!/^-?[0-9]+$/.test(text)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the statement's ${what} is ${text}, not a whole number of units`,
    );
  }
  return formatRational(rational(BigInt(text), MRR_DENOMINATOR));
};

/**
 * Reads the rows of a compiled subscription statement into the counters the subscription engine
 * would have produced over the same rows, and the rows' accounting (read = accepted + rejected).
 * Throws `INVALID_SOURCE` when a state's interval_count does not divide 720,720 (its MRR would not
 * be exact in the statement's units).
 *
 * @example
 * readSubscriptionRows(query, rows).counters.customers // 4
 */
export function readSubscriptionRows(
  query: CompiledSubscriptionQuery,
  rows: readonly Record<string, unknown>[],
): SqlSubscriptionRows {
  const { definition } = query;
  const by = definition.by.length;
  const segments: Record<string, string[]> = {};
  const cells: SubscriptionCell[] = [];
  let summary: Record<string, unknown> | undefined;
  for (const row of rows) {
    if (row.kind === 's') {
      summary = row;
      continue;
    }
    if (row.kind !== 'c') {
      throw new UpsellError('INVALID_ARGUMENT', `the statement returned a row of kind ${String(row.kind)}`);
    }
    const values: string[] = [];
    for (let k = 0; k < by; k++) values.push(String(row[`v${k}`] ?? ''));
    const segment = segmentKey(values);
    segments[segment] ??= values;
    cells.push({
      period: int(row.period, 'period'),
      segment,
      money: Array.from({ length: SUBSCRIPTION_MONEY_SIZE }, (_, i) => moneyOf(row[`m${i}`], `m${i}`)),
      counts: Array.from({ length: SUBSCRIPTION_COUNT_SIZE }, (_, i) => int(row[`n${i}`], `n${i}`)),
    });
  }
  if (summary === undefined)
    throw new UpsellError('INVALID_ARGUMENT', 'the statement returned no summary row');
  const inexact = int(summary.n4, 'states with another interval_count');
  if (inexact > 0) {
    throw new SqlSourceError(
      'INVALID_SOURCE',
      `${inexact} state(s) have an interval_count that does not divide ${MRR_COUNTS_LCM} (every count up to 16 does, and 18, 20, 24, 30, 36, ...): their MRR is not exact in SQL; run the file mode for them`,
      { states: inexact },
    );
  }
  refuseUntrimmedCustomerIds(int(summary.n6, 'untrimmed customer ids'), 'states');
  const read = int(summary.n0, 'rows read');
  const accepted = int(summary.n1, 'accepted rows');
  const counters: SubscriptionCounters = {
    unit: definition.period,
    timeZone: definition.timeZone,
    eligible: definition.eligible,
    rule: isSubscriptionRule(definition.rule) ? definition.rule : 'expansion',
    periods: accepted === 0 ? null : [int(summary.period, 'first period'), int(summary.n3, 'last period')],
    customers: int(summary.n2, 'customers'),
    segments,
    cells: sortSubscriptionCells(cells),
  };
  return {
    counters,
    accounting: { rows: read, accepted, rejected: read - accepted },
    otherCurrency: int(summary.n5, 'rows in another currency'),
  };
}

/**
 * The MRR bridge the file mode prints for the same rows (`upsell mrr --format json`): the core's
 * one builder over the counters the statement returned.
 *
 * @example
 * buildSqlMrrResult(query, rows).rows[2].expansion // 45
 */
export function buildSqlMrrResult(
  query: CompiledSubscriptionQuery,
  rows: readonly Record<string, unknown>[],
): MrrMovementsResult {
  const { counters, accounting } = readSubscriptionRows(query, rows);
  return buildMrrMovementsResult(counters, {
    definition: query.definition,
    calendar: createPeriodCalendar(
      query.definition.period,
      query.definition.timeZone,
      query.definition.fiscalYearStart,
    ),
    accounting,
    currency: query.currency,
  });
}

/**
 * The subscription upsell rate the file mode prints for the same rows (`upsell rate --metric
 * subscription-upsell-rate`): the core's one builder over the counters the statement returned.
 *
 * @example
 * buildSqlSubscriptionRateResult(query, rows).rows[2].numerator // 2
 */
export function buildSqlSubscriptionRateResult(
  query: CompiledSubscriptionQuery,
  rows: readonly Record<string, unknown>[],
): MetricResult {
  const { counters, accounting } = readSubscriptionRows(query, rows);
  return buildSubscriptionRateResult(counters, {
    definition: query.definition,
    calendar: createPeriodCalendar(
      query.definition.period,
      query.definition.timeZone,
      query.definition.fiscalYearStart,
    ),
    accounting,
  });
}
