import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { DatasetSourceKind } from '@upsell/db';
import { DatasetStoreError } from './dataset-store-error.ts';

/** A source's URL read: its kind, and how people may see it (the password written `***`). */
export interface SourceLocation {
  kind: DatasetSourceKind;
  /** The URL as given; it may hold a password, so it is only ever stored sealed. */
  url: string;
  /** The URL with its password replaced by `***`: for lists, logs and errors. */
  redacted: string;
}

/** The only options a PostgreSQL URL may carry: the others can read the server's files or loosen the session. */
const POSTGRES_OPTIONS = new Set(['sslmode', 'application_name', 'connect_timeout']);
const SSL_MODES = new Set(['disable', 'prefer', 'require', 'no-verify', 'verify-ca', 'verify-full']);

const invalid = (message: string) => new DatasetStoreError('NOT_SUPPORTED', message, { field: 'url' });

/**
 * A source URL with its password replaced by `***` (and nothing else changed), for showing; a
 * URL that does not parse is shown as its scheme alone, since where its password is cannot be told.
 *
 * @example
 * redactSourceUrl('postgres://reader:s3cret@db.example/shop') // 'postgres://reader:***@db.example/shop'
 * redactSourceUrl('duckdb:sales/shop.duckdb') // 'duckdb:sales/shop.duckdb'
 */
export function redactSourceUrl(url: string): string {
  if (!/^postgres(ql)?:/i.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    return `${url.slice(0, url.indexOf(':'))}://***`;
  }
}

/**
 * Removes every spelling of a URL's password from a message (a driver's error may quote the
 * connection string), for errors that reach a client or a log.
 *
 * @example
 * withoutPassword('bad URL postgres://u:pw@h/d', 'postgres://u:pw@h/d') // 'bad URL postgres://u:***@h/d'
 */
export function withoutPassword(message: string, url: string): string {
  let out = message.split(url).join(redactSourceUrl(url));
  try {
    const { password } = new URL(url);
    for (const spelling of new Set([password, decodeURIComponent(password)])) {
      if (spelling.length >= 1) out = out.split(spelling).join('***');
    }
  } catch {
    // A URL that does not parse has no password to tell apart: it was replaced whole above.
  }
  return out;
}

/** A path inside the source directory: relative, no `..`, no NUL; Parquet may glob its file name. */
function checkRelativePath(path: string, what: string, glob: boolean): void {
  const parts = path.split(/[\\/]/);
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.includes('\0')) {
    throw invalid(
      `a ${what} is named by its path inside the server's source directory (UPSELL_SOURCE_ROOT), such as ${glob ? 'parquet:exports/*.parquet' : 'duckdb:sales/shop.duckdb'}: not an absolute path`,
    );
  }
  if (parts.some((part) => part === '..' || part === '')) {
    throw invalid(
      `a ${what}'s path may not leave the server's source directory (no ".." and no empty parts)`,
    );
  }
  if (parts.slice(0, -1).some((part) => /[*?[\]{}]/.test(part)) || (!glob && /[*?[\]{}]/.test(path))) {
    throw invalid(
      glob
        ? 'a Parquet path may use * and ? in its file name only (exports/2024-*.parquet), not in its folders'
        : 'a DuckDB file is one file: no * or ? in its path',
    );
  }
}

/**
 * Reads a source URL as an admin registers it: `postgres://user:password@host:port/database`
 * (options: sslmode, application_name, connect_timeout only), `duckdb:<file>` or
 * `parquet:<file or glob>` inside the server's source directory. Anything else is refused
 * (NOT_SUPPORTED) with a message that never repeats the password.
 *
 * @example
 * parseSourceLocation('postgres://reader:pw@db.example/shop').redacted // 'postgres://reader:***@db.example/shop'
 * parseSourceLocation('parquet:exports/*.parquet').kind // 'parquet'
 */
export function parseSourceLocation(url: string): SourceLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid(
        'this PostgreSQL URL does not parse: write it as postgres://user:password@host:5432/database',
      );
    }
    if (parsed.hostname === '') {
      throw invalid('a PostgreSQL URL names its host: postgres://user:password@host:5432/database');
    }
    if (parsed.pathname.length <= 1) {
      throw invalid('a PostgreSQL URL names its database: postgres://user:password@host:5432/database');
    }
    for (const [key, value] of parsed.searchParams) {
      if (!POSTGRES_OPTIONS.has(key)) {
        throw invalid(
          `the URL option "${key.slice(0, 40)}" is not accepted: a source's URL may set ${[...POSTGRES_OPTIONS].join(', ')} (the others could read the server's files or loosen the read-only session)`,
        );
      }
      if (key === 'sslmode' && !SSL_MODES.has(value)) {
        throw invalid(`sslmode is one of ${[...SSL_MODES].join(', ')}`);
      }
      if (key === 'connect_timeout' && !/^\d{1,4}$/.test(value)) {
        throw invalid('connect_timeout is a number of seconds');
      }
    }
    return { kind: 'postgres', url, redacted: redactSourceUrl(url) };
  }
  if (url.startsWith('duckdb:')) {
    checkRelativePath(url.slice('duckdb:'.length), 'DuckDB file', false);
    return { kind: 'duckdb', url, redacted: url };
  }
  if (url.startsWith('parquet:')) {
    const path = url.slice('parquet:'.length);
    checkRelativePath(path, 'Parquet file', true);
    if (!path.toLowerCase().endsWith('.parquet')) throw invalid('a Parquet path ends in .parquet');
    return { kind: 'parquet', url, redacted: url };
  }
  throw invalid(
    "a source is a PostgreSQL URL (postgres://user:password@host:5432/database), a DuckDB file (duckdb:sales/shop.duckdb) or Parquet files (parquet:exports/*.parquet) inside the server's source directory",
  );
}

/**
 * The absolute path of a file inside the source directory, once every link in it is followed:
 * one that leads outside the directory (a symbolic link to /etc) is refused, so a source reads
 * nothing else of the server's. The message names the path as given, never the server's.
 *
 * @example
 * await resolveInsideRoot('/srv/upsell-sources', 'sales/shop.duckdb') // '/srv/upsell-sources/sales/shop.duckdb'
 */
export async function resolveInsideRoot(root: string, path: string): Promise<string> {
  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    throw new DatasetStoreError(
      'NOT_CONFIGURED',
      "the server's source directory (UPSELL_SOURCE_ROOT) does not exist",
    );
  }
  try {
    real = await realpath(join(realRoot, path));
  } catch {
    throw new DatasetStoreError(
      'SOURCE_FAILED',
      `${path}: no such file in the server's source directory (UPSELL_SOURCE_ROOT)`,
      { field: 'url' },
    );
  }
  const inside = relative(realRoot, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw invalid(`${path} leads outside the server's source directory (a link): it cannot be read`);
  }
  return real;
}
