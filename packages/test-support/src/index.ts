export * from './create-temporary-directory.ts';
export * from './create-test-postgres-database.ts';
export * from './start-server-process.ts';
export * from './test-database-kinds.ts';
