import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './parse-bench-options.ts';

describe('parseBenchOptions', () => {
  it('measures both sizes, the CLI with its stages and the shuffled files, and the server by default, with a 30 s load test', () => {
    expect(parseBenchOptions([])).toEqual({
      kind: 'purchases',
      sizes: [1_000_000, 10_000_000],
      runs: 1,
      skipDuckdb: false,
      cli: true,
      stages: true,
      shuffled: true,
      server: true,
      loadSeconds: 30,
    });
  });

  it('measures only the server with --server-only, after the `--` that pnpm passes on', () => {
    const options = parseBenchOptions(['--', '--server-only', '--sizes', '1_000_000', '--load-seconds', '5']);
    expect(options).toMatchObject({ sizes: [1_000_000], cli: false, server: true, loadSeconds: 5 });
  });

  it('leaves out the stage breakdown with --skip-stages and the shuffled files with --skip-shuffled', () => {
    expect(parseBenchOptions(['--skip-stages'])).toMatchObject({ cli: true, stages: false, shuffled: true });
    expect(parseBenchOptions(['--', '--skip-shuffled'])).toMatchObject({ stages: true, shuffled: false });
  });

  it('has no stages or shuffled files to time without the CLI part (--server-only, --soak)', () => {
    expect(parseBenchOptions(['--server-only'])).toMatchObject({ stages: false, shuffled: false });
    expect(parseBenchOptions(['--soak'])).toMatchObject({ stages: false, shuffled: false });
  });

  it('rejects --skip-stages and --skip-shuffled with another kind than purchases, whose they are', () => {
    expect(() => parseBenchOptions(['--kind', 'subscriptions', '--skip-stages'])).toThrow(
      /purchase benchmark's: leave out --kind subscriptions/,
    );
    expect(() => parseBenchOptions(['--kind', 'warehouse', '--skip-shuffled'])).toThrow(BenchUsageError);
  });

  it('skips the server with --skip-server', () => {
    expect(parseBenchOptions(['--skip-server'])).toMatchObject({ cli: true, server: false });
  });

  it('rejects --server-only with --skip-server as bad usage', () => {
    expect(() => parseBenchOptions(['--server-only', '--skip-server'])).toThrow(BenchUsageError);
  });

  it('runs only the soak with --soak, 200 clients for 120 s by default', () => {
    expect(parseBenchOptions(['--soak'])).toMatchObject({
      cli: false,
      server: false,
      soak: { seconds: 120, clients: 200 },
    });
  });

  it("takes the soak's --seconds and --clients", () => {
    expect(parseBenchOptions(['--', '--soak', '--seconds', '15', '--clients', '50']).soak).toEqual({
      seconds: 15,
      clients: 50,
    });
  });

  it('rejects --seconds without --soak, and --soak with --server-only, as bad usage', () => {
    expect(() => parseBenchOptions(['--seconds', '15'])).toThrow(/add --soak/);
    expect(() => parseBenchOptions(['--soak', '--server-only'])).toThrow(BenchUsageError);
  });

  it('rejects a load test of zero seconds', () => {
    expect(() => parseBenchOptions(['--load-seconds', '0'])).toThrow(
      /--load-seconds takes positive integers/,
    );
  });
});
