// The public API: the definition, a metric run over purchase rows, results, drill-downs, errors
// and the words they use. Internals stay out: the engine itself (a run drives it), its cells and
// shared scratch buffers, row checkers. The few that a sibling package needs for its hot path
// (ingest reading purchase rows straight from bytes) come from '@upsell/core/internal' (see
// internal.ts), a second entry point, so that this index stays what other code may rely on.

export * from './alerts/evaluate-alert-rule.ts';
export * from './cohorts/cohort-report.ts';
export * from './cohorts/subscription-cohort-report.ts';
export * from './definition.ts';
export * from './definition-rules.ts';
export * from './drill-down.ts';
export { type EngineCell, type EngineCounters, mergeEngineCounters } from './engine/engine-counters.ts';
export * from './engine/explanation.ts';
export { type FirstUpsellCell, type FirstUpsells, mergeFirstUpsells } from './engine/first-upsells.ts';
export * from './engine/movement.ts';
export { blankPurchase, type RefilledPurchase } from './engine/refilled-purchase.ts';
export { RETENTION_CELL, RETENTION_CELL_SIZE } from './engine/retention-cells.ts';
export { RETENTION_DRILLS, type RetentionDrill } from './engine/retention-tracker.ts';
export * from './errors.ts';
export * from './explain/explain-rate-change.ts';
export * from './input/column-mapping.ts';
export * from './input/customer-table.ts';
export * from './input/detect-value-formats.ts';
export * from './input/file-value-formats.ts';
export { AMOUNT_SCALE, formatAmount, parseAmount, parseQuantity } from './input/parse-decimal.ts';
export * from './input/parse-money.ts';
export * from './input/product-catalog.ts';
export * from './input/purchase.ts';
export * from './input/purchase-kind.ts';
export * from './input/purchase-profile.ts';
export * from './input/resolve-rule.ts';
export * from './input/row-issue.ts';
export * from './input/shorten-text.ts';
export * from './input/value-formats.ts';
export * from './metric-csv.ts';
export * from './metric-result.ts';
export {
  createMetricRun,
  type MetricRun,
  type MetricRunOptions,
  type MetricRunOutput,
  type PurchaseFileSink,
} from './metric-run.ts';
export * from './result-row-bound.ts';
export * from './retention/compute-retention.ts';
export * from './retention/retention-result.ts';
export * from './run-definition.ts';
export * from './run-metric.ts';
export * from './stats/band.ts';
export * from './stats/industry-benchmark.ts';
export * from './stats/kaplan-meier.ts';
export * from './stats/student-t-quantile.ts';
export * from './stats/two-proportion-z-test.ts';
export * from './stats/uncertain-rate.ts';
export * from './stats/wilson-interval.ts';
export * from './subscriptions/customer-movements.ts';
export * from './subscriptions/fx-rates.ts';
export * from './subscriptions/mrr-csv.ts';
export * from './subscriptions/mrr-movements-result.ts';
export * from './subscriptions/mrr-movements-schema.ts';
export * from './subscriptions/rational.ts';
export {
  mergeSubscriptionCohorts,
  type SubscriptionCohortCell,
  type SubscriptionCohorts,
} from './subscriptions/subscription-cohorts.ts';
export * from './subscriptions/subscription-columns.ts';
export * from './subscriptions/subscription-counters.ts';
export * from './subscriptions/subscription-drill-down.ts';
export * from './subscriptions/subscription-engine.ts';
export * from './subscriptions/subscription-rate-result.ts';
export * from './subscriptions/subscription-row-reader.ts';
export * from './subscriptions/subscription-run.ts';
export * from './subscriptions/subscription-state.ts';
export * from './subscriptions/subscription-states.ts';
export * from './time/civil-date.ts';
export * from './time/format-local-date-time.ts';
export * from './time/parse-date-as.ts';
export { parseTimestamp } from './time/parse-timestamp.ts';
export * from './time/period.ts';
export * from './time/time-zone.ts';
export * from './whatif/project-upsell-target.ts';
