import type { ComputeJob } from '@upsell/compute';
import {
  buildRetentionResult,
  type DefinitionInput,
  type RetentionDrill,
  type RetentionResult,
  retentionDefinition,
} from '@upsell/core';
import type { DatasetRow } from '@upsell/db';
import { LRUCache } from 'lru-cache';
import { DatasetStoreError } from './dataset-store-error.ts';
import { liveRequest } from './live-request.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { periodsKeyOf } from './periods-key.ts';
import { resultRowBound } from './result-size.ts';
import type { StoreContext } from './store-context.ts';
import { unlessDeleted } from './unless-deleted.ts';

/** The retention KPIs of a dataset as the API returns them: which data and whether cached. */
export interface DatasetRetentionResult extends RetentionResult {
  datasetId: string;
  datasetVersion: number;
  cached: boolean;
  /** With a drill-down: the ids of the customers behind that KPI, sorted. */
  drill?: { kind: RetentionDrill; period: string; segment: Record<string, string>; customers: string[] };
}

/** The drill-down of a retention query: one KPI of one period and segment. */
export interface RetentionDrillTarget {
  kind: RetentionDrill;
  period: string;
  segment?: Record<string, string>;
}

/**
 * The retention KPIs of purchase datasets, counted by a live computation of their own (keyed
 * by the definition's period, zone, segments and N, so appends keep it current) and cached per
 * dataset version; a drill-down runs through the same computation with its target.
 *
 * @example
 * const retention = createRetentionQueries(ctx, { cacheBytes: 16 * 1024 ** 2 });
 * await retention.query(dataset, { period: 'month' }, 90);
 */
export function createRetentionQueries(ctx: StoreContext, options: { cacheBytes: number }) {
  const { maxResultRows } = ctx.limits;
  const results = new LRUCache<string, DatasetRetentionResult>({
    maxSize: options.cacheBytes,
    sizeCalculation: (r) => JSON.stringify(r).length,
  });
  return {
    async query(
      dataset: DatasetRow,
      input: DefinitionInput,
      inactiveAfterDays: number | null,
      drill?: RetentionDrillTarget,
    ): Promise<DatasetRetentionResult> {
      const definition = parseQueryDefinition(
        retentionDefinition({ ...input, metric: 'customer-upsell-rate' }),
      );
      const cacheKey = `${dataset.id}@${dataset.version}#${JSON.stringify([definition, inactiveAfterDays, drill ?? null])}`;
      const cached = results.get(cacheKey);
      if (cached) return { ...cached, cached: true };
      const files = await ctx.files.filesOf(dataset);
      // The KPIs stay live (appends read only the new files); a drill-down is computed once, apart.
      const key = JSON.stringify({
        retention: inactiveAfterDays,
        ...periodsKeyOf(definition),
      });
      const computed = await unlessDeleted(ctx.db, dataset, async () => {
        if (drill === undefined) {
          return ctx.lives.computed(
            liveRequest(ctx, dataset, files, key, { definition, map: {}, retention: { inactiveAfterDays } }),
          );
        }
        const request = liveRequest(ctx, dataset, files, '', { definition, map: {} });
        const job: ComputeJob = {
          definition,
          map: request.job.map,
          files: request.files.map((f) => ({
            path: f.path,
            format: f.format,
            name: f.name,
            ...(f.formats ? { formats: f.formats } : {}),
          })),
          order: 'stream',
          retention: { inactiveAfterDays, drill: { ...drill, limit: ctx.limits.maxDrillDownItems } },
        };
        if (request.customers) job.customersPath = request.customers.path;
        return ctx.compute(job, false);
      });
      if (drill !== undefined && (computed.retentionDrill?.length ?? 0) > ctx.limits.maxDrillDownItems) {
        throw new DatasetStoreError(
          'LIMIT_EXCEEDED',
          `more than ${ctx.limits.maxDrillDownItems.toLocaleString('en-US')} customers are behind this number (UPSELL_MAX_DRILL_DOWN_ITEMS): choose a shorter period or a segment, or list them with upsell retention --drill on the files`,
          { limit: ctx.limits.maxDrillDownItems },
        );
      }
      const rows = resultRowBound(computed.counters, definition, computed.calendar);
      if (rows > maxResultRows) {
        throw new DatasetStoreError(
          'LIMIT_EXCEEDED',
          `this result would have up to ${rows.toLocaleString('en-US')} rows (periods x segments), over the limit of ${maxResultRows.toLocaleString('en-US')} (UPSELL_MAX_RESULT_ROWS): choose a longer period, fewer segment columns, or a from/to range`,
          { limit: maxResultRows },
        );
      }
      const result: DatasetRetentionResult = {
        ...buildRetentionResult(computed.counters, { ...computed, definition, inactiveAfterDays }),
        datasetId: dataset.id,
        datasetVersion: dataset.version,
        cached: false,
      };
      if (drill !== undefined) {
        result.drill = {
          kind: drill.kind,
          period: drill.period,
          segment: drill.segment ?? {},
          customers: [...(computed.retentionDrill ?? [])].sort(),
        };
      }
      results.set(cacheKey, result);
      return result;
    },
  };
}

export type RetentionQueries = ReturnType<typeof createRetentionQueries>;
