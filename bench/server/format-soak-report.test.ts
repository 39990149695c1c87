import { describe, expect, it } from 'vitest';
import { formatSoakReport, type SoakResult, soakErrors } from './format-soak-report.ts';

const kind = (requests: number, busy: number, errors: number) => ({
  requests,
  ok: requests - busy - errors,
  busy,
  errors,
  latenciesMs: Array.from({ length: requests }, (_, i) => i + 1),
});

const result: SoakResult = {
  clients: 200,
  seconds: 120,
  warmupSeconds: 60,
  rows: 1_000_000,
  kinds: { 'cached query': kind(1000, 0, 0), 'uncached query': kind(100, 20, 0), append: kind(24, 0, 0) },
  errorSamples: [],
  health: { latenciesMs: Array.from({ length: 100 }, (_, i) => i / 2), failed: 0 },
  retriedResets: 0,
  rss: Array.from({ length: 121 }, (_, second) => ({ second, mib: second < 60 ? 300 + second : 400 })),
  problems: [],
  loadAverage: 1.5,
};

describe('formatSoakReport', () => {
  it('counts requests, busy answers and errors by kind, with their latency', () => {
    const report = formatSoakReport(result);
    expect(report).toContain('soak: 200 clients for 120 s on 1,000,000 rows');
    expect(report).toMatch(/uncached query\s+100\s+80\s+20\s+0\s+50\.0\s+99\.0/);
  });

  it('gives the RSS at the end of the warm-up and at the end, and their ratio', () => {
    expect(formatSoakReport(result)).toContain('RSS at 60 s 400 MiB, at the end 400 MiB (x1.000)');
  });

  it('passes the three targets of a clean, flat run', () => {
    const report = formatSoakReport(result);
    expect(report).toContain('PASS  0 errors');
    expect(report).toContain('PASS  health p99 under 100 ms: 49.0 ms');
    expect(report).toContain('PASS  RSS flat after the first 60 s');
  });

  it('misses the targets of a run with errors, a slow health and a growing RSS', () => {
    const bad: SoakResult = {
      ...result,
      kinds: { 'drill-down': kind(10, 0, 2) },
      errorSamples: ['drill-down: 500 {"error":...}'],
      health: { latenciesMs: [5, 150], failed: 1 },
      rss: [
        { second: 60, mib: 400 },
        { second: 120, mib: 480 },
      ],
    };
    expect(soakErrors(bad)).toBe(3);
    const report = formatSoakReport(bad);
    expect(report).toContain('MISS  0 errors (non-2xx other than 429 BUSY, failed health probes): 3');
    expect(report).toContain('MISS  health p99 under 100 ms: 150.0 ms');
    expect(report).toContain('MISS  RSS flat after the first 60 s (at the end at most x1.1 of then): x1.200');
    expect(report).toContain('  drill-down: 500 {"error":...}');
  });
});
