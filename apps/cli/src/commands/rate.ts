import { buildMetricResult, type Metric, type MetricResult } from '@upsell/core';
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
import { METRIC_REPORTERS, type MetricFormat } from '../reporters/metric-reporters.ts';
import type { Terminal } from '../terminal.ts';
import {
  type WarehouseOptions,
  type WarehouseTarget,
  warehouseTargetOf,
} from '../warehouse/warehouse-flags.ts';
import { optionsForKind, subscriptionRateOfFiles } from './subscription-rate.ts';

/** The metrics an industry benchmark is given for: customer upsell rates, of purchases or subscriptions. */
const HAS_BENCHMARKS = new Set<Metric>(['customer-upsell-rate', 'subscription-upsell-rate']);

/** True when a row of the latest reported period is below the target. */
export function belowTarget(result: MetricResult): boolean {
  const latest = result.rows.at(-1)?.period;
  return result.rows.some((row) => row.period === latest && row.target !== undefined && !row.target.met);
}

/** The result of the options' definition: computed from the files here, or asked of the dataset's server. */
async function resultOf(source: MetricSource, given: DefinitionOptions, terminal: Terminal) {
  if (source.kind === 'files') {
    const { kind, options } = await optionsForKind(source.files, given);
    if (kind === 'subscriptions') {
      return (await subscriptionRateOfFiles(source.files, options, definitionFromOptions(options), terminal))
        .result;
    }
    const computed = await computeForCommand(source.files, options, terminal);
    return buildMetricResult(computed.counters, computed);
  }
  const options = await optionsForDataset(source, given);
  const result = await queryMetric(source, definitionFromOptions(options));
  noteRejectedRows(source, result, terminal);
  return result;
}

/** The result computed through SQL, on `--source` or on Parquet files (DuckDB loaded only then). */
async function warehouseResultOf(target: WarehouseTarget, options: DefinitionOptions, terminal: Terminal) {
  const { warehouseMetricOf } = await import('../warehouse/warehouse-metric.ts');
  return (await warehouseMetricOf(target, options, definitionFromOptions(options), terminal)).result;
}

/**
 * The result of a definition wherever its rows are: files here (purchases or subscription
 * history), a server's dataset, a database (`--source`) or Parquet files. `upsell rate` prints
 * it; `upsell explain` explains its change.
 */
export async function metricResultOf(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & WarehouseOptions,
  terminal: Terminal,
): Promise<MetricResult> {
  const target = warehouseTargetOf(files, options);
  return target === undefined
    ? await resultOf(metricSourceOf(files, options), options, terminal)
    : await warehouseResultOf(target, options, terminal);
}

/**
 * `upsell rate <files...>`, `upsell rate --dataset <name>` or `upsell rate --source <url> --table
 * <name>` (and Parquet files, read through DuckDB): one metric in a table, JSON or CSV.
 */
export async function rateCommand(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & WarehouseOptions & { format: MetricFormat },
  terminal: Terminal,
): Promise<number> {
  const result = await metricResultOf(files, options, terminal);
  if (options.industry !== undefined && !HAS_BENCHMARKS.has(result.metric)) {
    terminal.err(
      `note: industry benchmarks are customer upsell rates; none is shown beside the ${result.metric}\n`,
    );
  }
  terminal.out(METRIC_REPORTERS[options.format](result, terminal));
  return belowTarget(result) ? EXIT.failed : EXIT.ok;
}
