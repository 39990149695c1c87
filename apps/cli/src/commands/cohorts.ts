import {
  buildCohortReport,
  buildSubscriptionCohortReport,
  type CohortReport,
  DEFINITION_DEFAULTS,
  UpsellError,
} from '@upsell/core';
import { kindOfCommandFiles } from '../compute/dataset-kind-of-files.ts';
import { computeSubscriptionsForCommand } from '../compute/subscriptions-for-command.ts';
import { computeForCommand } from '../compute-for-command.ts';
import { type DefinitionOptions, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import {
  type DatasetSource,
  metricSourceOf,
  optionsForDataset,
  type SourceOptions,
} from '../remote/metric-source.ts';
import { COHORT_REPORTERS, type CohortFormat } from '../reporters/cohort-reporters.ts';
import type { Terminal } from '../terminal.ts';
import { isParquetPath } from '../warehouse/warehouse-flags.ts';
import { refusePurchaseOnlyOptions } from './subscription-rate.ts';

/** `--columns`: a whole number of periods-since columns from 1. */
function columnsOf(text: string): number {
  const columns = Number(text);
  if (!Number.isInteger(columns) || columns < 1) {
    throw new UpsellError('INVALID_ARGUMENT', `--columns "${text}": give a whole number from 1, e.g. 12`);
  }
  return columns;
}

/** The cohort report of purchase files or subscription history read here. */
async function reportOfFiles(
  files: readonly string[],
  options: DefinitionOptions,
  terminal: Terminal,
): Promise<CohortReport> {
  const parquet = files.filter(isParquetPath);
  if (parquet.length > 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `upsell cohorts reads CSV, NDJSON and workbook files with Upsell's own readers, not Parquet (${parquet.join(', ')}): the SQL compiler gives counters per period, not each customer's first upsell`,
    );
  }
  if ((await kindOfCommandFiles(files, options)) === 'subscriptions') {
    refusePurchaseOnlyOptions(options);
    const { output } = await computeSubscriptionsForCommand(
      files,
      options,
      definitionFromOptions({ ...options, metric: 'subscription-upsell-rate' }),
      terminal,
      { cohorts: true },
    );
    return buildSubscriptionCohortReport(output.counters, output);
  }
  const computed = await computeForCommand(files, options, terminal, (job) => ({
    ...job,
    firstUpsells: true,
  }));
  return buildCohortReport(computed.counters, computed);
}

/** The cohort report of a server's dataset: what the server adds (which data, cached) left out. */
async function reportOfDataset(source: DatasetSource, options: DefinitionOptions): Promise<CohortReport> {
  // No --metric here: the dataset's kind says whether --rule is a purchase or a subscription rule.
  const fitted = await optionsForDataset(source, {
    ...options,
    metric: DEFINITION_DEFAULTS.metric,
    defaulted: [...(options.defaulted ?? []), 'metric'],
  });
  const answer = await source.connection.client.metric.cohorts.query({
    dataset: source.dataset,
    definition: definitionFromOptions(fitted),
  });
  const { datasetId: _id, datasetVersion: _version, cached: _cached, ...report } = answer;
  return report;
}

/**
 * `upsell cohorts <files...>`: acquisition cohorts by periods since their initial orders (the
 * cumulative share upsold) and the days from initial order to first upsell, estimated with
 * Kaplan-Meier per segment of `--by` (docs/metrics.md, "Cohorts and time to first upsell"). Reads
 * purchase files here, or a purchase dataset on a server (`--dataset`).
 */
export async function cohortsCommand(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & { format: CohortFormat; columns: string },
  terminal: Terminal,
): Promise<number> {
  const columns = columnsOf(options.columns);
  const source = metricSourceOf(files, options);
  const report =
    source.kind === 'files'
      ? await reportOfFiles(source.files, options, terminal)
      : await reportOfDataset(source, options);
  terminal.out(COHORT_REPORTERS[options.format](report, { columns }));
  return EXIT.ok;
}
