import { describe, expect, it } from 'vitest';
import { CACHED_DEFINITIONS, monthsBetween, soakRequestUrl } from './soak-requests.ts';

const inputOf = (url: string) =>
  JSON.parse(new URL(url).searchParams.get('input')!) as Record<string, unknown>;
const options = { baseUrl: 'http://127.0.0.1:3000', dataset: 'soak', months: ['2024-01', '2024-02'] };

describe('monthsBetween', () => {
  it('lists every month from the first to the last, across a year end', () => {
    expect(monthsBetween('2023-11-03T10:00:00Z', '2024-01-31T23:59:59Z')).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
    ]);
  });

  it('gives one month when both times fall in it', () => {
    expect(monthsBetween('2024-03-01T00:00:00Z', '2024-03-31T23:59:59Z')).toEqual(['2024-03']);
  });

  it('throws on a time it cannot read', () => {
    expect(() => monthsBetween('yesterday', '2024-03-01T00:00:00Z')).toThrow(/not ISO 8601/);
  });
});

describe('soakRequestUrl', () => {
  it('asks one of the few cached definitions for a cached query', () => {
    const url = soakRequestUrl('cached query', { ...options, random: () => 0.3 });
    expect(url.startsWith('http://127.0.0.1:3000/trpc/metric.query?input=')).toBe(true);
    expect(inputOf(url)).toEqual({ dataset: 'soak', definition: CACHED_DEFINITIONS[1] });
  });

  it('varies the definition of an uncached query, its month and target from the random numbers', () => {
    const low = inputOf(soakRequestUrl('uncached query', { ...options, random: () => 0 }));
    const high = inputOf(soakRequestUrl('uncached query', { ...options, random: () => 0.9999 }));
    expect(low.definition).toEqual({
      period: 'week',
      metric: 'customer-upsell-rate',
      by: ['channel'],
      from: '2024-01-01',
      target: 0,
    });
    expect(high.definition).toEqual({
      period: 'quarter',
      metric: 'customer-cross-sell-rate',
      by: [],
      from: '2024-02-01',
      target: 1,
    });
  });

  it('asks a page of the customers behind a month and channel for a drill-down', () => {
    const url = soakRequestUrl('drill-down', { ...options, random: () => 0.5 });
    expect(url).toContain('/trpc/metric.customers?input=');
    expect(inputOf(url)).toEqual({
      dataset: 'soak',
      period: '2024-02',
      segment: { channel: 'partner' },
      offset: 50,
      limit: 50,
    });
  });
});
