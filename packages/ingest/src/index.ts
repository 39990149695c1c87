// The hash that shards customers between worker threads, for the benchmark's stage breakdown
// (bench/pipeline-stages.ts), which times routing rows as a worker does without reading them.
export { fnv1aBytes } from './byte-interner.ts';
export * from './input-format.ts';
export * from './read-catalog.ts';
export * from './read-customers.ts';
export * from './read-lookup-table.ts';
export * from './read-purchases.ts';
export { createRowSubscriptionReader, type RowSubscriptionReader } from './read-subscription-row.ts';
export * from './read-subscriptions.ts';
export * from './read-xlsx.ts';
export { createRowRoutes, MAX_ROUTED_SHARDS, type RowRoutes } from './row-routes.ts';
export * from './sniff-file-type.ts';
