import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env.ts';

describe('readEnv', () => {
  it('has defaults for everything: port 3000, ./data, the embedded database', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 3000, UPSELL_DATA_DIR: './data', UPSELL_SEED_DEMO: '1' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toMatch(/\/data$/);
  });

  it('reads numbers and takes empty variables as unset', () => {
    const env = readEnv({ PORT: '8080', UPSELL_MAX_ROWS: '1000', DATABASE_URL: '' });
    expect(env.PORT).toBe(8080);
    expect(env.UPSELL_MAX_ROWS).toBe(1000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable and what is wrong with it', () => {
    let error: unknown;
    try {
      readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', UPSELL_ADMIN_TOKEN: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain('PORT:');
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(message).toContain('UPSELL_ADMIN_TOKEN: must be at least 24 characters');
  });

  it('reads the secret key of connected datasets as base64 or hex, and never repeats a bad one', () => {
    const hex = 'ab'.repeat(32);
    expect(Buffer.from(readEnv({ UPSELL_SECRET_KEY: hex }).UPSELL_SECRET_KEY!).toString('hex')).toBe(hex);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(readEnv({ UPSELL_SECRET_KEY: base64 }).UPSELL_SECRET_KEY?.length).toBe(32);
    expect(readEnv({}).UPSELL_SECRET_KEY).toBeUndefined();
    const bad = 'not-a-key-but-a-password-hunter2';
    expect(() => readEnv({ UPSELL_SECRET_KEY: bad })).toThrow(/UPSELL_SECRET_KEY: must be 32 random bytes/);
    try {
      readEnv({ UPSELL_SECRET_KEY: bad });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('reads the source directory as an absolute path and the source timeout in seconds (default 60)', () => {
    const env = readEnv({ UPSELL_SOURCE_ROOT: 'sources' });
    expect(env.UPSELL_SOURCE_ROOT).toMatch(/^\/.*\/sources$/);
    expect(env.UPSELL_SOURCE_TIMEOUT_SECONDS).toBe(60);
    expect(readEnv({}).UPSELL_SOURCE_ROOT).toBeUndefined();
  });

  it('refuses a port out of range', () => {
    expect(() => readEnv({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('limits JSON bodies to 1 MiB and batches to 50 calls, and trusts no proxy, unless told', () => {
    expect(readEnv({})).toMatchObject({
      UPSELL_MAX_JSON_BYTES: 1024 ** 2,
      UPSELL_MAX_BATCH: 50,
      UPSELL_TRUST_PROXY: false,
    });
  });

  it('refuses a batch limit below the 50 calls the typed client puts in one batch', () => {
    expect(() => readEnv({ UPSELL_MAX_BATCH: '10' })).toThrow(/UPSELL_MAX_BATCH/);
  });

  it.each([
    ['1', 1],
    ['0', false],
    ['false', false],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8,fd00::1', ['loopback', '10.0.0.0/8', 'fd00::1']],
  ])('reads UPSELL_TRUST_PROXY=%s as express would', (value, expected) => {
    expect(readEnv({ UPSELL_TRUST_PROXY: value }).UPSELL_TRUST_PROXY).toEqual(expected);
  });

  it('refuses UPSELL_TRUST_PROXY=true, which would let every client pick its own address', () => {
    expect(() => readEnv({ UPSELL_TRUST_PROXY: 'true' })).toThrow(/UPSELL_TRUST_PROXY: true would believe/);
  });

  it('refuses an UPSELL_TRUST_PROXY that is no address, range or name express knows', () => {
    expect(() => readEnv({ UPSELL_TRUST_PROXY: 'proxy.internal' })).toThrow(
      /UPSELL_TRUST_PROXY: invalid IP address: proxy\.internal/,
    );
  });
});
