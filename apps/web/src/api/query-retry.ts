import { isUpsellClientError } from '@upsell/client';

/** Tries for a query the server turned away busy, after its first. */
export const BUSY_RETRIES = 3;

/** The seconds the server asked to wait before asking again, when it was busy computing. */
export function busyRetryAfterSeconds(error: unknown): number | undefined {
  if (!isUpsellClientError(error)) return undefined;
  const data = error.data as { upsellCode?: string; retryAfterSeconds?: number } | null | undefined;
  return data?.upsellCode === 'BUSY' ? (data.retryAfterSeconds ?? 1) : undefined;
}

/**
 * The QueryClient's retry policy: a query the server was too busy to compute (429 BUSY) is
 * asked again up to {@link BUSY_RETRIES} times, after the seconds the server gave; any other
 * failure once, as before.
 *
 * @example
 * new QueryClient({ defaultOptions: { queries: { retry: retryQuery, retryDelay: retryQueryDelay } } });
 */
export function retryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < (busyRetryAfterSeconds(error) === undefined ? 1 : BUSY_RETRIES);
}

/** How long to wait before trying a query again: what a busy server asked, else react-query's default. */
export function retryQueryDelay(failureCount: number, error: unknown): number {
  const seconds = busyRetryAfterSeconds(error);
  return seconds === undefined ? Math.min(1000 * 2 ** failureCount, 30_000) : seconds * 1000;
}
