export * from './input-format.ts';
export * from './read-catalog.ts';
export * from './read-customers.ts';
export * from './read-lookup-table.ts';
export * from './read-purchases.ts';
export * from './read-xlsx.ts';
export * from './sniff-file-type.ts';
