import { describe, expect, it } from 'vitest';
import { formatServerReport } from './format-server-report.ts';
import type { LoadTestResult } from './load-test.ts';
import type { ServerSizeMeasurement } from './measure-server-size.ts';
import type { AppendRound } from './time-appends.ts';

function round(appendMs: number, queryMs: number): AppendRound {
  return {
    seed: 7,
    file: 'append.csv',
    start: '2025-01-01',
    uploadMs: 10,
    appendMs,
    queryMs,
    cached: false,
    versionBefore: 1,
    versionAfter: 2,
    queryVersion: 2,
    acceptedRows: 10_000,
    fileCustomers: 8000,
    newCustomers: 0,
    problem: undefined,
  };
}

const LOAD: LoadTestResult = {
  connections: 200,
  seconds: 30,
  requests: 300_000,
  requestsPerSecond: 10_000,
  p50Ms: 8,
  p90Ms: 12,
  p99Ms: 18,
  maxMs: 40,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  mismatches: 0,
};

function measurement(size: number, overrides: Partial<ServerSizeMeasurement> = {}): ServerSizeMeasurement {
  return {
    size,
    imported: {
      uploadSeconds: 1,
      importSeconds: 2,
      rows: size,
      accepted: size,
      customers: size / 8,
      lastPurchase: '2024-12-31T23:59:41Z',
      datasetVersion: 1,
    },
    firstQuery: { ms: 2000, cached: false, datasetVersion: 1, rows: 24 },
    cachedQuery: { ms: 5, cached: true, datasetVersion: 1, rows: 24 },
    peakRssAfterImportMiB: 1500,
    peakRssAtStopMiB: 1600,
    loadAverage: 1,
    appends: undefined,
    load: undefined,
    problems: [],
    ...overrides,
  };
}

const targetLine = (report: string, words: string): string =>
  report.split('\n').find((line) => line.includes(words)) ?? '';

describe('formatServerReport', () => {
  it('passes the RSS target on the 10M import, not on the peak at stop', () => {
    const report = formatServerReport([measurement(10_000_000, { peakRssAtStopMiB: 2500 })], { cores: 2 });
    expect(targetLine(report, 'peak RSS of a 10,000,000-row import')).toMatch(/^PASS .*1500 MiB/);
  });

  it('judges append and refresh by the median of append + query, upload left out', () => {
    const appends = [round(60, 10), round(70, 10), round(300, 10)];
    const report = formatServerReport([measurement(10_000_000, { appends })], { cores: 2 });
    expect(targetLine(report, 'append mutation + query after append')).toMatch(
      /^PASS .*median 80\.0 ms, max 310\.0 ms/,
    );
  });

  it('misses the load test on any error even when p99 is within the target', () => {
    const load = { ...LOAD, timeouts: 1, errors: 1 };
    const report = formatServerReport([measurement(1_000_000, { load })], { cores: 2 });
    expect(targetLine(report, 'load test on 1,000,000 rows: p99')).toMatch(/^MISS .*p99 18 ms, 1 errors/);
  });

  it('says n/a for what was not measured', () => {
    const report = formatServerReport([measurement(1_000_000)], { cores: 2 });
    expect(targetLine(report, 'peak RSS of a 10,000,000-row import')).toMatch(/^n\/a /);
    expect(targetLine(report, 'append + query after append')).toMatch(/^n\/a /);
    expect(targetLine(report, 'load test p99')).toMatch(/^n\/a /);
  });

  it('says a subscription run is one, with the subscription upsell rate as its query', () => {
    const report = formatServerReport([measurement(10_000_000)], { cores: 2, kind: 'subscriptions' });
    expect(report.split('\n')[0]).toMatch(/^server on subscription datasets/);
    expect(report).toMatch(/the query is the monthly subscription upsell rate/);
    expect(formatServerReport([measurement(10_000_000)], { cores: 2 }).split('\n')[0]).toMatch(/^server \(/);
  });

  it('lists wrong answers at the end', () => {
    const problems = ['append (seed 7): the query after the append answered from the cache'];
    const report = formatServerReport([measurement(1_000_000, { problems })], { cores: 2 });
    expect(report.endsWith(`WRONG answers:\n  ${problems[0]}`)).toBe(true);
  });
});
