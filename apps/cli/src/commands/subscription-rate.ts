import type { SubscriptionComputationOutput } from '@upsell/compute';
import {
  buildSubscriptionRateResult,
  type DefinitionInput,
  isSubscriptionMetric,
  type MetricResult,
  UpsellError,
} from '@upsell/core';
import { type DatasetKind, kindMismatch, kindOfCommandFiles } from '../compute/dataset-kind-of-files.ts';
import { computeSubscriptionsForCommand } from '../compute/subscriptions-for-command.ts';
import type { DefinitionOptions } from '../definition-flags.ts';
import { checkResultRows } from '../result-row-limit.ts';
import type { Terminal } from '../terminal.ts';

/** The flags a subscription file has no use for: a catalog gives purchase lines their tiers. */
export function refusePurchaseOnlyOptions(options: Pick<DefinitionOptions, 'catalog'>): void {
  if (options.catalog !== undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      '--catalog gives purchase lines their tiers: subscription history has its tiers in a tier column (--map tier=<column>)',
    );
  }
}

/**
 * The subscription upsell rate of subscription files read here, and the computation it came
 * from (whose counters also give the MRR bridge).
 *
 * @example
 * const { result } = await subscriptionRateOfFiles(['subs.csv'], options, definition, terminal);
 */
export async function subscriptionRateOfFiles(
  files: readonly string[],
  options: DefinitionOptions,
  definition: DefinitionInput,
  terminal: Terminal,
): Promise<{ result: MetricResult; computed: SubscriptionComputationOutput }> {
  refusePurchaseOnlyOptions(options);
  const computed = await computeSubscriptionsForCommand(files, options, definition, terminal);
  checkResultRows(computed.output);
  return { result: buildSubscriptionRateResult(computed.output.counters, computed.output), computed };
}

/**
 * The options with the metric that fits the files' kind: a subscription file takes the
 * subscription upsell rate when `--metric` was left at its default; a metric of the other kind
 * is a usage error saying which kind the files are.
 *
 * @example
 * await optionsForKind(['subs.csv'], options) // { ...options, metric: 'subscription-upsell-rate' }
 */
export async function optionsForKind<
  T extends Pick<DefinitionOptions, 'metric' | 'defaulted' | 'map' | 'sheet'>,
>(files: readonly string[], options: T): Promise<{ kind: DatasetKind; options: T }> {
  const kind = await kindOfCommandFiles(files, options);
  const subscription = isSubscriptionMetric(options.metric);
  if (kind === 'subscriptions' && !subscription) {
    if (options.defaulted?.includes('metric')) {
      return { kind, options: { ...options, metric: 'subscription-upsell-rate' } };
    }
    throw kindMismatch(files, kind, `--metric ${options.metric}`);
  }
  if (kind === 'purchases' && subscription) throw kindMismatch(files, kind, `--metric ${options.metric}`);
  return { kind, options };
}
