import { z } from 'zod';
import { DEFINITION_DEFAULTS, MAX_SEGMENT_COLUMNS } from './definition-rules.ts';
import { UpsellError } from './errors.ts';
import { INDUSTRIES } from './stats/industry-benchmark.ts';
import { PERIOD_UNITS } from './time/period.ts';

/** The rates Upsell computes from purchase lines (METRICS.md). */
export const PURCHASE_METRICS = [
  'customer-upsell-rate',
  'purchase-upsell-rate',
  'customer-cross-sell-rate',
] as const;
/** The rates Upsell computes from subscription history (SUBSCRIPTIONS.md). */
export const SUBSCRIPTION_METRICS = ['subscription-upsell-rate'] as const;
/** The rates Upsell computes. */
export const METRICS = [...PURCHASE_METRICS, ...SUBSCRIPTION_METRICS] as const;
export type Metric = (typeof METRICS)[number];
export type PurchaseMetric = (typeof PURCHASE_METRICS)[number];
export type SubscriptionMetric = (typeof SUBSCRIPTION_METRICS)[number];

/** Rules deciding which later purchase line is an upsell; `auto` picks one from the columns present. */
export const PURCHASE_RULES = ['auto', 'flag', 'tier', 'price', 'additional'] as const;
/**
 * Rules deciding which subscription movement qualifies for the subscription upsell rate;
 * `upgrade` makes it the upgrade rate. `auto` means `expansion` for the subscription metric.
 */
export const SUBSCRIPTION_RULES = ['expansion', 'upgrade', 'add_on', 'quantity'] as const;
/** Every rule; which ones a metric takes is checked by {@link checkRuleFitsMetric}. */
export const RULES = [...PURCHASE_RULES, ...SUBSCRIPTION_RULES] as const;
export type Rule = (typeof RULES)[number];
export type ResolvedRule = Exclude<Rule, 'auto'>;
export type SubscriptionRule = (typeof SUBSCRIPTION_RULES)[number];

/** Whether a metric is computed from subscription history rather than purchase lines. */
export function isSubscriptionMetric(metric: Metric): metric is SubscriptionMetric {
  return (SUBSCRIPTION_METRICS as readonly string[]).includes(metric);
}

/** Whether a rule is a subscription rule (`expansion`, `upgrade`, `add_on`, `quantity`). */
export function isSubscriptionRule(rule: Rule): rule is SubscriptionRule {
  return (SUBSCRIPTION_RULES as readonly string[]).includes(rule);
}

/** Which customers are in the denominator of a period. */
export const ELIGIBILITIES = ['all', 'existing', 'active'] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

const Fraction = z.number().min(0).max(1);

/**
 * A metric definition: everything that decides a number. The same definition gives the same
 * numbers in the CLI, the API and the admin UI. Its defaults and the rules across fields are
 * in `definition-rules.ts`, which front ends use without zod.
 */
export const DefinitionSchema = z.object({
  metric: z.enum(METRICS).default(DEFINITION_DEFAULTS.metric),
  rule: z.enum(RULES).default(DEFINITION_DEFAULTS.rule),
  eligible: z.enum(ELIGIBILITIES).default(DEFINITION_DEFAULTS.eligible),
  period: z.enum(PERIOD_UNITS).default(DEFINITION_DEFAULTS.period),
  timeZone: z.string().min(1).max(64).default(DEFINITION_DEFAULTS.timeZone),
  by: z
    .array(z.string().min(1).max(200))
    .max(MAX_SEGMENT_COLUMNS)
    .default(() => [...DEFINITION_DEFAULTS.by]),
  /** First period reported: a period label or a date inside it. Never limits the history used. */
  from: z.string().min(4).max(32).optional(),
  /** Last period reported: a period label or a date inside it. */
  to: z.string().min(4).max(32).optional(),
  industry: z.enum(INDUSTRIES).optional(),
  /** Benchmark overrides per industry, fractions. */
  benchmarks: z.partialRecord(z.enum(INDUSTRIES), Fraction).optional(),
  /** The business's own target rate, a fraction. */
  target: Fraction.optional(),
  /**
   * The month (1-12) the business's fiscal year starts in: quarters and years become fiscal,
   * labelled `FY2025-Q1` and `FY2025` by the calendar year the fiscal year ends in.
   */
  fiscalYearStart: z.number().int().min(1).max(12).optional(),
});

export type DefinitionInput = z.input<typeof DefinitionSchema>;
export type Definition = z.output<typeof DefinitionSchema>;

/**
 * Fills what a definition left out where the default depends on the metric: the subscription
 * upsell rate counts `existing` subscribers by the `expansion` rule (SUBSCRIPTIONS.md), where
 * the purchase rates default to `all` customers and the `auto` rule. Entry points (the CLI's
 * flags, the API's inputs, the dashboard's URL) call it before parsing with
 * {@link DefinitionSchema}, whose own defaults are the purchase ones.
 *
 * @example
 * applyMetricDefaults({ metric: 'subscription-upsell-rate' }) // { metric: ..., eligible: 'existing', rule: 'expansion' }
 */
export function applyMetricDefaults<T>(input: T): T {
  if (typeof input !== 'object' || input === null) return input;
  const definition = input as { metric?: unknown; eligible?: unknown; rule?: unknown };
  if (definition.metric !== 'subscription-upsell-rate') return input;
  return {
    ...input,
    eligible: definition.eligible ?? 'existing',
    rule: definition.rule === undefined || definition.rule === 'auto' ? 'expansion' : definition.rule,
  };
}

/**
 * Throws `INVALID_DEFINITION` (details `field: 'rule'`, the `rule` and its `candidates`) when a
 * rule does not belong to the metric: `tier` is a purchase rule, `upgrade` a subscription rule.
 *
 * @example
 * checkRuleFitsMetric('subscription-upsell-rate', 'tier') // throws
 */
export function checkRuleFitsMetric(metric: Metric, rule: Rule): void {
  const subscription = isSubscriptionMetric(metric);
  if (rule === 'auto' || subscription === isSubscriptionRule(rule)) return;
  const candidates = subscription ? SUBSCRIPTION_RULES : PURCHASE_RULES;
  throw new UpsellError(
    'INVALID_DEFINITION',
    `rule ${rule} does not apply to ${metric}: use one of ${candidates.join(', ')}`,
    { field: 'rule', rule, candidates: [...candidates] },
  );
}
