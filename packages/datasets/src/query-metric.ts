import { buildMetricResult, type Definition, type DefinitionInput } from '@upsell/core';
import { LRUCache } from 'lru-cache';
import type { DatasetMetricResult } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import { liveRequest } from './live-request.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { periodsKeyOf } from './periods-key.ts';
import { resultBytes, resultRowBound } from './result-size.ts';
import type { StoreContext } from './store-context.ts';
import { checkMetricFitsDataset } from './subscription-queries.ts';
import { unlessDeleted } from './unless-deleted.ts';

/**
 * The engine's side of a definition: reporting options (metric, from/to, benchmarks, target) left
 * out; the fiscal year start is in, as it decides which period a line counts in.
 */
export const engineKey = (d: Definition) =>
  JSON.stringify({
    rule: d.rule,
    eligible: d.eligible,
    ...periodsKeyOf(d),
  });

/**
 * A dataset's metric under a definition, computed by the dataset's live computation of the
 * same engine definition and cached per dataset version and definition (at most `cacheBytes`,
 * least recently used out first); a result of more than `maxResultRows` rows is refused.
 *
 * @example
 * const queries = createMetricQueries(ctx, { cacheBytes: 64 * 1024 ** 2 });
 * const result = await queries.query('shop', { period: 'month' });
 */
export function createMetricQueries(ctx: StoreContext, options: { cacheBytes: number }) {
  const { maxResultRows } = ctx.limits;
  // Bounded by bytes, not entries: one result by day and four segment columns weighs as much as
  // thousands of monthly ones.
  const results = new LRUCache<string, DatasetMetricResult>({
    maxSize: options.cacheBytes,
    sizeCalculation: resultBytes,
  });
  return {
    async query(idOrName: string, input: DefinitionInput): Promise<DatasetMetricResult> {
      const definition = parseQueryDefinition(input);
      const dataset = await ctx.datasets.datasetOf(idOrName);
      checkMetricFitsDataset(dataset, definition);
      const cacheKey = `${dataset.id}@${dataset.version}#${JSON.stringify(definition)}`;
      const cached = results.get(cacheKey);
      if (cached) return { ...cached, cached: true };
      const files = await ctx.files.filesOf(dataset);
      const computed = await unlessDeleted(ctx.db, dataset, () =>
        ctx.lives.computed(liveRequest(ctx, dataset, files, engineKey(definition), { definition, map: {} })),
      );
      const rows = resultRowBound(computed.counters, definition, computed.calendar);
      if (rows > maxResultRows) {
        throw new DatasetStoreError(
          'LIMIT_EXCEEDED',
          `this result would have up to ${rows.toLocaleString('en-US')} rows (periods x segments), over the limit of ${maxResultRows.toLocaleString('en-US')} (UPSELL_MAX_RESULT_ROWS): choose a longer period, fewer segment columns, or a from/to range`,
          { limit: maxResultRows },
        );
      }
      const result: DatasetMetricResult = {
        ...buildMetricResult(computed.counters, { ...computed, definition }),
        datasetId: dataset.id,
        datasetVersion: dataset.version,
        cached: false,
      };
      results.set(cacheKey, result);
      return result;
    },

    /** Drops a deleted dataset's results. */
    forget(datasetId: string): void {
      for (const key of [...results.keys()]) if (key.startsWith(`${datasetId}@`)) results.delete(key);
    },
  };
}

export type MetricQueries = ReturnType<typeof createMetricQueries>;
