import { describe, expect, it } from 'vitest';
import { type DuckDbModule, loadDuckDb } from './load-duckdb.ts';
import { isWarehouseError } from './warehouse-error.ts';

/** An import that fails as Node fails for a package that is not installed. */
const missing = () =>
  Promise.reject(
    Object.assign(new Error("Cannot find package '@duckdb/node-api' imported from /app/x.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    }),
  ) as Promise<DuckDbModule>;

describe('loadDuckDb', () => {
  it('loads the installed DuckDB', async () => {
    expect(typeof (await loadDuckDb()).DuckDBInstance.create).toBe('function');
  });

  it('says how to add DuckDB when it is not installed', async () => {
    const error = await loadDuckDb(missing).catch((e: unknown) => e);
    expect(isWarehouseError(error, 'DEPENDENCY_MISSING')).toBe(true);
    expect((error as Error).message).toContain('pnpm add @duckdb/node-api');
    expect((error as Error).message).toContain('npm i @duckdb/node-api');
    expect((error as { details: unknown }).details).toEqual({ package: '@duckdb/node-api' });
  });

  it('passes on an error that is not a missing module', async () => {
    const broken = () => Promise.reject(new Error('segfault in the binding')) as Promise<DuckDbModule>;
    await expect(loadDuckDb(broken)).rejects.toThrow('segfault in the binding');
  });
});
