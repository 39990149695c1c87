import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './parse-bench-options.ts';

describe('parseBenchOptions --kind', () => {
  it('measures purchases by default', () => {
    expect(parseBenchOptions([]).kind).toBe('purchases');
  });

  it('measures subscriptions with --kind subscriptions: the CLI against DuckDB, then the server', () => {
    expect(parseBenchOptions(['--', '--kind', 'subscriptions', '--sizes', '1000000'])).toEqual({
      kind: 'subscriptions',
      sizes: [1_000_000],
      runs: 1,
      skipDuckdb: false,
      cli: true,
      stages: false,
      shuffled: false,
      server: true,
      loadSeconds: 30,
      soak: undefined,
    });
    expect(parseBenchOptions(['--kind', 'subscriptions', '--server-only'])).toMatchObject({
      kind: 'subscriptions',
      cli: false,
      server: true,
    });
    expect(parseBenchOptions(['--kind', 'subscriptions', '--skip-server'])).toMatchObject({
      cli: true,
      server: false,
    });
  });

  it('rejects another kind, and --soak with subscriptions, as bad usage', () => {
    expect(() => parseBenchOptions(['--kind', 'orders'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--kind', 'subscriptions', '--soak'])).toThrow(/soak runs on purchases/);
  });
});
