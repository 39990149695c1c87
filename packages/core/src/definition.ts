import { z } from 'zod';
import { DEFINITION_DEFAULTS, MAX_SEGMENT_COLUMNS } from './definition-rules.ts';
import { INDUSTRIES } from './stats/industry-benchmark.ts';
import { PERIOD_UNITS } from './time/period.ts';

/** The rates Upsell computes. */
export const METRICS = ['customer-upsell-rate', 'purchase-upsell-rate', 'customer-cross-sell-rate'] as const;
export type Metric = (typeof METRICS)[number];

/** Rules deciding which later line is an upsell; `auto` picks one from the columns present. */
export const RULES = ['auto', 'flag', 'tier', 'price', 'additional'] as const;
export type Rule = (typeof RULES)[number];
export type ResolvedRule = Exclude<Rule, 'auto'>;

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
});

export type DefinitionInput = z.input<typeof DefinitionSchema>;
export type Definition = z.output<typeof DefinitionSchema>;
