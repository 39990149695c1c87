import { redactSourceUrl } from './redact-source-url.ts';
import { WarehouseError } from './warehouse-error.ts';

/**
 * A database Upsell reads rows from: a PostgreSQL server (or Citus, or anything that speaks its
 * protocol) by URL, or a DuckDB database file (`:memory:` for an empty one, to read Parquet
 * files with).
 */
export type WarehouseSource =
  | {
      kind: 'postgres';
      /** The URL as given, password included: never print it, print {@link WarehouseSource.shown}. */
      url: string;
      /** The URL with its password replaced by `***`. */
      shown: string;
    }
  | { kind: 'duckdb'; path: string; shown: string };

/** The dialect of SQL a source speaks. */
export const dialectOfSource = (source: WarehouseSource) => source.kind;

const FORMS = 'postgres://user:password@host:5432/database, duckdb:FILE or duckdb::memory:';

/**
 * Reads a source's address: `postgres://...` or `postgresql://...` (a libpq URL: user,
 * password, host, port, database, `?sslmode=...`), `duckdb:FILE` (a path, relative to the
 * working directory) or `duckdb::memory:`. Anything else is an `INVALID_SOURCE` error that
 * shows the forms (and never the password).
 *
 * @example
 * parseSourceUrl('postgres://app:s3cret@db/shop') // { kind: 'postgres', url: 'postgres://app:s3cret@db/shop', shown: 'postgres://app:***@db/shop' }
 * parseSourceUrl('duckdb:warehouse.duckdb') // { kind: 'duckdb', path: 'warehouse.duckdb', shown: 'duckdb:warehouse.duckdb' }
 */
export function parseSourceUrl(address: string): WarehouseSource {
  const text = address.trim();
  const shown = redactSourceUrl(text);
  if (/^postgres(ql)?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new WarehouseError('INVALID_SOURCE', `source "${shown}" is not a valid URL (${FORMS})`, {
        source: shown,
      });
    }
    if (url.hostname === '' && !url.searchParams.has('host')) {
      throw new WarehouseError('INVALID_SOURCE', `source "${shown}" names no host (${FORMS})`, {
        source: shown,
      });
    }
    return { kind: 'postgres', url: text, shown };
  }
  const duckdb = /^duckdb:(.*)$/i.exec(text);
  if (duckdb) {
    const path = duckdb[1]!.replace(/^\/\/(?=\/)/, '');
    if (path === '') {
      throw new WarehouseError(
        'INVALID_SOURCE',
        `source "${shown}" names no file: write duckdb:FILE, or duckdb::memory: for an empty database`,
        { source: shown },
      );
    }
    return { kind: 'duckdb', path, shown };
  }
  throw new WarehouseError(
    'INVALID_SOURCE',
    `source "${shown}" is not one Upsell reads: give ${FORMS} (Parquet files are given as the files themselves)`,
    { source: shown },
  );
}
