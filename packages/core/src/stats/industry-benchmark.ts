import { UpsellError } from '../errors.ts';

/** Industries with a published customer upsell rate benchmark. */
export const INDUSTRIES = ['retail', 'saas', 'consumer-goods'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Default benchmarks as fractions: retail 15% (Forrester), SaaS 25% (Gartner), consumer goods 18% (Nielsen). */
export const INDUSTRY_BENCHMARKS: Readonly<Record<Industry, number>> = {
  retail: 0.15,
  saas: 0.25,
  'consumer-goods': 0.18,
};

/** Where a benchmark figure comes from, shown beside it. */
export const INDUSTRY_BENCHMARK_SOURCES: Readonly<Record<Industry, string>> = {
  retail: 'Forrester',
  saas: 'Gartner',
  'consumer-goods': 'Nielsen',
};

/**
 * The benchmark rate of an industry, with optional overrides (fractions).
 *
 * @example
 * industryBenchmark('saas') // 0.25
 * industryBenchmark('saas', { saas: 0.3 }) // 0.3
 */
export function industryBenchmark(
  industry: Industry,
  overrides: Partial<Record<Industry, number>> = {},
): number {
  const value = overrides[industry] ?? INDUSTRY_BENCHMARKS[industry];
  if (value === undefined || !(value >= 0 && value <= 1)) {
    throw new UpsellError('INVALID_ARGUMENT', `industryBenchmark: no valid benchmark for "${industry}"`);
  }
  return value;
}
