import type { ComputationOutput, ComputeJob } from '@upsell/compute';
import {
  buildDrillDown,
  buildMetricResult,
  type Definition,
  type DefinitionInput,
  type DrillDown,
  type DrillDownInput,
  isUpsellError,
} from '@upsell/core';
import type { DatasetRow } from '@upsell/db';
import { LRUCache } from 'lru-cache';
import type { Page } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import { liveRequest } from './live-request.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { explainedCount, explanationBytes } from './result-size.ts';
import type { StoreContext } from './store-context.ts';
import { unlessDeleted } from './unless-deleted.ts';

/**
 * The customers and lines behind one row of a dataset's result (drill-downs): gathered once per
 * dataset version, definition and row, up to `maxDrillDownItems`, and kept (at most
 * `cacheBytes`, least recently used out first) so that pages and searches are cut from them.
 *
 * @example
 * const drillDowns = createCustomerDrillDowns(ctx, { cacheBytes: 192 * 1024 ** 2 });
 * const page = await drillDowns.customers('shop', { period: 'month' }, { period: '2024-03' }, {});
 */
export function createCustomerDrillDowns(ctx: StoreContext, options: { cacheBytes: number }) {
  const { maxDrillDownItems } = ctx.limits;
  /**
   * The customers and lines behind recently asked rows. One at the item limit (about 140 MB)
   * still fits, so its pages are cut from it.
   */
  const explainedRows = new LRUCache<string, DrillDownInput>({
    maxSize: options.cacheBytes,
    sizeCalculation: (input) => explanationBytes(input.explanation),
  });
  /** Drill-downs being computed: a second request for the same row waits for the first. */
  const explaining = new Map<string, Promise<DrillDownInput>>();

  /** The customers and lines behind one row, gathered up to the drill-down limit. */
  const explainRow = async (
    dataset: DatasetRow,
    definition: Definition,
    period: string,
    segment: Record<string, string>,
  ): Promise<DrillDownInput> => {
    const files = await ctx.files.filesOf(dataset);
    const request = liveRequest(ctx, dataset, files, '', { definition, map: {} });
    const job: ComputeJob = {
      definition,
      map: request.job.map,
      files: request.files.map((f) => ({ path: f.path, format: f.format, name: f.name })),
      order: 'stream',
      explain: { period, segment, limit: maxDrillDownItems },
    };
    if (request.customers) job.customersPath = request.customers.path;
    const tooMany = () =>
      new DatasetStoreError(
        'LIMIT_EXCEEDED',
        `more than ${maxDrillDownItems.toLocaleString('en-US')} customers and lines are behind this row, more than a drill-down lists (UPSELL_MAX_DRILL_DOWN_ITEMS): choose a shorter period or a segment, or list them with upsell customers on the files`,
        { limit: maxDrillDownItems },
      );
    let computed: ComputationOutput;
    try {
      computed = await ctx.compute(job, false);
    } catch (error) {
      throw isUpsellError(error, 'LIMIT_EXCEEDED') ? tooMany() : error;
    }
    // Each shard kept to the limit; together they may pass it.
    if (explainedCount(computed.explanation) > maxDrillDownItems) throw tooMany();
    return {
      definition,
      result: buildMetricResult(computed.counters, { ...computed, definition }),
      explanation: computed.explanation,
      period: computed.calendar.label(computed.calendar.parse(period)),
      segment,
      files: files.filter((f) => f.kind === 'purchases').map((f) => f.fileName),
    };
  };

  /** The customers and lines behind one row, computed once per dataset version and kept. */
  const explained = async (
    idOrName: string,
    input: DefinitionInput,
    row: { period: string; segment?: Record<string, string> },
  ): Promise<DrillDownInput> => {
    const definition = parseQueryDefinition(input);
    const dataset = await ctx.datasets.datasetOf(idOrName);
    const segment = row.segment ?? {};
    // The customers behind one row are computed once per dataset version; pages and searches
    // of the same row are cut from that.
    const key = `${dataset.id}@${dataset.version}#${JSON.stringify([definition, row.period, segment])}`;
    const kept = explainedRows.get(key);
    if (kept !== undefined) return kept;
    let pending = explaining.get(key);
    if (pending === undefined) {
      pending = unlessDeleted(ctx.db, dataset, () => explainRow(dataset, definition, row.period, segment));
      explaining.set(key, pending);
      void pending
        .then((input) => explainedRows.set(key, input))
        .catch(() => {})
        .finally(() => explaining.delete(key));
    }
    return pending;
  };

  return {
    explained,

    async customers(
      idOrName: string,
      input: DefinitionInput,
      row: { period: string; segment?: Record<string, string> },
      page: Page & { search?: string },
    ): Promise<DrillDown> {
      const explainedRow = await explained(idOrName, input, row);
      const drillPage: Parameters<typeof buildDrillDown>[1] = {
        offset: page.offset ?? 0,
        limit: Math.min(page.limit ?? 100, 1000),
      };
      if (page.search) drillPage.search = page.search;
      return buildDrillDown(explainedRow, drillPage);
    },

    /** Drops a deleted dataset's drill-downs. */
    forget(datasetId: string): void {
      for (const key of [...explainedRows.keys()]) {
        if (key.startsWith(`${datasetId}@`)) explainedRows.delete(key);
      }
    },
  };
}

export type CustomerDrillDowns = ReturnType<typeof createCustomerDrillDowns>;
