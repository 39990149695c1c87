import {
  type DefinitionInput,
  isFiscalLabel,
  MAX_SEGMENT_COLUMNS,
  PERIOD_UNITS,
  type PeriodUnit,
  percentToFraction,
  type SubscriptionRule,
} from '@upsell/core';
import { z } from 'zod';
import { isPeriodOrDate, periodBounds } from '../dashboard/period-bounds.ts';

/**
 * What the subscription dashboard shows, as its URL keeps it: the bridge's period unit, time
 * zone, segments and date range, the period the bridge and tiles are for (`at`, the latest when
 * absent) and a target for the subscription upsell rate (percent).
 */
export interface SubscriptionView {
  period: PeriodUnit;
  timeZone: string;
  by: string[];
  from?: string;
  to?: string;
  at?: string;
  /** Percent, 0 to 100. */
  target?: number;
  /** The month (1-12) the fiscal year starts in: quarters and years are fiscal (`FY2025-Q1`). */
  fiscalYearStart?: number;
}

/** By month: subscription businesses report MRR monthly. An equal view has an empty query string. */
export const DEFAULT_SUBSCRIPTION_VIEW: SubscriptionView = { period: 'month', timeZone: 'UTC', by: [] };

// A fiscal label (FY2025-Q1) is checked against the fiscal year start by the server.
const PeriodOrDate = z
  .string()
  .refine(
    (text) => isPeriodOrDate(text) || isFiscalLabel(text),
    'use a period such as 2024-03 or a date 2024-03-15',
  );

/** Each query parameter's schema; a value that fails is left at its default and said so. */
const PARAMS = {
  period: z.enum(PERIOD_UNITS, { error: `use ${PERIOD_UNITS.join(', ')}` }),
  tz: z.string().regex(/^[A-Za-z0-9_+\-/]{1,64}$/, 'not a time zone name such as Europe/Paris'),
  from: PeriodOrDate,
  to: PeriodOrDate,
  at: z
    .string()
    .refine(
      (text) => text === 'all' || periodBounds(text) !== undefined || isFiscalLabel(text),
      'not a period label such as 2024-03',
    ),
  target: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'use a percentage from 0 to 100')
    .transform(Number)
    .pipe(z.number().max(100, 'use a percentage from 0 to 100')),
  fy: z
    .string()
    .regex(/^\d{1,2}$/, 'use the month the fiscal year starts in, 1 to 12')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'use the month the fiscal year starts in, 1 to 12')
        .max(12, 'use the month the fiscal year starts in, 1 to 12'),
    ),
} as const;

const FIELD_OF = {
  period: 'period',
  tz: 'timeZone',
  from: 'from',
  to: 'to',
  at: 'at',
  target: 'target',
  fy: 'fiscalYearStart',
} as const;

/**
 * Reads the view from query parameters (`period`, `tz`, `by` repeated, `from`, `to`, `at`,
 * `target`), each validated by its zod schema; a missing one is the default, a wrong one is
 * ignored and listed in `ignored` with why.
 *
 * @example
 * subscriptionViewFromParams(new URLSearchParams('period=quarter&at=2024-Q1')).view
 * // { period: 'quarter', timeZone: 'UTC', by: [], at: '2024-Q1' }
 */
export function subscriptionViewFromParams(params: URLSearchParams): {
  view: SubscriptionView;
  ignored: string[];
} {
  const view: SubscriptionView = { ...DEFAULT_SUBSCRIPTION_VIEW, by: [] };
  const ignored: string[] = [];
  for (const name of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
    const text = params.get(name)?.trim();
    if (!text) continue;
    const parsed = PARAMS[name].safeParse(text);
    if (!parsed.success) {
      ignored.push(`${name}=${text}: ${parsed.error.issues[0]?.message ?? 'not understood'}`);
      continue;
    }
    Object.assign(view, { [FIELD_OF[name]]: parsed.data });
  }
  const by = params
    .getAll('by')
    .map((name) => name.trim())
    .filter((name, i, all) => name !== '' && all.indexOf(name) === i);
  view.by = by.slice(0, MAX_SEGMENT_COLUMNS);
  if (by.length > MAX_SEGMENT_COLUMNS)
    ignored.push(`by: at most ${MAX_SEGMENT_COLUMNS} dimensions; kept the first ${MAX_SEGMENT_COLUMNS}`);
  return { view, ignored };
}

/**
 * Writes a view into a copy of `params`, defaults left out, other parameters kept.
 *
 * @example
 * writeSubscriptionView(new URLSearchParams(), { ...DEFAULT_SUBSCRIPTION_VIEW, at: '2024-03' }).toString() // 'at=2024-03'
 */
