// Child process of the warehouse bench: the customer upsell rate over Parquet files in DuckDB,
// run as `upsell rate` runs it (@upsell/warehouse: the compiled statement, in customer shards on
// large sources), so that the peak memory and time measured are this run's own. Prints one JSON
// object on stdout: { seconds, maxRssKiB, customerShards, json }. Run: node --import tsx
// warehouse-duckdb-child.ts OPTIONS_JSON where OPTIONS_JSON is { paths, memoryLimit, threads,
// tempDirectory } (see warehouse-time-duckdb.ts).
import { performance } from 'node:perf_hooks';
import { openSource, parseSourceUrl, runSourceMetric } from '@upsell/warehouse';
import { WAREHOUSE_DEFINITION } from './warehouse-definition.ts';

const argument = process.argv[2];
if (argument === undefined) {
  console.error('usage: warehouse-duckdb-child.ts OPTIONS_JSON');
  process.exit(2);
}
const options = JSON.parse(argument) as {
  paths: string[];
  memoryLimit: string;
  threads: number;
  tempDirectory: string;
};

const start = performance.now();
const connection = await openSource(parseSourceUrl('duckdb::memory:'), {
  threads: options.threads,
  memoryLimit: options.memoryLimit,
  tempDirectory: options.tempDirectory,
});
try {
  const output = await runSourceMetric({
    connection,
    table: { kind: 'parquet', paths: options.paths },
    definition: WAREHOUSE_DEFINITION,
    onShard: (done, count) => {
      if (count > 1) console.error(`  customer shard ${done} of ${count} done`);
    },
  });
  const json = `${JSON.stringify(output.result, null, 2)}\n`;
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    `${JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS, customerShards: output.customerShards, json })}\n`,
  );
} finally {
  await connection.close();
}
