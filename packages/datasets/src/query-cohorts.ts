import { buildCohortReport, type Definition, type DefinitionInput } from '@upsell/core';
import type { DatasetRow } from '@upsell/db';
import { LRUCache } from 'lru-cache';
import type { DatasetCohortReport } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import { liveRequest } from './live-request.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { periodsKeyOf } from './periods-key.ts';
import type { StoreContext } from './store-context.ts';
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
 * A purchase dataset's acquisition cohorts and time to first upsell (`upsell cohorts --format
 * json`), computed by a live computation that also summarises each customer's first upsell, and
 * cached per dataset version and definition. A matrix of more than `maxResultRows` cells
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
      if (dataset.kind === 'subscriptions') {
        throw new DatasetStoreError(
          'NOT_SUPPORTED',
          `dataset "${dataset.name}" holds subscriptions: cohorts are built for purchase datasets so far (subscription cohorts and their revenue retention are not built yet)`,
          { datasetKind: dataset.kind },
        );
      }
      const definition = parseQueryDefinition(input);
      const cacheKey = `${dataset.id}@${dataset.version}#${JSON.stringify(definition)}`;
      const cached = reports.get(cacheKey);
      if (cached) return { ...cached, cached: true };
      const files = await ctx.files.filesOf(dataset);
      const computed = await unlessDeleted(ctx.db, dataset, () =>
        ctx.lives.computed(
          liveRequest(ctx, dataset, files, cohortKey(definition), {
            definition,
            map: {},
            firstUpsells: true,
          }),
        ),
      );
      const built = buildCohortReport(computed.counters, { definition, calendar: computed.calendar });
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
