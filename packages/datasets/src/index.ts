export * from './compare-customers.ts';
export * from './compare-results.ts';
export * from './compare-subscribers.ts';
export * from './computation-slots.ts';
export {
  type ConnectedDatasetsOptions,
  DEFAULT_SOURCE_TTL_SECONDS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type SourceInput,
} from './connected-datasets.ts';
export * from './create-dataset-store.ts';
export * from './dataset-headline.ts';
export * from './dataset-store.ts';
export * from './dataset-store-error.ts';
export { collectExpiredUploads, UPLOAD_IDLE_MS } from './file-vault.ts';
export { DIMENSION_SAMPLE_ROWS, PROFILE_LIMITS } from './profile-columns.ts';
export type { DatasetRetentionResult, RetentionDrillTarget } from './query-retention.ts';
export { parseSourceLocation, redactSourceUrl, withoutPassword } from './source-location.ts';
export type { SourceRequest, SourceRunner, SourceRunOptions } from './source-runner.ts';
export { openSecret, parseSecretKey, type SecretKey, sealSecret } from './source-secret.ts';
export { createWarehouseSourceRunner } from './warehouse-source-runner.ts';
