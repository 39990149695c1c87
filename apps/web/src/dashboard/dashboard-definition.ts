import {
  benchmarkLacksIndustry,
  DEFINITION_DEFAULTS,
  type DefinitionInput,
  type Eligibility,
  fractionToPercent,
  type Industry,
  isPercent,
  MAX_SEGMENT_COLUMNS,
  type Metric,
  type PeriodUnit,
  percentToFraction,
  type Rule,
} from '@upsell/core';
import {
  type DefinitionChoices,
  INDUSTRY_OPTIONS,
  type Option,
  PERIOD_OPTIONS,
  PURCHASE_CHOICES,
} from './definition-choices.ts';
import { periodBounds } from './period-bounds.ts';

/**
 * A definition as the dashboard's controls hold it: the API's definition with the target and
 * the benchmark override in percent (as people type them and as the CLI takes them).
 */
export interface DashboardDefinition {
  metric: Metric;
  rule: Rule;
  eligible: Eligibility;
  period: PeriodUnit;
  timeZone: string;
  by: string[];
  from?: string;
  to?: string;
  industry?: Industry;
  /** Percent, 0 to 100. */
  target?: number;
  /** Percent, 0 to 100: replaces the industry's published benchmark. */
  benchmark?: number;
  /** The month (1-12) the fiscal year starts in: quarters and years are fiscal (`FY2025-Q1`). */
  fiscalYearStart?: number;
}

/** The core's defaults: a definition equal to this has an empty query string. */
export const DEFAULT_DEFINITION: DashboardDefinition = { ...DEFINITION_DEFAULTS, by: [] };

/**
 * The defaults of a kind of dataset's definitions: the core's for purchases; the subscription
 * upsell rate by expansion, existing subscribers, by month for subscriptions.
 *
 * @example
 * defaultDefinition(SUBSCRIPTION_CHOICES).rule // 'expansion'
 */
export function defaultDefinition(choices: DefinitionChoices = PURCHASE_CHOICES): DashboardDefinition {
  return { ...DEFAULT_DEFINITION, ...choices.defaults, by: [] };
}

/** The query parameter of each field (before any prefix such as `a.`). */
export const DEFINITION_PARAMS = {
  metric: 'metric',
  rule: 'rule',
  eligible: 'eligible',
  period: 'period',
  timeZone: 'tz',
  by: 'by',
  from: 'from',
  to: 'to',
  industry: 'industry',
  target: 'target',
  benchmark: 'benchmark',
  fiscalYearStart: 'fy',
} as const satisfies Record<keyof DashboardDefinition, string>;

/** A definition read from a URL, and what in the URL was ignored and why. */
export interface ParsedDefinition {
  definition: DashboardDefinition;
  ignored: string[];
}

const TIME_ZONE = /^[A-Za-z0-9_+\-/]{1,64}$/;

const pick = <T extends string>(options: readonly Option<T>[], text: string): T | undefined =>
  options.find((option) => option.value === text)?.value;

const percent = (text: string): number | undefined => {
  if (!/^\d+(\.\d+)?$/.test(text.trim())) return undefined;
  const value = Number(text);
  return isPercent(value) ? value : undefined;
};

/**
 * Reads a definition from query parameters (`metric`, `rule`, `eligible`, `period`, `tz`, `by`
 * repeated, `from`, `to`, `industry`, `target` and `benchmark` in percent, `fy` the fiscal year's
 * first month), each name after
 * `prefix`. A missing parameter is the default; a wrong one is ignored and said so.
 *
 * @example
 * definitionFromSearchParams(new URLSearchParams('period=month&by=channel&target=20')).definition
 * // { ...DEFAULT_DEFINITION, period: 'month', by: ['channel'], target: 20 }
 */
