import type { Definition } from '../definition.ts';
import { checkReportedRange } from '../definition-rules.ts';
import type { RowAccounting } from '../input/row-issue.ts';
import type { PeriodCalendar } from '../time/period.ts';
import {
  MRR_CAUSES,
  type MrrByCause,
  type MrrMovementsResult,
  type MrrMovementsRow,
} from './mrr-movements-schema.ts';
import { addRational, divideRational, type Rational, signOfRational, toMoney } from './rational.ts';
import {
  SUBSCRIPTION_MONEY as M,
  SUBSCRIPTION_COUNT as N,
  type SubscriptionCounters,
  subscriptionFigures,
} from './subscription-counters.ts';

/** Options of {@link buildMrrMovementsResult}. */
export interface BuildMrrMovementsResultOptions {
  definition: Pick<Definition, 'period' | 'by' | 'from' | 'to' | 'fiscalYearStart'>;
  calendar: PeriodCalendar;
  accounting: RowAccounting;
  /** The reporting currency, e.g. `USD`. */
  currency: string;
}

/** A ratio for JSON: rounded half away from zero to 6 decimals, exactly from the rational. */
export function ratioOf(value: Rational | null): number | null {
  if (value === null) return null;
  const scaled = value.num * 1_000_000n;
  const magnitude = scaled < 0n ? -scaled : scaled;
  const rounded = (2n * magnitude + value.den) / (2n * value.den);
  return Number(scaled < 0n ? -rounded : rounded) / 1_000_000;
}

const byCause = (money: readonly Rational[], offset: number): MrrByCause =>
  Object.fromEntries(MRR_CAUSES.map((cause, i) => [cause, toMoney(money[offset + i]!)])) as MrrByCause;

/**
 * The MRR bridge per period and segment as the spec's JSON (`upsell mrr --format json`, the
 * API's `metric.movements`): exact sums printed in cents, retention over the start cohort, ARPA
 * and quick ratio. Every period from the earliest state start to the latest start or end is
 * there, except rows whose every figure is 0; `from`/`to` only trim what is reported.
 *
 * @example
 * buildMrrMovementsResult(engine.finish(), { definition, calendar, accounting, currency: 'USD' }).rows[2].expansion // 45
 */
export function buildMrrMovementsResult(
  counters: SubscriptionCounters,
  options: BuildMrrMovementsResultOptions,
): MrrMovementsResult {
  const { definition, calendar, accounting, currency } = options;
  const from = definition.from === undefined ? Number.NEGATIVE_INFINITY : calendar.parse(definition.from);
  const to = definition.to === undefined ? Number.POSITIVE_INFINITY : calendar.parse(definition.to);
  checkReportedRange(definition, from, to);
  const rows: MrrMovementsRow[] = [];
  for (const f of subscriptionFigures(counters)) {
    if (f.period < from || f.period > to) continue;
    const { money, counts } = f;
    const quiet =
      signOfRational(f.mrrStart) === 0 &&
      signOfRational(f.mrrEnd) === 0 &&
      money.every((m) => signOfRational(m) === 0) &&
      f.customersStart === 0 &&
      f.customersEnd === 0 &&
      counts[N.newCustomers] === 0 &&
      counts[N.churnedCustomers] === 0 &&
      counts[N.reactivatedCustomers] === 0;
    if (quiet) continue;
    const values = counters.segments[f.key] ?? [];
    // The start cohort's MRR at s- is mrr_start: members are exactly the subscribers at s-.
    const cohort = f.mrrStart;
    const gains = addRational(addRational(money[M.new]!, money[M.reactivation]!), money[M.expansion]!);
    const losses = addRational(money[M.contraction]!, money[M.churn]!);
    rows.push({
      period: calendar.label(f.period),
      segment: Object.fromEntries(definition.by.map((name, i) => [name, values[i] ?? ''])),
      mrr_start: toMoney(f.mrrStart),
      new: toMoney(money[M.new]!),
      reactivation: toMoney(money[M.reactivation]!),
      expansion: toMoney(money[M.expansion]!),
      contraction: toMoney(money[M.contraction]!),
      churn: toMoney(money[M.churn]!),
      mrr_end: toMoney(f.mrrEnd),
      expansion_by_cause: byCause(money, M.expansionCause),
      contraction_by_cause: byCause(money, M.contractionCause),
      customers_start: f.customersStart,
      customers_end: f.customersEnd,
      new_customers: counts[N.newCustomers]!,
      churned_customers: counts[N.churnedCustomers]!,
      reactivated_customers: counts[N.reactivatedCustomers]!,
      nrr: ratioOf(divideRational(addRational(cohort, money[M.cohortEndChange]!), cohort)),
      grr: ratioOf(divideRational(addRational(cohort, money[M.cohortMinChange]!), cohort)),
      logo_retention:
        f.customersStart === 0
          ? null
          : ratioOf(
              divideRational(
                { num: BigInt(f.customersStart + counts[N.retainedChange]!), den: 1n },
                { num: BigInt(f.customersStart), den: 1n },
              ),
            ),
      arpa:
        f.customersEnd === 0
          ? null
          : toMoney(divideRational(f.mrrEnd, { num: BigInt(f.customersEnd), den: 1n })!),
      quick_ratio: ratioOf(divideRational(gains, losses)),
    });
  }
  const shown: MrrMovementsResult['definition'] = {
    period: definition.period,
    timeZone: calendar.timeZone,
    currency,
    by: [...definition.by],
  };
  if (definition.from !== undefined) shown.from = definition.from;
  if (definition.to !== undefined) shown.to = definition.to;
  if (definition.fiscalYearStart !== undefined) shown.fiscalYearStart = definition.fiscalYearStart;
  return {
    metric: 'mrr-movements',
    definition: shown,
    rows,
    input: { rows: accounting.rows, accepted: accounting.accepted, rejected: accounting.rejected },
  };
}
