import {
  type DefinitionInput,
  type DrillDownPage,
  isUpsellError,
  type MetricResult,
  type RowIssue,
} from '@upsell/core';
import { expect } from 'vitest';
import {
  buildSqlMetricResult,
  type CompileRateOptions,
  compileDrillDownQuery,
  compileIssuesQuery,
  compileRateQuery,
  mergeRateRows,
  readRateRows,
  type SqlDialect,
  type SqlRateRows,
} from '../src/index.ts';
import { engineDrillDown, engineMetricResult } from './engine-metric-result.ts';
import type { PurchaseCase } from './purchase-case.ts';
import type { LoadedCase, TestSqlDatabase } from './test-sql-database.ts';

/** The compile options of a loaded case, with its position column (if any) as the input order. */
export function compileOptionsOf(
  dialect: SqlDialect,
  purchaseCase: PurchaseCase,
  loaded: LoadedCase,
  definition: DefinitionInput,
): CompileRateOptions {
  const options: CompileRateOptions = {
    dialect,
    definition,
    purchases: loaded.purchases,
    map: purchaseCase.map,
  };
  if (loaded.position !== undefined) options.position = loaded.position;
  if (loaded.customers) options.customers = loaded.customers;
  if (loaded.catalog) options.catalog = loaded.catalog;
  return options;
}

/** The result the compiled statement gives in the database, or the error compiling threw. */
export async function sqlMetricResult(
  database: TestSqlDatabase,
  options: CompileRateOptions,
): Promise<MetricResult> {
  const compiled = compileRateQuery(options);
  const rows = await database.query(compiled.statement);
  return buildSqlMetricResult(compiled, rows);
}

/**
 * A change to what is compiled, and to the result read back, for the tests that show that the
 * comparison can fail (say, the other time zone compiled and the definition's own put back).
 */
export interface Alteration {
  options?: (options: CompileRateOptions) => CompileRateOptions;
  result?: (result: MetricResult) => MetricResult;
}

const same = <T>(x: T): T => x;

/**
 * Whether a row the engine accepts has spaces around its customer id (` c1 `), which the
 * engine trims and PostgreSQL refuses (the statement partitions by the stored id, for Citus).
 */
export function hasPaddedCustomerIds(purchaseCase: PurchaseCase): boolean {
  const rejected = new Set(
    engineMetricResult(purchaseCase, { rule: 'additional' }).issues.map((issue) => issue.line),
  );
  return purchaseCase.rows.some((row) => {
    const id = row.cells.customer_id ?? '';
    return id.trim() !== '' && id.trim() !== id && !rejected.has(row.pos);
  });
}

/**
 * Asserts that the statement compiled for a definition gives, in the database, exactly the
 * result the engine gives on the same rows as a CSV (rows, definition, input accounting,
 * customers); or, when the engine refuses the definition (a rule without its column, an
 * unknown segment), that the compiler refuses it with the same code.
 *
 * @example
 * await expectSqlEqualsEngine(database, purchaseCase, loaded, { period: 'month' });
 */
export async function expectSqlEqualsEngine(
  database: TestSqlDatabase,
  purchaseCase: PurchaseCase,
  loaded: LoadedCase,
  definition: DefinitionInput,
  alter: Alteration = {},
): Promise<void> {
  const options = (alter.options ?? same)(
    compileOptionsOf(database.dialect, purchaseCase, loaded, definition),
  );
  let engine: MetricResult;
  try {
    engine = engineMetricResult(purchaseCase, definition).result;
  } catch (error) {
    if (!isUpsellError(error)) throw error;
    let refused: unknown;
    try {
      compileRateQuery(options);
    } catch (compileError) {
      refused = compileError;
    }
    expect(refused, `the engine refuses with ${error.code}: ${error.message}`).toBeDefined();
    expect((refused as { code?: string }).code).toBe(error.code);
    return;
  }
  if (database.dialect === 'postgres' && hasPaddedCustomerIds(purchaseCase)) {
    // PostgreSQL (Citus) partitions by the id as stored, so it refuses ids with spaces around.
    await expect(sqlMetricResult(database, options)).rejects.toMatchObject({
      code: 'UNTRIMMED_CUSTOMER_IDS',
    });
    return;
  }
  expect((alter.result ?? same)(await sqlMetricResult(database, options))).toStrictEqual(engine);
}

