import { type DefinitionInput, isUpsellError, type MetricResult, type RowIssue } from '@upsell/core';
import { expect } from 'vitest';
import {
  buildSqlMetricResult,
  type CompileRateOptions,
  compileIssuesQuery,
  compileRateQuery,
  type SqlDialect,
} from '../src/index.ts';
import { engineMetricResult } from './engine-metric-result.ts';
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
  expect((alter.result ?? same)(await sqlMetricResult(database, options))).toStrictEqual(engine);
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
