// Child process of the benchmark: the monthly MRR bridge of one states CSV in DuckDB, so that the
// peak memory and time measured are DuckDB's own. Prints one JSON object on stdout.
// Run: node --import tsx duckdb-mrr-bridge-child.ts FILE [FX_FILE]
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { queryMrrBridge } from './duckdb-mrr-bridge.ts';

const [csvPath, fxPath] = process.argv.slice(2);
if (csvPath === undefined) {
  console.error('usage: duckdb-mrr-bridge-child.ts FILE [FX_FILE]');
  process.exit(2);
}
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
await connection.run('SET threads = 2');
const bridge = await queryMrrBridge(connection, csvPath, fxPath === undefined ? {} : { fxPath });
const seconds = (performance.now() - start) / 1000;
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify({ bridge, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
