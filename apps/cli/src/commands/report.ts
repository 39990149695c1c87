import { buildMetricResult, INDUSTRY_BENCHMARK_SOURCES, type MetricResult } from '@upsell/core';
import { computeForCommand } from '../compute-for-command.ts';
import { type DefinitionOptions, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { type MetricSource, metricSourceOf, type SourceOptions } from '../remote/metric-source.ts';
import { noteRejectedRows, queryMetric } from '../remote/query-metric.ts';
import { bandWords } from '../reporters/band-words.ts';
import { percent, points } from '../reporters/format-number.ts';
import { tableReporter } from '../reporters/metric-reporters.ts';
import { paint, type Terminal } from '../terminal.ts';
import { belowTarget } from './rate.ts';

/** The latest period of the unsegmented customer rate, in one sentence. */
function headline(result: MetricResult): string | undefined {
  const latest = result.rows.at(-1);
  if (!latest || result.definition.by.length > 0) return undefined;
  const parts = [
    `${latest.period}: ${percent(latest.rate)} of eligible customers bought an upsell (${latest.numerator.toLocaleString('en-US')} of ${latest.denominator.toLocaleString('en-US')}), ${bandWords(latest, result.metric)}`,
  ];
  if (latest.change) {
    parts.push(
      `${points(latest.change.difference)} vs ${latest.change.previousPeriod}${latest.change.significant ? ' (significant)' : ' (not significant)'}`,
    );
  }
  if (latest.benchmark) {
    parts.push(
      `${points(latest.benchmark.difference)} vs the ${latest.benchmark.industry} benchmark ${percent(latest.benchmark.rate, 0)} (${INDUSTRY_BENCHMARK_SOURCES[latest.benchmark.industry]})`,
    );
  }
  if (latest.target)
    parts.push(`${latest.target.met ? 'meets' : 'below'} the target ${percent(latest.target.rate)}`);
  return parts.join('; ');
}

/** Both results of a report: the customer upsell rate with its definition, the purchase up-sell rate bare. */
async function resultsOf(
  source: MetricSource,
  options: DefinitionOptions,
  terminal: Terminal,
): Promise<[customer: MetricResult, purchase: MetricResult]> {
  const customerOptions = { ...options, metric: 'customer-upsell-rate' as const };
  if (source.kind === 'files') {
    const computed = await computeForCommand(source.files, customerOptions, terminal);
    const customer = buildMetricResult(computed.counters, computed);
    // --target and --industry are about the customer upsell rate; the purchase rate is shown beside it bare.
    const { target: _target, industry: _industry, ...bare } = computed.definition;
    const purchase = buildMetricResult(computed.counters, {
      ...computed,
      definition: { ...bare, metric: 'purchase-upsell-rate' },
    });
    return [customer, purchase];
  }
  const definition = definitionFromOptions(customerOptions);
  const { target: _target, industry: _industry, ...bare } = definition;
  const results = await Promise.all([
    queryMetric(source, definition),
    queryMetric(source, { ...bare, metric: 'purchase-upsell-rate' }),
  ]);
  noteRejectedRows(source, results[0], terminal);
  return results;
}

/**
 * `upsell report <files...>` or `upsell report --dataset <name>`: both rates per period, for
 * people (or both results as JSON).
 */
export async function reportCommand(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & { format: 'table' | 'json' },
  terminal: Terminal,
): Promise<number> {
  const source = metricSourceOf(files, options);
  const [customer, purchase] = await resultsOf(source, options, terminal);
  if (options.format === 'json') {
    terminal.out(`${JSON.stringify({ results: [customer, purchase] }, null, 2)}\n`);
  } else {
    const name = source.kind === 'files' ? source.files.join(', ') : source.dataset;
    const top = headline(customer);
    terminal.out(`${paint(terminal, 'bold', `Upsell report: ${name}`)}\n`);
    if (top) terminal.out(`${top}\n`);
    terminal.out(`\n${tableReporter(customer, terminal)}\n${tableReporter(purchase, terminal)}`);
  }
  return belowTarget(customer) ? EXIT.failed : EXIT.ok;
}
