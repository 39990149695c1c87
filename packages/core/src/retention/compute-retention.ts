import type { DefinitionInput } from '../definition.ts';
import type { RetentionDrill } from '../engine/retention-tracker.ts';
import { UpsellError } from '../errors.ts';
import { createMetricRun, type MetricRunOptions, type MetricRunOutput } from '../metric-run.ts';
import type { PurchaseTable } from '../run-metric.ts';
import { runTables } from '../run-tables.ts';
import { buildRetentionResult, type RetentionResult } from './retention-result.ts';

/** The N of "churned after N days without an order" when none is given. */
export const DEFAULT_INACTIVE_AFTER_DAYS = 90;

/**
 * Reads `--inactive-after`: a whole number of days, with or without a `d` (`90d`, `90`), or
 * `none` to leave churn out.
 *
 * @example
 * parseInactiveAfter('90d') // 90
 */
export function parseInactiveAfter(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === 'none') return null;
  const match = /^(\d{1,5})d?$/.exec(trimmed);
  if (!match) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `inactive-after: "${text}" is not a number of days (e.g. 90d) or none`,
      { field: 'inactiveAfter' },
    );
  }
  return Number(match[1]);
}

/**
 * The definition a retention run counts with: the upsell rule does not change a retention number,
 * so without one it is `additional`, which every purchase file can be read with.
 *
 * @example
 * retentionDefinition({ period: 'month' }) // { period: 'month', rule: 'additional' }
 */
export function retentionDefinition(definition: DefinitionInput): DefinitionInput {
  return definition.rule === undefined || definition.rule === 'auto'
    ? { ...definition, rule: 'additional' }
    : definition;
}

/** Options of {@link runRetention}: a metric run's, with churn's N and a drill-down. */
export interface RetentionRunOptions extends Omit<MetricRunOptions, 'order' | 'retention' | 'explain'> {
  /** Default {@link DEFAULT_INACTIVE_AFTER_DAYS}; null leaves churn out. */
  inactiveAfterDays?: number | null;
  drill?: { kind: RetentionDrill; period: string; segment?: Record<string, string>; limit?: number };
}

/**
 * Runs tables in memory counting retention (see {@link runMetric}: input order never changes a number).
 *
 * @example
 * runRetention([table], { definition: { period: 'month' }, inactiveAfterDays: 90 }).counters.retentionCells
 */
export function runRetention(
  tables: readonly PurchaseTable[],
  options: RetentionRunOptions,
): MetricRunOutput {
  const { inactiveAfterDays = DEFAULT_INACTIVE_AFTER_DAYS, drill, ...rest } = options;
  rest.definition = retentionDefinition(rest.definition);
  return runTables(
    tables,
    (order, onIssue) =>
      createMetricRun({
        ...rest,
        order,
        onIssue,
        retention: drill === undefined ? { inactiveAfterDays } : { inactiveAfterDays, drill },
      }),
    options.onIssue,
  );
}

/**
 * The retention KPIs of tables in memory.
 *
 * @example
 * computeRetention([table], { definition: { period: 'month' } }).rows[0].repeatPurchaseRate.rate // 0.5
 */
export function computeRetention(
  tables: readonly PurchaseTable[],
  options: RetentionRunOptions,
): RetentionResult {
  const output = runRetention(tables, options);
  return buildRetentionResult(output.counters, {
    ...output,
    inactiveAfterDays:
      options.inactiveAfterDays === undefined ? DEFAULT_INACTIVE_AFTER_DAYS : options.inactiveAfterDays,
  });
}
