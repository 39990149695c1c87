export * from './compare-customers.ts';
export * from './compare-results.ts';
export * from './computation-slots.ts';
export * from './create-dataset-store.ts';
export * from './dataset-headline.ts';
export * from './dataset-store.ts';
export * from './dataset-store-error.ts';
export { collectExpiredUploads, UPLOAD_IDLE_MS } from './file-vault.ts';
export { DIMENSION_SAMPLE_ROWS, PROFILE_LIMITS } from './profile-columns.ts';
