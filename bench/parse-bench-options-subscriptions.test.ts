import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './parse-bench-options.ts';

describe('parseBenchOptions --kind', () => {
  it('measures purchases by default', () => {
    expect(parseBenchOptions([]).kind).toBe('purchases');
  });

  it('measures subscriptions with --kind subscriptions: the CLI against DuckDB, not the server', () => {
    expect(parseBenchOptions(['--', '--kind', 'subscriptions', '--sizes', '1000000'])).toEqual({
      kind: 'subscriptions',
      sizes: [1_000_000],
      runs: 1,
      skipDuckdb: false,
      cli: true,
      server: false,
      loadSeconds: 30,
      soak: undefined,
    });
  });

  it('rejects another kind, and --server-only or --soak with subscriptions, as bad usage', () => {
    expect(() => parseBenchOptions(['--kind', 'orders'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--kind', 'subscriptions', '--server-only'])).toThrow(
      /leave out --server-only/,
    );
    expect(() => parseBenchOptions(['--kind', 'subscriptions', '--soak'])).toThrow(BenchUsageError);
  });
});