export function definitionFromSearchParams(
  params: URLSearchParams,
  prefix = '',
  choices: DefinitionChoices = PURCHASE_CHOICES,
): ParsedDefinition {
  const definition = defaultDefinition(choices);
  const ignored: string[] = [];
  const read = (field: keyof typeof DEFINITION_PARAMS) => {
    const value = params.get(prefix + DEFINITION_PARAMS[field]);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const refuse = (field: keyof typeof DEFINITION_PARAMS, value: string, why: string) =>
    ignored.push(`${prefix}${DEFINITION_PARAMS[field]}=${value}: ${why}`);

  const choose = <K extends 'metric' | 'rule' | 'eligible' | 'period'>(
    field: K,
    options: readonly Option<DashboardDefinition[K]>[],
  ) => {
    const text = read(field);
    if (text === undefined) return;
    const value = pick(options, text);
    if (value === undefined) refuse(field, text, `use ${options.map((o) => o.value).join(', ')}`);
    else definition[field] = value;
  };
  choose('metric', choices.metrics);
  choose('rule', choices.rules);
  choose('eligible', choices.eligibilities);
  choose('period', PERIOD_OPTIONS);

  const timeZone = read('timeZone');
  if (timeZone !== undefined) {
    if (TIME_ZONE.test(timeZone)) definition.timeZone = timeZone;
    else refuse('timeZone', timeZone, 'not a time zone name such as Europe/Paris');
  }

  const by = params
    .getAll(prefix + DEFINITION_PARAMS.by)
    .map((name) => name.trim())
    .filter((name, i, all) => name !== '' && all.indexOf(name) === i);
  definition.by = by.slice(0, MAX_SEGMENT_COLUMNS);
  if (by.length > MAX_SEGMENT_COLUMNS)
    ignored.push(
      `${prefix}by: at most ${MAX_SEGMENT_COLUMNS} dimensions; kept the first ${MAX_SEGMENT_COLUMNS}`,
    );

  const fiscal = read('fiscalYearStart');
  if (fiscal !== undefined) {
    if (/^\d{1,2}$/.test(fiscal) && Number(fiscal) >= 1 && Number(fiscal) <= 12)
      definition.fiscalYearStart = Number(fiscal);
    else refuse('fiscalYearStart', fiscal, 'use the month the fiscal year starts in, 1 to 12');
  }

  for (const field of ['from', 'to'] as const) {
    const text = read(field);
    if (text === undefined) continue;
    if (periodBounds(text, definition.fiscalYearStart) === undefined)
      refuse(
        field,
        text,
        definition.fiscalYearStart === undefined
          ? 'use a period such as 2024-Q1 or a date 2024-02-15'
          : 'use a period such as FY2025-Q1 or a date 2024-02-15',
      );
    else definition[field] = text;
  }

  const industry = read('industry');
  if (industry !== undefined) {
    const value = pick(INDUSTRY_OPTIONS, industry);
    if (value === undefined)
      refuse('industry', industry, `use ${INDUSTRY_OPTIONS.map((o) => o.value).join(', ')}`);
    else definition.industry = value;
  }

  for (const field of ['target', 'benchmark'] as const) {
    const text = read(field);
    if (text === undefined) continue;
    const value = percent(text);
    if (value === undefined) refuse(field, text, 'use a percentage from 0 to 100');
    else if (field === 'benchmark' && benchmarkLacksIndustry({ ...definition, benchmark: value }))
      refuse(field, text, 'a benchmark replaces an industry figure: choose an industry too');
    else definition[field] = value;
  }
  return { definition, ignored };
}

/**
 * Writes a definition into a copy of `params`: every parameter of the definition (after
 * `prefix`) is replaced, defaults are left out, other parameters are kept.
 *
 * @example
 * writeDefinition(new URLSearchParams('view=table'), { ...DEFAULT_DEFINITION, period: 'month' }).toString()
 * // 'view=table&period=month'
 */
export function writeDefinition(
  params: URLSearchParams,
  definition: DashboardDefinition,
  prefix = '',
  choices: DefinitionChoices = PURCHASE_CHOICES,
): URLSearchParams {
  const defaults = defaultDefinition(choices);
  const next = new URLSearchParams(params);
  for (const name of Object.values(DEFINITION_PARAMS)) next.delete(prefix + name);
  const set = (field: keyof typeof DEFINITION_PARAMS, value: string | number | undefined) => {
    if (value !== undefined) next.append(prefix + DEFINITION_PARAMS[field], String(value));
  };
  for (const field of ['metric', 'rule', 'eligible', 'period', 'timeZone'] as const) {
    if (definition[field] !== defaults[field]) set(field, definition[field]);
  }
  for (const name of definition.by) set('by', name);
  set('from', definition.from);
  set('to', definition.to);
  set('industry', definition.industry);
  set('target', definition.target);
  if (definition.industry !== undefined) set('benchmark', definition.benchmark);
  set('fiscalYearStart', definition.fiscalYearStart);
  return next;
}

/**
 * The definition as the API takes it (`metric.query`, `metric.compare`): percentages become
 * fractions, the benchmark override becomes `benchmarks: { [industry]: fraction }`.
 *
 * @example
 * toDefinitionInput({ ...DEFAULT_DEFINITION, target: 20 }).target // 0.2
 */
export function toDefinitionInput(definition: DashboardDefinition): DefinitionInput {
  const { target, benchmark, from, to, industry, ...rest } = definition;
  const input: DefinitionInput = { ...rest, by: [...rest.by] };
  if (from !== undefined) input.from = from;
  if (to !== undefined) input.to = to;
  if (industry !== undefined) {
    input.industry = industry;
    if (benchmark !== undefined) input.benchmarks = { [industry]: percentToFraction(benchmark) };
  }
  if (target !== undefined) input.target = percentToFraction(target);
  return input;
}

/**
 * The controls' form of a definition from the API (a saved definition): fractions become
 * percentages (rounded to 4 decimals, as the core's `fractionToPercent`), missing fields their
 * defaults.
 */
export function fromDefinitionInput(input: DefinitionInput): DashboardDefinition {
  const definition: DashboardDefinition = {
    metric: input.metric ?? DEFINITION_DEFAULTS.metric,
    rule: input.rule ?? DEFINITION_DEFAULTS.rule,
    eligible: input.eligible ?? DEFINITION_DEFAULTS.eligible,
    period: input.period ?? DEFINITION_DEFAULTS.period,
    timeZone: input.timeZone ?? DEFINITION_DEFAULTS.timeZone,
    by: [...(input.by ?? [])],
  };
  if (input.from !== undefined) definition.from = input.from;
  if (input.to !== undefined) definition.to = input.to;
  if (input.industry !== undefined) {
    definition.industry = input.industry;
    const benchmark = input.benchmarks?.[input.industry];
    if (benchmark !== undefined) definition.benchmark = fractionToPercent(benchmark);
  }
  if (input.target !== undefined) definition.target = fractionToPercent(input.target);
  if (input.fiscalYearStart !== undefined) definition.fiscalYearStart = input.fiscalYearStart;
  return definition;
}

/** Whether two definitions give the same numbers (the same query string). */
export function sameDefinition(a: DashboardDefinition, b: DashboardDefinition): boolean {
  const empty = new URLSearchParams();
  return writeDefinition(empty, a).toString() === writeDefinition(empty, b).toString();
}

/**
 * A definition with another period unit. A `from`/`to` label of the old unit would be refused
 * by the new one, so it becomes the first (`from`) or last (`to`) day it covers.
 *
 * @example
 * withPeriod({ ...DEFAULT_DEFINITION, from: '2024-Q1' }, 'month').from // '2024-01-01'
 */
export function withPeriod(definition: DashboardDefinition, period: PeriodUnit): DashboardDefinition {
  const next = { ...definition, period };
  const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (next.from !== undefined && !isDate(next.from)) {
    const first = periodBounds(next.from, definition.fiscalYearStart)?.first;
    if (first === undefined) delete next.from;
    else next.from = first;
  }
  if (next.to !== undefined && !isDate(next.to)) {
    const last = periodBounds(next.to, definition.fiscalYearStart)?.last;
    if (last === undefined) delete next.to;
    else next.to = last;
  }
  return next;
}

/**
 * A definition with another fiscal year start (undefined: calendar quarters and years). A
 * `from`/`to` label of a quarter or year would name other days, or none, so it becomes the first
 * (`from`) or last (`to`) day it covered.
 *
 * @example
 * withFiscalYearStart({ ...DEFAULT_DEFINITION, period: 'quarter', from: '2024-Q4' }, 10).from // '2024-10-01'
 */
export function withFiscalYearStart(
  definition: DashboardDefinition,
  fiscalYearStart: number | undefined,
): DashboardDefinition {
  const next = { ...definition };
  if (fiscalYearStart === undefined) delete next.fiscalYearStart;
  else next.fiscalYearStart = fiscalYearStart;
  const relabelled = (text: string) => /^(FY)?\d{4}(-Q[1-4])?$/.test(text);
  if (next.from !== undefined && relabelled(next.from)) {
    const first = periodBounds(next.from, definition.fiscalYearStart)?.first;
    if (first === undefined) delete next.from;
    else next.from = first;
  }
  if (next.to !== undefined && relabelled(next.to)) {
    const last = periodBounds(next.to, definition.fiscalYearStart)?.last;
    if (last === undefined) delete next.to;
    else next.to = last;
  }
  return next;
}
