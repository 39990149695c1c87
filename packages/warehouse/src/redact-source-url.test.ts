import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSourceUrl } from './redact-source-url.ts';

describe('redactSourceUrl', () => {
  it('replaces the password of the userinfo', () => {
    expect(redactSourceUrl('postgres://app:s3cret@db:5432/shop')).toBe('postgres://app:***@db:5432/shop');
  });

  it('replaces a password given as a query parameter', () => {
    expect(redactSourceUrl('postgresql://db/shop?user=app&password=s3cret')).toBe(
      'postgresql://db/shop?user=app&password=***',
    );
  });

  it('leaves a URL without a password and a DuckDB file as they are', () => {
    expect(redactSourceUrl('postgres://app@db/shop')).toBe('postgres://app@db/shop');
    expect(redactSourceUrl('duckdb:/data/shop.duckdb')).toBe('duckdb:/data/shop.duckdb');
  });

  it('hides the userinfo of a URL it cannot parse', () => {
    expect(redactSourceUrl('postgres://app:s3cret@db:port/shop')).toBe('postgres://***@db:port/shop');
  });

  it('never shows any password, however it is spelled', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 20 }), (password) => {
        const url = `postgres://app:${encodeURIComponent(password)}@db/shop`;
        const shown = redactSourceUrl(url);
        expect(shown).not.toContain(encodeURIComponent(password));
        expect(shown).toContain(':***@');
      }),
    );
  });
});
