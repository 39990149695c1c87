// Child process of the warehouse bench: the compiled customer upsell rate over Parquet files in
// DuckDB, so that the peak memory and time measured are this run's own. Prints one JSON object on
// stdout: { seconds, maxRssKiB, json }. Run: node --import tsx warehouse-duckdb-child.ts OPTIONS_JSON
// where OPTIONS_JSON is { paths, memoryLimit, threads, tempDirectory } (see warehouse-time-duckdb.ts).
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildSqlMetricResult, compileRateQuery, sqlColumnType } from '@upsell/sql';
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
const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const start = performance.now();
const instance = await DuckDBInstance.create(':memory:', {
  threads: String(options.threads),
  memory_limit: options.memoryLimit,
  temp_directory: options.tempDirectory,
});
const connection = await instance.connect();
const described = await connection.runAndReadAll(
  `DESCRIBE SELECT * FROM read_parquet([${options.paths.map(sqlString).join(', ')}])`,
);
const columns = described.getRowObjectsJS().map((row) => ({
  name: String(row.column_name),
  type: sqlColumnType('duckdb', String(row.column_type)),
}));
const compiled = compileRateQuery({
  dialect: 'duckdb',
  definition: WAREHOUSE_DEFINITION,
  purchases: { relation: { kind: 'parquet', paths: options.paths }, columns },
});
const reader = await connection.runAndReadAll(compiled.statement.text, [...compiled.statement.params]);
const json = `${JSON.stringify(buildSqlMetricResult(compiled, reader.getRowObjectsJS()), null, 2)}\n`;
const seconds = (performance.now() - start) / 1000;
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS, json })}\n`);
