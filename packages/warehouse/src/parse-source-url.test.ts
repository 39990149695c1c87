import { describe, expect, it } from 'vitest';
import { parseSourceUrl } from './parse-source-url.ts';
import { isWarehouseError } from './warehouse-error.ts';

/** The error a bad address gives, to check its code and wording. */
function errorOf(address: string) {
  try {
    parseSourceUrl(address);
  } catch (error) {
    if (isWarehouseError(error)) return error;
    throw error;
  }
  throw new Error(`${address} was accepted`);
}

describe('parseSourceUrl', () => {
  it('reads a PostgreSQL URL and keeps a shown copy without the password', () => {
    expect(parseSourceUrl('postgres://app:s3cret@db.example:5433/shop?sslmode=require')).toEqual({
      kind: 'postgres',
      url: 'postgres://app:s3cret@db.example:5433/shop?sslmode=require',
      shown: 'postgres://app:***@db.example:5433/shop?sslmode=require',
    });
  });

  it('takes the postgresql:// spelling too', () => {
    expect(parseSourceUrl('postgresql://db/shop').kind).toBe('postgres');
  });

  it('reads a DuckDB file, relative or absolute, and the in-memory database', () => {
    expect(parseSourceUrl('duckdb:warehouse.duckdb')).toEqual({
      kind: 'duckdb',
      path: 'warehouse.duckdb',
      shown: 'duckdb:warehouse.duckdb',
    });
    expect(parseSourceUrl('duckdb:/data/w.duckdb')).toMatchObject({ path: '/data/w.duckdb' });
    expect(parseSourceUrl('duckdb:///data/w.duckdb')).toMatchObject({ path: '/data/w.duckdb' });
    expect(parseSourceUrl('duckdb::memory:')).toMatchObject({ kind: 'duckdb', path: ':memory:' });
  });

  it('refuses another scheme, showing the forms it reads', () => {
    const error = errorOf('mysql://root:pw@db/shop');
    expect(error.code).toBe('INVALID_SOURCE');
    expect(error.message).toContain('postgres://user:password@host:5432/database, duckdb:FILE');
  });

  it('refuses a DuckDB source without a file', () => {
    expect(errorOf('duckdb:').message).toContain('names no file');
  });

  it('refuses a PostgreSQL URL without a host', () => {
    expect(errorOf('postgres:///shop').message).toContain('names no host');
  });

  it('never puts the password in its message, even of an address it cannot read', () => {
    for (const address of [
      'postgres://app:hunter22@db:notaport/shop',
      'postgresql://app:hunter22@/shop',
      'ftp://app:hunter22@db/shop',
    ]) {
      const error = errorOf(address);
      expect(error.message).not.toContain('hunter22');
      expect(JSON.stringify(error.details)).not.toContain('hunter22');
    }
  });
});