/**
 * Asserts that the statement run in `count` customer shards, each shard's rows read and the
 * shards merged, gives the engine's result on the same rows (when the engine and the database
 * take the definition at all: the refusals are {@link expectSqlEqualsEngine}'s).
 *
 * @example
 * await expectShardedSqlEqualsEngine(database, purchaseCase, loaded, { period: 'month' }, 3);
 */
export async function expectShardedSqlEqualsEngine(
  database: TestSqlDatabase,
  purchaseCase: PurchaseCase,
  loaded: LoadedCase,
  definition: DefinitionInput,
  count: number,
): Promise<void> {
  let engine: MetricResult;
  try {
    engine = engineMetricResult(purchaseCase, definition).result;
  } catch (error) {
    if (isUpsellError(error)) return;
    throw error;
  }
  if (database.dialect === 'postgres' && hasPaddedCustomerIds(purchaseCase)) return;
  const options = compileOptionsOf(database.dialect, purchaseCase, loaded, definition);
  const shards: SqlRateRows[] = [];
  let compiled = compileRateQuery(options);
  for (let index = 0; index < count; index++) {
    compiled = compileRateQuery({ ...options, customerShard: { count, index } });
    shards.push(readRateRows(compiled, await database.query(compiled.statement)));
  }
  expect(buildSqlMetricResult(compiled, mergeRateRows(shards))).toStrictEqual(engine);
}

/**
 * Asserts that the issues statement lists the rows the engine rejects: the same rows (by `pos`)
 * and bad cells (by column name), and, when the table holds text as written, the engine's very
 * reasons (a typed column prints a value its own way, `-5.0000` for `-5`). SQL sources take
 * plain decimals only, so their amount reason leaves out the engine's `1,234.50` example.
 *
 * @example
 * await expectSqlIssuesEqualEngine(database, purchaseCase, loaded, { period: 'month' });
 */
export async function expectSqlIssuesEqualEngine(
  database: TestSqlDatabase,
  purchaseCase: PurchaseCase,
  loaded: LoadedCase,
  definition: DefinitionInput,
): Promise<void> {
  const engine = engineMetricResult(purchaseCase, definition).issues.map((issue) => ({
    ...issue,
    reason: issue.reason.replace(' or 1,234.50)', ')'),
  }));
  const query = compileIssuesQuery(compileOptionsOf(database.dialect, purchaseCase, loaded, definition), {
    limit: 10_000,
  });
  const sql = query.read(await database.query(query.statement));
  const cells = (issues: readonly RowIssue[], withReason: boolean) =>
    issues.map((issue) => `${issue.line} ${issue.columnName}${withReason ? `: ${issue.reason}` : ''}`).sort();
  const text = purchaseCase.timeMode === 'text';
  expect(cells(sql, text)).toEqual(cells(engine, text));
}

/**
 * Asserts that the drill-down paged in the database lists, for one row of the result (the
 * `row`-th, wrapping), what `upsell customers` lists for the same rows as a file: the customers
 * (or lines) in the same order, their movements and reasons, the total, one page of them.
 * Tables only: a line is located by its position, as the engine's is given it.
 *
 * @example
 * await expectSqlDrillDownEqualsEngine(database, purchaseCase, loaded, { period: 'month' }, 0, { limit: 5 });
 */
export async function expectSqlDrillDownEqualsEngine(
  database: TestSqlDatabase,
  purchaseCase: PurchaseCase,
  loaded: LoadedCase,
  definition: DefinitionInput,
  row: number,
  page: DrillDownPage,
): Promise<void> {
  const relation = loaded.purchases.relation;
  if (relation.kind !== 'table') throw new Error('drill-downs are compared on tables');
  if (database.dialect === 'postgres' && hasPaddedCustomerIds(purchaseCase)) return;
  const options = compileOptionsOf(database.dialect, purchaseCase, loaded, definition);
  const rate = compileRateQuery(options);
  const result = buildSqlMetricResult(rate, await database.query(rate.statement));
  if (result.rows.length === 0) return;
  const { period, segment } = result.rows[row % result.rows.length]!;
  const drill = compileDrillDownQuery(options, { period, segment, ...page, limit: page.limit ?? 1000 });
  const pageRows = await database.query(drill.page);
  const lineRows = await database.query(drill.linesOf(drill.customersOf(pageRows)));
  const engine = engineDrillDown(purchaseCase, definition, period, segment, relation.name, page);
  expect(drill.build(pageRows, lineRows, result)).toStrictEqual(engine);
}
