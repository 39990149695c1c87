import type { DefinitionInput } from '@upsell/core';

type Industry = NonNullable<DefinitionInput['industry']>;

/**
 * The API definition a dashboard URL names, read here on its own (not with the UI's parser) so
 * the suite checks the UI against the documented URL parameters: `metric`, `rule`, `eligible`,
 * `period`, `tz`, `by` (repeated), `from`, `to`, `industry`, `target` and `benchmark` in
 * percent, and `fy` (the fiscal year's first month). A parameter it does not know fails the test rather than being dropped.
 *
 * @example
 * definitionFromUrl('http://h/datasets/demo?period=month&target=20') // { period: 'month', target: 0.2 }
 */
export function definitionFromUrl(href: string): DefinitionInput {
  const params = new URL(href).searchParams;
  const definition: DefinitionInput = {};
  const fraction = (percent: string) => Number(percent) / 100;
  for (const [name, value] of params) {
    switch (name) {
      case 'metric':
        definition.metric = value as DefinitionInput['metric'];
        break;
      case 'rule':
        definition.rule = value as DefinitionInput['rule'];
        break;
      case 'eligible':
        definition.eligible = value as DefinitionInput['eligible'];
        break;
      case 'period':
        definition.period = value as DefinitionInput['period'];
        break;
      case 'tz':
        definition.timeZone = value;
        break;
      case 'by':
        definition.by = [...(definition.by ?? []), value];
        break;
      case 'from':
      case 'to':
        definition[name] = value;
        break;
      case 'industry':
        definition.industry = value as Industry;
        break;
      case 'target':
        definition.target = fraction(value);
        break;
      case 'benchmark':
        break;
      case 'fy':
        definition.fiscalYearStart = Number(value);
        break;
      default:
        throw new Error(`definitionFromUrl: unknown parameter ${name}=${value} in ${href}`);
    }
  }
  const benchmark = params.get('benchmark');
  if (benchmark !== null && definition.industry !== undefined) {
    definition.benchmarks = { [definition.industry]: fraction(benchmark) };
  }
  return definition;
}
