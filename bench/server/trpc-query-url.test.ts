import { describe, expect, it } from 'vitest';
import { trpcQueryUrl } from './trpc-query-url.ts';

describe('trpcQueryUrl', () => {
  it('puts the procedure in the path and its input as URL-encoded JSON in ?input=', () => {
    const url = trpcQueryUrl('http://localhost:3000', 'metric.query', {
      dataset: 'bench',
      definition: { period: 'month' },
    });
    expect(url).toBe(
      'http://localhost:3000/trpc/metric.query?input=%7B%22dataset%22%3A%22bench%22%2C%22definition%22%3A%7B%22period%22%3A%22month%22%7D%7D',
    );
    expect(JSON.parse(new URL(url).searchParams.get('input')!)).toEqual({
      dataset: 'bench',
      definition: { period: 'month' },
    });
  });

  it('does not double the slash after a base URL that ends with one', () => {
    expect(trpcQueryUrl('http://localhost:3000/', 'health', {})).toBe(
      'http://localhost:3000/trpc/health?input=%7B%7D',
    );
  });
});
