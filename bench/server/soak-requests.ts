import { trpcQueryUrl } from './trpc-query-url.ts';

/** The kinds of request the soak's clients send. */
export type SoakKind = 'cached query' | 'uncached query' | 'drill-down';

/** The definitions of a dashboard's few charts: after their first answer, each comes from the cache. */
export const CACHED_DEFINITIONS = [
  { period: 'month' },
  { period: 'quarter', by: ['channel'] },
  { period: 'month', metric: 'purchase-upsell-rate' },
  { period: 'year' },
] as const;

const METRICS = ['customer-upsell-rate', 'purchase-upsell-rate', 'customer-cross-sell-rate'] as const;
const PERIODS = ['week', 'month', 'quarter'] as const;
const CHANNELS = ['online', 'partner', 'sales'] as const;

const pick = <T>(values: readonly T[], random: () => number): T =>
  values[Math.min(values.length - 1, Math.floor(random() * values.length))]!;

/**
 * The calendar months (`YYYY-MM`, UTC) from the month of `first` to that of `last`, both ISO 8601.
 *
 * @example
 * monthsBetween('2023-11-03T10:00:00Z', '2024-01-31T23:59:59Z'); // ['2023-11', '2023-12', '2024-01']
 */
export function monthsBetween(first: string, last: string): string[] {
  const start = new Date(first);
  const end = new Date(last);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new Error(`monthsBetween: not ISO 8601 timestamps: "${first}", "${last}"`);
  }
  const months: string[] = [];
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
    if (m === 12) {
      y++;
      m = 0;
    }
    if (y > end.getUTCFullYear() || (y === end.getUTCFullYear() && m > end.getUTCMonth())) break;
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * The URL of one soak request of `kind` on `dataset`: a chart of the dashboard (cached after
 * its first answer), a definition nobody asked before (a month, metric, segmenting and target
 * picked at random: the result cache has it only by chance), or the customers behind a month
 * and channel, a page of them. `random` returns numbers in [0, 1), as Math.random.
 *
 * @example
 * soakRequestUrl('cached query', { baseUrl: 'http://127.0.0.1:3000', dataset: 'soak', months: ['2024-01'], random: Math.random });
 */
export function soakRequestUrl(
  kind: SoakKind,
  options: { baseUrl: string; dataset: string; months: readonly string[]; random: () => number },
): string {
  const { baseUrl, dataset, months, random } = options;
  if (months.length === 0) throw new Error('soakRequestUrl: the dataset has no month');
  if (kind === 'cached query') {
    return trpcQueryUrl(baseUrl, 'metric.query', { dataset, definition: pick(CACHED_DEFINITIONS, random) });
  }
  if (kind === 'uncached query') {
    const definition = {
      period: pick(PERIODS, random),
      metric: pick(METRICS, random),
      by: random() < 0.5 ? ['channel'] : [],
      // A date inside the month: a label of the period unit would have to match it.
      from: `${pick(months, random)}-01`,
      target: Math.round(random() * 1000) / 1000,
    };
    return trpcQueryUrl(baseUrl, 'metric.query', { dataset, definition });
  }
  return trpcQueryUrl(baseUrl, 'metric.customers', {
    dataset,
    period: pick(months, random),
    segment: { channel: pick(CHANNELS, random) },
    offset: pick([0, 50, 100], random),
    limit: 50,
  });
}
