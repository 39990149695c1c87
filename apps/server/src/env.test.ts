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

  it('refuses a port out of range', () => {
    expect(() => readEnv({ PORT: '70000' })).toThrow(/PORT/);
  });
});
