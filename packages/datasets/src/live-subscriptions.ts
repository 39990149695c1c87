import {
  computeSubscriptionFiles,
  type InputFile,
  type LiveSubscriptionComputation,
  type SubscriptionComputationOutput,
  type SubscriptionJob,
  startLiveSubscriptionComputation,
} from '@upsell/compute';
import { applyMetricDefaults, type Definition, type DefinitionInput, DefinitionSchema } from '@upsell/core';
import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import type { ComputationSlots } from './computation-slots.ts';
import { createLiveEntries, type LiveFilesRequest } from './live-entries.ts';
import { periodsKeyOf } from './periods-key.ts';
import type { StoreContext } from './store-context.ts';
import { subscriptionJobOf } from './subscription-job-of.ts';

/** What a live subscription computation is asked for: a dataset's subscription files, its side files and a definition. */
export interface LiveSubscriptionRequest extends LiveFilesRequest<SubscriptionJob> {
  /** The job over every file of the request; its definition's eligibility and rule are the variant asked for. */
  job: SubscriptionJob;
  files: { storedPath: string; input: InputFile }[];
}

/**
 * The engine key of a subscription definition: what a live run computes apart from eligibility
 * and rule (the fiscal year start too: it decides the periods).
 */
export const subscriptionEngineKey = (
  definition: Pick<Definition, 'period' | 'timeZone' | 'by' | 'fiscalYearStart'>,
) => JSON.stringify(periodsKeyOf(definition));

/** The eligibility and rule a request asks for, the subscription metric's defaults filled in. */
function variantOf(definition: DefinitionInput): Pick<Definition, 'eligible' | 'rule'> {
  const parsed = DefinitionSchema.parse(
    applyMetricDefaults({ ...definition, metric: 'subscription-upsell-rate' }),
  );
  return { eligible: parsed.eligible, rule: parsed.rule };
}

/**
 * The live request of a subscription dataset's files under a definition: the files in commit
 * order (each named by stored path), keyed by the definition's period, zone and segments, with
 * the dataset's currency, rates file and customers file as its sides (a new one starts anew).
 *
 * @example
 * await ctx.liveSubscriptions.computed(liveSubscriptionRequest(ctx, dataset, files, definition));
 */
export function liveSubscriptionRequest(
  ctx: Pick<StoreContext, 'vault' | 'limits'>,
  dataset: DatasetRow,
  files: readonly DatasetFileRow[],
  definition: Definition,
): LiveSubscriptionRequest {
  const job = subscriptionJobOf(ctx, dataset, files, definition);
  const subscriptions = files.filter((f) => f.kind === 'subscriptions');
  const side = (kind: string) => files.filter((f) => f.kind === kind).at(-1)?.storedPath ?? '';
  return {
    datasetId: dataset.id,
    key: subscriptionEngineKey(definition),
    job,
    files: subscriptions.map((f, i) => ({ storedPath: f.storedPath, input: job.files[i]! })),
    sides: `${dataset.currency}|fx:${side('fx')}|customers:${side('customers')}`,
  };
}

/** Options of {@link createLiveSubscriptions}. */
export interface LiveSubscriptionsOptions {
  /** Live computations kept: each holds every subscription row of its dataset, in its workers. */
  capacity: number;
  /** Worker threads of a large computation. */
  threads: number;
  slots?: ComputationSlots;
}

/**
 * Keeps up to `capacity` live subscription computations (`createLiveEntries`): a query on a
 * subscription dataset that grew since reads only the appended files into the runs that kept
 * its rows, and computes again only the customers those files touch; a query under another rule
 * or eligibility of the same period, zone and segments is answered from the same rows. Every
 * computation runs in worker threads and in one of the `slots`.
 *
 * @example
 * const lives = createLiveSubscriptions({ capacity: 1, threads: 2, slots });
 * const computed = await lives.computed(liveSubscriptionRequest(ctx, dataset, files, definition));
 */
export function createLiveSubscriptions(options: LiveSubscriptionsOptions) {
  const computeOptions = { threads: options.threads, offThread: true };
  const jobOf = (request: LiveSubscriptionRequest): SubscriptionJob => ({
    ...request.job,
    files: request.files.map((f) => f.input),
  });
  // The last output of each variant since the last file was read: a query after an append
  // (whose import read the file) or under a rule asked before costs nothing more. The first is
  // the start's, with every file's issues, for the request (an import) that started it.
  const outputs = new WeakMap<LiveSubscriptionComputation, Map<string, SubscriptionComputationOutput>>();
  const keyOf = (variant: Pick<Definition, 'eligible' | 'rule'>) => `${variant.eligible}|${variant.rule}`;
  return createLiveEntries<
    LiveSubscriptionRequest,
    LiveSubscriptionComputation,
    SubscriptionComputationOutput
  >(
    {
      start: async (request) => {
        const live = await startLiveSubscriptionComputation(jobOf(request), computeOptions);
        outputs.set(live, new Map([[keyOf(live.started.output.definition), live.started]]));
        return live;
      },
      read: async (live, missing, request) => {
        const variant = variantOf(request.job.definition);
        const output = await live.read(
          missing.map((f) => f.input),
          variant,
        );
        if (missing.length > 0 || !outputs.has(live)) outputs.set(live, new Map());
        outputs.get(live)!.set(keyOf(variant), output);
        return output;
      },
      current: (live, request) => outputs.get(live)?.get(keyOf(variantOf(request.job.definition))),
      apart: (request) => computeSubscriptionFiles(jobOf(request), computeOptions),
      close: (live) => live.close(),
    },
    options,
  );
}

export type LiveSubscriptions = ReturnType<typeof createLiveSubscriptions>;