export function writeSubscriptionView(params: URLSearchParams, view: SubscriptionView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of [...Object.keys(PARAMS), 'by']) next.delete(name);
  if (view.period !== DEFAULT_SUBSCRIPTION_VIEW.period) next.set('period', view.period);
  if (view.timeZone !== DEFAULT_SUBSCRIPTION_VIEW.timeZone) next.set('tz', view.timeZone);
  for (const name of view.by) next.append('by', name);
  for (const field of ['from', 'to', 'at'] as const) {
    const value = view[field];
    if (value !== undefined) next.set(field, value);
  }
  if (view.target !== undefined) next.set('target', String(view.target));
  if (view.fiscalYearStart !== undefined) next.set('fy', String(view.fiscalYearStart));
  return next;
}

/**
 * A view with another period unit: the chosen period (`at`) of the old unit is dropped (the
 * latest of the new one is shown), a `from`/`to` label becomes the first or last day it covers.
 *
 * @example
 * withViewPeriod({ ...DEFAULT_SUBSCRIPTION_VIEW, from: '2024-03', at: '2024-04' }, 'quarter') // { period: 'quarter', from: '2024-03-01', ... }
 */
export function withViewPeriod(view: SubscriptionView, period: PeriodUnit): SubscriptionView {
  const { at: _at, ...next } = { ...view, period };
  const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
  const fiscal = view.fiscalYearStart;
  if (next.from !== undefined && !isDate(next.from))
    next.from = periodBounds(next.from, fiscal)?.first ?? next.from;
  if (next.to !== undefined && !isDate(next.to)) next.to = periodBounds(next.to, fiscal)?.last ?? next.to;
  return next;
}

/**
 * A view with another fiscal year start (undefined: calendar quarters and years): the chosen
 * period (`at`) is dropped, and a `from`/`to` label of a quarter or year becomes the first or last
 * day it covered, as the labels now name other days.
 *
 * @example
 * withViewFiscalYearStart({ ...DEFAULT_SUBSCRIPTION_VIEW, period: 'quarter', from: '2024-Q4' }, 10).from // '2024-10-01'
 */
export function withViewFiscalYearStart(
  view: SubscriptionView,
  fiscalYearStart: number | undefined,
): SubscriptionView {
  const { at: _at, ...next } = view;
  if (fiscalYearStart === undefined) delete next.fiscalYearStart;
  else next.fiscalYearStart = fiscalYearStart;
  const relabelled = (text: string) => /^(FY)?\d{4}(-Q[1-4])?$/.test(text);
  if (next.from !== undefined && relabelled(next.from))
    next.from = periodBounds(next.from, view.fiscalYearStart)?.first ?? next.from;
  if (next.to !== undefined && relabelled(next.to))
    next.to = periodBounds(next.to, view.fiscalYearStart)?.last ?? next.to;
  return next;
}

/** `metric.movements`' definition for a view (all customers, or by its segments). */
export function movementsDefinition(view: SubscriptionView, segmented: boolean) {
  return {
    period: view.period,
    timeZone: view.timeZone,
    by: segmented ? [...view.by] : [],
    ...(view.from === undefined ? {} : { from: view.from }),
    ...(view.to === undefined ? {} : { to: view.to }),
    ...(view.fiscalYearStart === undefined ? {} : { fiscalYearStart: view.fiscalYearStart }),
  };
}

/**
 * `metric.query`'s definition of the subscription upsell rate (`expansion`) or the upgrade rate
 * (`upgrade`) for a view: existing subscribers, all customers, against the SaaS benchmark, with
 * the view's target.
 *
 * @example
 * rateDefinition(DEFAULT_SUBSCRIPTION_VIEW, 'upgrade').rule // 'upgrade'
 */
export function rateDefinition(
  view: SubscriptionView,
  rule: Extract<SubscriptionRule, 'expansion' | 'upgrade'>,
): DefinitionInput {
  return {
    metric: 'subscription-upsell-rate',
    rule,
    eligible: 'existing',
    ...movementsDefinition(view, false),
    industry: 'saas',
    ...(view.target === undefined ? {} : { target: percentToFraction(view.target) }),
  };
}

/**
 * `metric.cohorts`' definition for a view: the subscription upsell rate's rule (`expansion`) over
 * the view's period, time zone, fiscal year and from/to, and its segments for the days to first
 * upsell by segment. No eligibility, benchmark or target: a cohort counts all its customers.
 *
 * @example
 * cohortDefinition({ ...DEFAULT_SUBSCRIPTION_VIEW, by: ['region'] })
 * // { metric: 'subscription-upsell-rate', rule: 'expansion', period: 'month', timeZone: 'UTC', by: ['region'] }
 */
export function cohortDefinition(view: SubscriptionView): DefinitionInput {
  return { metric: 'subscription-upsell-rate', rule: 'expansion', ...movementsDefinition(view, true) };
}
