import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatasetStoreError } from './dataset-store-error.ts';
import {
  parseSourceLocation,
  redactSourceUrl,
  resolveInsideRoot,
  withoutPassword,
} from './source-location.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
};

describe('redactSourceUrl', () => {
  it('replaces the password and nothing else', () => {
    expect(redactSourceUrl('postgres://reader:s3cret@db.example:5432/shop?sslmode=require')).toBe(
      'postgres://reader:***@db.example:5432/shop?sslmode=require',
    );
    expect(redactSourceUrl('postgresql://reader@db.example/shop')).toBe(
      'postgresql://reader@db.example/shop',
    );
    expect(redactSourceUrl('duckdb:sales/shop.duckdb')).toBe('duckdb:sales/shop.duckdb');
  });

  it('hides a password written with escapes, and one in the options', () => {
    expect(redactSourceUrl('postgres://u:p%40ss%3Aword@h/d')).toBe('postgres://u:***@h/d');
    expect(redactSourceUrl('postgres://u@h/d?password=hunter2')).not.toContain('hunter2');
  });

  it('shows only the scheme of a URL that does not parse', () => {
    expect(redactSourceUrl('postgres://u:hunter2@[bad/d')).toBe('postgres://***');
  });
});

describe('withoutPassword', () => {
  it('removes the password however a driver quotes it', () => {
    const url = 'postgres://u:p%40ss@h/d';
    expect(withoutPassword(`failed: ${url}; password p@ss; raw p%40ss`, url)).toBe(
      'failed: postgres://u:***@h/d; password ***; raw ***',
    );
  });
});

describe('parseSourceLocation', () => {
  it('reads PostgreSQL URLs, DuckDB files and Parquet globs', () => {
    expect(parseSourceLocation('postgres://reader:pw@db.example/shop?sslmode=require')).toEqual({
      kind: 'postgres',
      url: 'postgres://reader:pw@db.example/shop?sslmode=require',
      redacted: 'postgres://reader:***@db.example/shop?sslmode=require',
    });
    expect(parseSourceLocation('duckdb:sales/shop.duckdb').kind).toBe('duckdb');
    expect(parseSourceLocation('parquet:exports/2024-*.parquet').kind).toBe('parquet');
  });

  it('refuses URL options that read server files or loosen the session, without repeating the password', () => {
    for (const option of [
      'sslrootcert=/etc/shadow',
      'sslkey=/etc/ssl/private/key',
      'options=-c%20default_transaction_read_only%3Doff',
      'host=/var/run/postgresql',
      'password=hunter2',
    ]) {
      const error = refusal(() => parseSourceLocation(`postgres://u:hunter2@db/shop?${option}`));
      expect(isDatasetStoreError(error, 'NOT_SUPPORTED')).toBe(true);
      expect(error.message).toContain(`"${option.split('=')[0]}"`);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('refuses a URL without a host or a database, and any other scheme', () => {
    for (const url of [
      'postgres:///shop',
      'postgres://db.example',
      'mysql://u:hunter2@db/shop',
      '/etc/passwd',
      'file:///etc/passwd',
      '',
    ]) {
      const error = refusal(() => parseSourceLocation(url));
      expect(isDatasetStoreError(error, 'NOT_SUPPORTED')).toBe(true);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('refuses paths that leave the source directory or are absolute', () => {
    for (const url of [
      'duckdb:/etc/passwd',
      'duckdb:../secrets.duckdb',
      'duckdb:sales/../../x.duckdb',
      'duckdb:C:\\x.duckdb',
      'duckdb:a//b.duckdb',
      'duckdb:*.duckdb',
      'duckdb:',
      'parquet:/data/*.parquet',
      'parquet:../x.parquet',
      'parquet:*/x.parquet',
      'parquet:exports/x.csv',
      'duckdb:x\u0000.duckdb',
    ]) {
      expect(
        isDatasetStoreError(
          refusal(() => parseSourceLocation(url)),
          'NOT_SUPPORTED',
        ),
      ).toBe(true);
    }
  });
});

describe('resolveInsideRoot', () => {
  it('finds a file inside the directory, and refuses a link out of it or a missing file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'upsell-sources-'));
    await mkdir(join(root, 'sales'));
    await writeFile(join(root, 'sales', 'shop.duckdb'), '');
    await symlink('/etc', join(root, 'etc'));
    expect(await resolveInsideRoot(root, 'sales/shop.duckdb')).toMatch(/sales\/shop\.duckdb$/);
    const out = await resolveInsideRoot(root, 'etc/hostname').catch((e: unknown) => e);
    expect(isDatasetStoreError(out, 'NOT_SUPPORTED')).toBe(true);
    expect((out as Error).message).not.toContain(root);
    const missing = await resolveInsideRoot(root, 'sales/none.duckdb').catch((e: unknown) => e);
    expect(isDatasetStoreError(missing, 'SOURCE_FAILED')).toBe(true);
    expect((missing as Error).message).not.toContain(root);
  });
});
