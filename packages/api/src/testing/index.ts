export * from './open-test-api.ts';
export * from './seed-dataset.ts';
export * from './tiers-csv.ts';
