import { WarehouseError } from './warehouse-error.ts';

/** DuckDB's Node API, as `@duckdb/node-api` exports it. */
export type DuckDbModule = typeof import('@duckdb/node-api');

const HOW_TO_ADD =
  'DuckDB reads DuckDB files and Parquet; it is an optional dependency of Upsell: add it with `pnpm add @duckdb/node-api` (or `npm i @duckdb/node-api`) where Upsell is installed';

/** True for the errors of a module, or its native binding, that is not installed. */
function isMissingModule(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    (typeof message === 'string' && /cannot find (module|package)/i.test(message))
  );
}

/**
 * Loads DuckDB only when a DuckDB or Parquet source is used, so that PostgreSQL and files read
 * by the engine never pay for it, and Upsell works without it. Missing, it is a
 * `DEPENDENCY_MISSING` error that says how to add it.
 *
 * @example
 * const { DuckDBInstance } = await loadDuckDb();
 */
export async function loadDuckDb(
  importModule: () => Promise<DuckDbModule> = () => import('@duckdb/node-api'),
): Promise<DuckDbModule> {
  try {
    return await importModule();
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    throw new WarehouseError('DEPENDENCY_MISSING', `${HOW_TO_ADD} (${(error as Error).message})`, {
      package: '@duckdb/node-api',
    });
  }
}
