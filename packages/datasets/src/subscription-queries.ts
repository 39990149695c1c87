import type { SubscriptionComputationOutput } from '@upsell/compute';
import {
  applyMetricDefaults,
  buildMrrMovementsResult,
  buildSubscriptionDrillDown,
  buildSubscriptionRateResult,
  createPeriodCalendar,
  type Definition,
  type DefinitionInput,
  isSubscriptionMetric,
  type SubscriptionDrillDown,
  type SubscriptionExplanation,
} from '@upsell/core';
import type { DatasetRow } from '@upsell/db';
import { LRUCache } from 'lru-cache';
import type { DatasetMetricResult, DatasetMovementsResult, MovementTarget, Page } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import { liveSubscriptionRequest } from './live-subscriptions.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { periodsKeyOf } from './periods-key.ts';
import { resultBytes, resultRowBound } from './result-size.ts';
import type { StoreContext } from './store-context.ts';
import { subscriptionJobOf } from './subscription-job-of.ts';
import { unlessDeleted } from './unless-deleted.ts';

/**
 * Refuses a purchase metric on a subscription dataset (and the other way round in the purchase
 * queries): `KIND_MISMATCH`, naming the dataset's kind and the metric's.
 */
export function checkMetricFitsDataset(dataset: DatasetRow, definition: Pick<Definition, 'metric'>): void {
  const subscriptions = dataset.kind === 'subscriptions';
  if (isSubscriptionMetric(definition.metric) === subscriptions) return;
  throw new DatasetStoreError(
    'KIND_MISMATCH',
    subscriptions
      ? `dataset "${dataset.name}" holds subscriptions: ${definition.metric} is computed from purchase lines; use subscription-upsell-rate (or metric.movements for the MRR bridge)`
      : `dataset "${dataset.name}" holds ${dataset.kind ?? 'no data yet'}: ${definition.metric} is computed from subscription history; use a purchase metric such as upsell-rate`,
    { datasetKind: dataset.kind, metric: definition.metric },
  );
}

/** Refuses a subscription procedure on a dataset that does not hold subscriptions. */
function checkSubscriptions(dataset: DatasetRow, what: string): void {
  if (dataset.kind === 'subscriptions') return;
  throw new DatasetStoreError(
    'KIND_MISMATCH',
    `dataset "${dataset.name}" holds ${dataset.kind ?? 'no data yet'}: ${what} is computed from subscription history`,
    { datasetKind: dataset.kind },
  );
}

const approxBytes = (value: unknown) => 2 * JSON.stringify(value).length + 1024;

/**
 * A subscription dataset's numbers: the subscription upsell rate (a normal metric result), the
 * MRR bridge, and the customers and movements behind one figure. Rates and bridges come from the
 * dataset's live computation (`live-subscriptions.ts`: after an append only the appended rows and
 * their customers are computed again); drill-downs are computed from the files with `explain`.
 * Each is cached per dataset version, reporting currency, rates file and definition.
 *
 * @example
 * const subscriptions = createSubscriptionQueries(ctx, { cacheBytes: 64 * 1024 ** 2 });
 * const bridge = await subscriptions.movements('saas', { period: 'month' });
 */
