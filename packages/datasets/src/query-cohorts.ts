import {
  applyMetricDefaults,
  buildCohortReport,
  buildSubscriptionCohortReport,
  type CohortReport,
  type Definition,
  type DefinitionInput,
} from '@upsell/core';
import type { DatasetRow } from '@upsell/db';
import { LRUCache } from 'lru-cache';
import type { DatasetCohortReport } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import { liveRequest } from './live-request.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { periodsKeyOf } from './periods-key.ts';
import type { StoreContext } from './store-context.ts';
import { subscriptionJobOf } from './subscription-job-of.ts';
import { unlessDeleted } from './unless-deleted.ts';

/** The engine's side of a cohort report: its own live computation, apart from the rates'. */
const cohortKey = (d: Definition) =>
  JSON.stringify({
    rule: d.rule,
    ...periodsKeyOf(d),
    firstUpsells: true,
  });

// About the bytes of a report in memory: its JSON's characters, two bytes each.
const reportBytes = (report: DatasetCohortReport) => 2 * JSON.stringify(report).length + 1024;

/**
 * A dataset's acquisition cohorts and time to first upsell (`upsell cohorts --format json`):
 * of a purchase dataset by a live computation that also summarises each customer's first upsell,
 * of a subscription dataset by a computation of its history with cohorts (each cohort's MRR and
 * revenue retention too); cached per dataset version and definition. A matrix of more than `maxResultRows` cells
 * (cohorts x periods since) is refused, as a result of as many rows would be.
 *
 * @example
 * const cohorts = createCohortQueries(ctx, { cacheBytes: 16 * 1024 ** 2 });
 * const report = await cohorts.cohorts(dataset, { period: 'month' });
 */
export function createCohortQueries(ctx: StoreContext, options: { cacheBytes: number }) {
  const reports = new LRUCache<string, DatasetCohortReport>({
    maxSize: options.cacheBytes,
    sizeCalculation: reportBytes,
  });
  return {
    async cohorts(dataset: DatasetRow, input: DefinitionInput): Promise<DatasetCohortReport> {
      const subscriptions = dataset.kind === 'subscriptions';
      const definition = parseQueryDefinition(
        subscriptions ? applyMetricDefaults({ ...input, metric: 'subscription-upsell-rate' }) : input,
      );
      const files = await ctx.files.filesOf(dataset);
      // A subscription report also depends on the reporting currency and the rates file.
      const money = subscriptions
        ? `#${dataset.currency}#fx:${files.filter((f) => f.kind === 'fx').at(-1)?.sha256 ?? 'none'}`
        : '';
      const cacheKey = `${dataset.id}@${dataset.version}${money}#${JSON.stringify(definition)}`;
      const cached = reports.get(cacheKey);
      if (cached) return { ...cached, cached: true };
      let built: CohortReport;
      if (subscriptions) {
        // Computed apart from the live rates (which keep no cohorts), and cached like them.
        const job = { ...subscriptionJobOf(ctx, dataset, files, definition), cohorts: true };
        const { output } = await unlessDeleted(ctx.db, dataset, () => ctx.computeSubscriptions(job, false));
        built = buildSubscriptionCohortReport(output.counters, { ...output, definition });
      } else {
        const computed = await unlessDeleted(ctx.db, dataset, () =>
          ctx.lives.computed(
            liveRequest(ctx, dataset, files, cohortKey(definition), {
              definition,
              map: {},
              firstUpsells: true,
            }),
          ),
        );
        built = buildCohortReport(computed.counters, { definition, calendar: computed.calendar });
      }
      const cells = built.cohorts.reduce((n, c) => n + c.upsold.length, 0);
      const { maxResultRows } = ctx.limits;
      if (cells > maxResultRows) {
        throw new DatasetStoreError(
          'LIMIT_EXCEEDED',
          `this cohort matrix would have ${cells.toLocaleString('en-US')} cells (cohorts x periods since), over the limit of ${maxResultRows.toLocaleString('en-US')} (UPSELL_MAX_RESULT_ROWS): choose a longer period or a from/to range`,
          { limit: maxResultRows },
        );
      }
      const report: DatasetCohortReport = {
        ...built,
        datasetId: dataset.id,
        datasetVersion: dataset.version,
        cached: false,
      };
      reports.set(cacheKey, report);
      return report;
    },

    /** Drops a deleted dataset's reports. */
    forget(datasetId: string): void {
      for (const key of [...reports.keys()]) if (key.startsWith(`${datasetId}@`)) reports.delete(key);
    },
  };
}

export type CohortQueries = ReturnType<typeof createCohortQueries>;
