import { UpsellError } from '@upsell/core';
import type { Command } from 'commander';
import type { DefinitionOptions } from '../definition-flags.ts';
import { addServerOptions, type Connection, connect, type ServerOptions } from './connect.ts';

/** `--dataset` beside `--server` and `--token`, as commander parses them. */
export interface SourceOptions extends ServerOptions {
  dataset?: string;
}

/** Where a metric command's numbers come from: files read here, or a dataset on a server. */
export type MetricSource =
  | { kind: 'files'; files: readonly string[] }
  | { kind: 'dataset'; dataset: string; connection: Connection };

/** A dataset on a server, as {@link metricSourceOf} resolves it. */
export type DatasetSource = Extract<MetricSource, { kind: 'dataset' }>;

// Options that read files here or tune the computation here: a dataset's files are on the server.
const OFFLINE_ONLY = new Set([
  'customers',
  'catalog',
  'map',
  'dateFormat',
  'numberFormat',
  'threads',
  'passes',
  'maxMemory',
  'skipBadRows',
  'stats',
  'currency',
  'fx',
]);

/** The offline-only options given with --dataset: an error naming them, checked before the action. */
function refuseOfflineOptions(command: Command): void {
  const dataset = (command.opts() as SourceOptions).dataset;
  if (dataset === undefined) return;
  const given = command.options
    .filter(
      (option) =>
        OFFLINE_ONLY.has(option.attributeName()) &&
        command.getOptionValueSource(option.attributeName()) === 'cli',
    )
    .map((option) => option.long ?? option.attributeName());
  if (given.length > 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for files read here, not --dataset: dataset "${dataset}" already holds its files (with its column mapping and customers file), and the server reads them`,
    );
  }
}

/**
 * Adds `--dataset`, `--server` and `--token` to a command that computes a metric, and refuses
 * the options that only apply to files read here when `--dataset` is given.
 */
export function addDatasetOptions(command: Command): Command {
  addServerOptions(
    command.option('--dataset <name>', 'compute on a dataset of an Upsell server instead of files'),
  );
  return command.hook('preAction', (self) => refuseOfflineOptions(self));
}

/**
 * The files or the dataset a metric command reads: exactly one of them. `--server` and
 * `--token` go with `--dataset` only; the environment's UPSELL_SERVER and UPSELL_TOKEN are
 * read only when a dataset is asked for.
 *
 * @example
 * metricSourceOf([], { dataset: 'shop', server: 'http://localhost:3000', token }) // { kind: 'dataset', dataset: 'shop', connection }
 */
export function metricSourceOf(files: readonly string[], options: SourceOptions): MetricSource {
  if (options.dataset === undefined) {
    if (files.length === 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        'give purchase files, or --dataset <name> for a dataset on an Upsell server',
      );
    }
    const remote = [
      ...(options.server === undefined ? [] : ['--server']),
      ...(options.token === undefined ? [] : ['--token']),
    ];
    if (remote.length > 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `${remote.join(' and ')} ${remote.length === 1 ? 'goes' : 'go'} with --dataset <name>: without it the files are read here`,
      );
    }
    return { kind: 'files', files };
  }
  if (files.length > 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `give files or --dataset, not both: dataset "${options.dataset}" already holds its files`,
    );
  }
  return { kind: 'dataset', dataset: options.dataset, connection: connect(options) };
}

/**
 * The options with the metric that fits the dataset's kind: a subscription dataset takes the
 * subscription upsell rate when `--metric` was left at its default, as a subscription file does.
 * Asks the server for the dataset's kind only then.
 *
 * @example
 * await optionsForDataset(source, options) // { ...options, metric: 'subscription-upsell-rate' } for a subscription dataset
 */
export async function optionsForDataset<T extends Pick<DefinitionOptions, 'metric' | 'defaulted'>>(
  source: DatasetSource,
  options: T,
): Promise<T> {
  if (!options.defaulted?.includes('metric')) return options;
  const dataset: object = await source.connection.client.dataset.byId.query({ id: source.dataset });
  const subscriptions = 'kind' in dataset && dataset.kind === 'subscriptions';
  return subscriptions ? { ...options, metric: 'subscription-upsell-rate' } : options;
}
