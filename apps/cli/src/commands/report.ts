import {
  buildMetricResult,
  buildMrrMovementsResult,
  INDUSTRY_BENCHMARK_SOURCES,
  isSubscriptionMetric,
  type MetricResult,
  type MrrMovementsResult,
} from '@upsell/core';
import { type DatasetKind, kindOfCommandFiles } from '../compute/dataset-kind-of-files.ts';
import { computeForCommand } from '../compute-for-command.ts';
import { type DefinitionOptions, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import {
  type MetricSource,
  metricSourceOf,
  optionsForDataset,
  type SourceOptions,
} from '../remote/metric-source.ts';
import { noteRejectedRows, queryMetric } from '../remote/query-metric.ts';
import { queryMovements } from '../remote/query-movements.ts';
import { bandWords } from '../reporters/band-words.ts';
import { percent, points, whole } from '../reporters/format-number.ts';
import { tableReporter } from '../reporters/metric-reporters.ts';
import { mrrTableReporter } from '../reporters/mrr-reporters.ts';
import { paint, type Terminal } from '../terminal.ts';
import {
  type WarehouseOptions,
  type WarehouseTarget,
  warehouseTargetOf,
} from '../warehouse/warehouse-flags.ts';
import { belowTarget } from './rate.ts';
import { subscriptionRateOfFiles } from './subscription-rate.ts';

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
 * Both results of a report computed through SQL (on `--source` or Parquet files): one statement,
 * whose counters give the purchase up-sell rate too, as a file's do.
 */
async function warehouseResultsOf(
  target: WarehouseTarget,
  options: DefinitionOptions & WarehouseOptions,
  terminal: Terminal,
): Promise<[customer: MetricResult, purchase: MetricResult, name: string]> {
  const { warehouseMetricOf, shownTargetOf } = await import('../warehouse/warehouse-metric.ts');
  const { buildSqlMetricResult } = await import('@upsell/sql');
  const customerOptions = { ...options, metric: 'customer-upsell-rate' as const };
  const output = await warehouseMetricOf(
    target,
    customerOptions,
    definitionFromOptions(customerOptions),
    terminal,
  );
  // --target and --industry are about the customer upsell rate; the purchase rate is shown beside it bare.
  const { target: _target, industry: _industry, ...bare } = output.compiled.definition;
  const purchase = buildSqlMetricResult(
    { ...output.compiled, definition: { ...bare, metric: 'purchase-upsell-rate' } },
    output.rateRows,
  );
  return [output.result, purchase, shownTargetOf(target)];
}

/** The latest period of the subscription upsell rate with its bridge's retention, in one sentence. */
function subscriptionHeadline(rate: MetricResult, bridge: MrrMovementsResult): string | undefined {
  const latest = rate.rows.at(-1);
  if (!latest || rate.definition.by.length > 0) return undefined;
  const parts = [
    `${latest.period}: ${percent(latest.rate)} of eligible subscribers expanded (${whole(latest.numerator)} of ${whole(latest.denominator)}, rule ${rate.definition.rule}), ${bandWords(latest, rate.metric)}`,
  ];
  if (latest.benchmark) {
    parts.push(
      `${points(latest.benchmark.difference)} vs the ${latest.benchmark.industry} benchmark ${percent(latest.benchmark.rate, 0)} (${INDUSTRY_BENCHMARK_SOURCES[latest.benchmark.industry]})`,
    );
  }
  if (latest.target)
    parts.push(`${latest.target.met ? 'meets' : 'below'} the target ${percent(latest.target.rate)}`);
  const row = bridge.rows.find((r) => r.period === latest.period);
  if (row && row.nrr !== null && row.grr !== null && row.logo_retention !== null) {
    parts.push(
      `NRR ${percent(row.nrr)}, GRR ${percent(row.grr)}, logo churn ${percent(1 - row.logo_retention)}`,
    );
  }
  return parts.join('; ');
}

/**
 * The subscription report's results: the subscription upsell rate (against the SaaS benchmark
 * unless --industry says otherwise) and the MRR bridge of the same definition.
 */
async function subscriptionResultsOf(
  source: MetricSource,
  options: DefinitionOptions,
  terminal: Terminal,
): Promise<[rate: MetricResult, bridge: MrrMovementsResult]> {
  const rateOptions = { ...options, metric: 'subscription-upsell-rate' as const };
  const definition = { industry: 'saas' as const, ...definitionFromOptions(rateOptions) };
  if (source.kind === 'files') {
    const { result, computed } = await subscriptionRateOfFiles(
      source.files,
      rateOptions,
      definition,
      terminal,
    );
    return [result, buildMrrMovementsResult(computed.output.counters, computed.output)];
  }
  const {
    metric: _metric,
    rule: _rule,
    eligible: _eligible,
    industry: _industry,
    target: _target,
    ...bridge
  } = definition;
  const [rate, movements] = await Promise.all([
    queryMetric(source, definition),
    queryMovements(source, bridge, terminal),
  ]);
  return [rate, movements];
}

/** What the report's source holds: the files' kind, or the dataset's as its server says. */
async function kindOfSource(source: MetricSource, options: DefinitionOptions): Promise<DatasetKind> {
  if (source.kind === 'files') return kindOfCommandFiles(source.files, options);
  const asked = await optionsForDataset(source, { ...options, defaulted: ['metric'] });
  return isSubscriptionMetric(asked.metric) ? 'subscriptions' : 'purchases';
}

/**
 * `upsell report <files...>` or `upsell report --dataset <name>`: both rates per period, for
 * people (or both results as JSON); on subscription history, the subscription upsell rate with
 * retention, the MRR bridge and the rate table.
 */
export async function reportCommand(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & WarehouseOptions & { format: 'table' | 'json' },
  terminal: Terminal,
): Promise<number> {
  const target = warehouseTargetOf(files, options);
  if (target !== undefined) {
    const [customer, purchase, name] = await warehouseResultsOf(target, options, terminal);
    return printPurchaseReport(customer, purchase, name, options.format, terminal);
  }
  const source = metricSourceOf(files, options);
  const name = source.kind === 'files' ? source.files.join(', ') : source.dataset;
  if ((await kindOfSource(source, options)) === 'subscriptions') {
    const [rate, bridge] = await subscriptionResultsOf(source, options, terminal);
    if (options.format === 'json') {
      terminal.out(`${JSON.stringify({ results: [rate], movements: bridge }, null, 2)}\n`);
    } else {
      const top = subscriptionHeadline(rate, bridge);
      terminal.out(`${paint(terminal, 'bold', `Upsell report: ${name}`)}\n`);
      if (top) terminal.out(`${top}\n`);
      terminal.out(`\n${mrrTableReporter(bridge, terminal)}\n${tableReporter(rate, terminal)}`);
    }
    return belowTarget(rate) ? EXIT.failed : EXIT.ok;
  }
  const [customer, purchase] = await resultsOf(source, options, terminal);
  return printPurchaseReport(customer, purchase, name, options.format, terminal);
}

/** Prints the report of purchases: both results as JSON, or the headline and both tables. */
function printPurchaseReport(
  customer: MetricResult,
  purchase: MetricResult,
  name: string,
  format: 'table' | 'json',
  terminal: Terminal,
): number {
  if (format === 'json') {
    terminal.out(`${JSON.stringify({ results: [customer, purchase] }, null, 2)}\n`);
  } else {
    const top = headline(customer);
    terminal.out(`${paint(terminal, 'bold', `Upsell report: ${name}`)}\n`);
    if (top) terminal.out(`${top}\n`);
    terminal.out(`\n${tableReporter(customer, terminal)}\n${tableReporter(purchase, terminal)}`);
  }
  return belowTarget(customer) ? EXIT.failed : EXIT.ok;
}
