// Child process of the benchmark: the customer upsell rate of one CSV in DuckDB, so that the peak
// memory and time measured are DuckDB's own. Prints one JSON object on stdout.
// Run: node --import tsx duckdb-rate.ts FILE
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { queryCustomerUpsellRate } from './query-customer-upsell-rate.ts';

const csvPath = process.argv[2];
if (csvPath === undefined) {
  console.error('usage: duckdb-rate.ts FILE');
  process.exit(2);
}
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
await connection.run('SET threads = 2');
const rows = await queryCustomerUpsellRate(connection, csvPath);
const seconds = (performance.now() - start) / 1000;
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify({ rows, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
