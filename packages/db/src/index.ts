export * from './dataset-files.ts';
export * from './datasets.ts';
export * from './definitions.ts';
export { isUuid } from './is-uuid.ts';
export { type Database, type Db, type OpenDatabaseOptions, openDatabase } from './open-database.ts';
export { listRowErrors, ROW_ERROR_BATCH, type RowErrorInput, type StoredRowError } from './row-errors.ts';
export * as schema from './schema.ts';
export * from './targets.ts';
export * from './tokens.ts';
