import { type Eligibility, MONTH_NAMES, type PeriodUnit, type Rule } from '@upsell/core';
import type { DashboardDefinition } from './dashboard-definition.ts';
import { INDUSTRY_OPTIONS, metricLabel } from './definition-choices.ts';
import { formatPercent } from './format-metric.ts';

const RULE_WORDS: Record<Rule, string> = {
  auto: 'rule from the columns',
  flag: 'flag rule',
  tier: 'tier rule',
  price: 'price rule',
  additional: 'additional-purchase rule',
  expansion: 'expansion rule',
  upgrade: 'upgrade rule',
  add_on: 'add-on rule',
  quantity: 'quantity rule',
};

const ELIGIBLE_WORDS: Record<Eligibility, string> = {
  all: 'all customers',
  existing: 'existing customers',
  active: 'active customers',
};

const PERIOD_WORDS: Record<PeriodUnit, string> = {
  day: 'by day',
  week: 'by ISO week',
  month: 'by month',
  quarter: 'by quarter',
  year: 'by year',
  all: 'over all time',
};

/**
 * The period unit in words: `by quarter`, or `by fiscal quarter (years from October)` when
 * quarters and years are fiscal; shared with the subscription dashboard's sentence.
 *
 * @example
 * periodWords('quarter', 10) // 'by fiscal quarter (years from October)'
 */
export function periodWords(period: PeriodUnit, fiscalYearStart?: number): string {
  if (fiscalYearStart === undefined || (period !== 'quarter' && period !== 'year'))
    return PERIOD_WORDS[period];
  return `by fiscal ${period} (years from ${MONTH_NAMES[fiscalYearStart - 1]})`;
}

/** What the server resolved the definition to (the rule `auto` picked), when a result is in. */
export interface ResolvedDefinition {
  rule: Rule;
}

/**
 * The definition as one line of plain words, the way a person would say it, with only the parts
 * that are set: `Customer upsell rate, tier rule, all customers, by quarter, UTC`. The rule is
 * the one the server resolved when known (`auto` becomes the rule it chose).
 *
 * @example
 * definitionSentence({ ...DEFAULT_DEFINITION, by: ['channel'], target: 12 }, { rule: 'tier' })
 * // 'Customer upsell rate, tier rule, all customers, by quarter, UTC, by channel, target 12.0%'
 */
export function definitionSentence(definition: DashboardDefinition, resolved?: ResolvedDefinition): string {
  const rule = resolved?.rule ?? definition.rule;
  const parts = [
    metricLabel(definition.metric),
    RULE_WORDS[rule],
    ELIGIBLE_WORDS[definition.eligible],
    periodWords(definition.period, definition.fiscalYearStart),
    definition.timeZone,
  ];
  if (definition.by.length > 0) parts.push(`by ${definition.by.join(' and ')}`);
  if (definition.from !== undefined && definition.to !== undefined)
    parts.push(`${definition.from} to ${definition.to}`);
  else if (definition.from !== undefined) parts.push(`from ${definition.from}`);
  else if (definition.to !== undefined) parts.push(`up to ${definition.to}`);
  if (definition.industry !== undefined) {
    const name = INDUSTRY_OPTIONS.find((o) => o.value === definition.industry)?.label.replace(/ \(.*$/, '');
    parts.push(
      definition.benchmark === undefined
        ? `${name} benchmark`
        : `${name} benchmark ${formatPercent(definition.benchmark / 100)}`,
    );
  }
  if (definition.target !== undefined) parts.push(`target ${formatPercent(definition.target / 100)}`);
  return parts.join(', ');
}
