import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { UpsellError } from '../errors.ts';
import {
  INDUSTRIES,
  INDUSTRY_BENCHMARK_SOURCES,
  INDUSTRY_BENCHMARKS,
  type Industry,
  industryBenchmark,
} from './industry-benchmark.ts';

describe('industryBenchmark', () => {
  it.each([
    ['retail', 0.15],
    ['saas', 0.25],
    ['consumer-goods', 0.18],
  ] as const)('gives %s a default of %d', (industry, rate) => {
    expect(industryBenchmark(industry)).toBe(rate);
  });

  it('names the source of each default: Forrester, Gartner, Nielsen', () => {
    expect(INDUSTRY_BENCHMARK_SOURCES).toEqual({
      retail: 'Forrester',
      saas: 'Gartner',
      'consumer-goods': 'Nielsen',
    });
  });

  it('has a default and a source for every industry it lists', () => {
    for (const industry of INDUSTRIES) {
      expect(INDUSTRY_BENCHMARKS[industry]).toBeTypeOf('number');
      expect(INDUSTRY_BENCHMARK_SOURCES[industry]).toBeTypeOf('string');
    }
  });

  it('uses an override for its industry', () => {
    expect(industryBenchmark('saas', { saas: 0.3 })).toBe(0.3);
  });

  it('keeps the defaults of industries that are not overridden', () => {
    expect(industryBenchmark('retail', { saas: 0.3 })).toBe(0.15);
  });

  it('does not change the defaults when an override is used', () => {
    industryBenchmark('retail', { retail: 0.5 });
    expect(industryBenchmark('retail')).toBe(0.15);
  });
});

describe('edge cases', () => {
  it('accepts overrides of exactly 0 and 1 rather than falling back to the default', () => {
    expect(industryBenchmark('retail', { retail: 0 })).toBe(0);
    expect(industryBenchmark('retail', { retail: 1 })).toBe(1);
  });

  it.each([
    ['above 1 (a percentage given as 15)', 15],
    ['negative', -0.1],
    ['NaN', Number.NaN],
  ])('throws an UpsellError INVALID_ARGUMENT for an override %s', (_why, value) => {
    const error = errorOf(() => industryBenchmark('retail', { retail: value }));
    expect(error).toBeInstanceOf(UpsellError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('throws INVALID_ARGUMENT naming an industry it does not know', () => {
    const error = errorOf(() => industryBenchmark('mining' as Industry)) as UpsellError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('"mining"');
  });
});