export function createSubscriptionQueries(ctx: StoreContext, options: { cacheBytes: number }) {
  const { maxResultRows, maxDrillDownItems } = ctx.limits;
  const results = new LRUCache<string, DatasetMetricResult | DatasetMovementsResult>({
    maxSize: Math.max(1, Math.floor(options.cacheBytes / 2)),
    sizeCalculation: (r) =>
      'metric' in r && r.metric === 'mrr-movements' ? approxBytes(r) : resultBytes(r as DatasetMetricResult),
  });
  const explanations = new LRUCache<string, SubscriptionExplanation & { by: string[] }>({
    maxSize: Math.max(1, Math.floor(options.cacheBytes / 2)),
    sizeCalculation: approxBytes,
  });

  /** The key of a dataset's computation: version, kind, currency, rates file, definition. */
  const keyOf = async (dataset: DatasetRow, what: string, definition: unknown) => {
    const files = await ctx.files.filesOf(dataset);
    const fx = files.filter((f) => f.kind === 'fx').at(-1)?.sha256 ?? 'none';
    return {
      files,
      key: `${dataset.id}@${dataset.version}#${dataset.kind}#${dataset.currency}#fx:${fx}#${what}#${JSON.stringify(definition)}`,
    };
  };

  /**
   * A subscription dataset's output under a definition: from its live computation (appended
   * files read into the rows it keeps), or for a drill-down computed apart with `explain`.
   */
  const compute = async (
    dataset: DatasetRow,
    definition: Definition,
    files: Parameters<typeof subscriptionJobOf>[2],
    explain?: MovementTarget,
  ) => {
    let computed: SubscriptionComputationOutput;
    if (explain) {
      const job = subscriptionJobOf(ctx, dataset, files, definition);
      job.explain = { ...explain, limit: maxDrillDownItems };
      computed = await unlessDeleted(ctx.db, dataset, () => ctx.computeSubscriptions(job, false));
    } else {
      const request = liveSubscriptionRequest(ctx, dataset, files, definition);
      computed = await unlessDeleted(ctx.db, dataset, () => ctx.liveSubscriptions.computed(request));
    }
    const rows = resultRowBound(
      computed.output.counters,
      computed.output.definition,
      computed.output.calendar,
    );
    if (rows > maxResultRows) {
      throw new DatasetStoreError(
        'LIMIT_EXCEEDED',
        `this result would have up to ${rows.toLocaleString('en-US')} rows (periods x segments), over the limit of ${maxResultRows.toLocaleString('en-US')} (UPSELL_MAX_RESULT_ROWS): choose a longer period, fewer segment columns, or a from/to range`,
        { limit: maxResultRows },
      );
    }
    return computed.output;
  };

  return {
    /** The subscription upsell rate of a subscription dataset (the definition's defaults applied). */
    async query(dataset: DatasetRow, input: DefinitionInput): Promise<DatasetMetricResult> {
      const definition = parseQueryDefinition(applyMetricDefaults(input));
      checkMetricFitsDataset(dataset, definition);
      const { files, key } = await keyOf(dataset, 'rate', definition);
      const cached = results.get(key) as DatasetMetricResult | undefined;
      if (cached) return { ...cached, cached: true };
      const output = await compute(dataset, definition, files);
      const result: DatasetMetricResult = {
        ...buildSubscriptionRateResult(output.counters, { ...output, definition }),
        datasetId: dataset.id,
        datasetVersion: dataset.version,
        cached: false,
      };
      results.set(key, result);
      return result;
    },

    /** The MRR bridge per period and segment (the spec's JSON). */
    async movements(dataset: DatasetRow, input: DefinitionInput): Promise<DatasetMovementsResult> {
      checkSubscriptions(dataset, 'the MRR bridge');
      const definition = parseQueryDefinition(
        applyMetricDefaults({ ...input, metric: 'subscription-upsell-rate' }),
      );
      const bridge = { ...periodsKeyOf(definition), from: definition.from, to: definition.to };
      const { files, key } = await keyOf(dataset, 'movements', bridge);
      const cached = results.get(key) as DatasetMovementsResult | undefined;
      if (cached) return { ...cached, cached: true };
      const output = await compute(dataset, definition, files);
      const result: DatasetMovementsResult = {
        ...buildMrrMovementsResult(output.counters, { ...output, definition }),
        datasetId: dataset.id,
        datasetVersion: dataset.version,
        cached: false,
      };
      results.set(key, result);
      return result;
    },

    /** The customers and movements behind one figure, a page of them (customers by id). */
    async movementCustomers(
      dataset: DatasetRow,
      input: DefinitionInput,
      target: MovementTarget,
      page: Page & { search?: string },
    ): Promise<SubscriptionDrillDown> {
      checkSubscriptions(dataset, 'a subscription drill-down');
      const definition = parseQueryDefinition(
        applyMetricDefaults({ ...input, metric: input.metric ?? 'subscription-upsell-rate' }),
      );
      checkMetricFitsDataset(dataset, definition);
      const explain: MovementTarget = {
        period: target.period,
        figure: target.figure,
        ...(target.segment ? { segment: target.segment } : {}),
      };
      const { files, key } = await keyOf(dataset, 'explain', { definition, explain });
      let explanation = explanations.get(key);
      if (!explanation) {
        const output = await compute(dataset, definition, files, explain);
        explanation = { ...output.explanation!, by: definition.by };
        explanations.set(key, explanation);
      }
      const calendar = createPeriodCalendar(
        definition.period,
        definition.timeZone,
        definition.fiscalYearStart,
      );
      return buildSubscriptionDrillDown(
        explanation,
        { definition, calendar },
        {
          offset: page.offset ?? 0,
          limit: Math.min(page.limit ?? 100, 1000),
          ...(page.search ? { search: page.search } : {}),
        },
      );
    },

    /** Drops a deleted dataset's results and drill-downs. */
    forget(datasetId: string): void {
      for (const cache of [results, explanations] as LRUCache<string, object>[]) {
        for (const key of [...cache.keys()]) if (key.startsWith(`${datasetId}@`)) cache.delete(key);
      }
    },
  };
}

export type SubscriptionQueries = ReturnType<typeof createSubscriptionQueries>;
