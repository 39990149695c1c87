export * from './input-format.ts';
export * from './read-customers.ts';
export * from './read-purchases.ts';
