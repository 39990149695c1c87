import { isTRPCClientError, type TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@upsell/api';

/**
 * A failed call: `message` for people, and `data.code` (tRPC's: `NOT_FOUND`, `FORBIDDEN`, ...),
 * `data.httpStatus`, `data.issues` (invalid input fields), `data.upsellCode` (the core's code,
 * e.g. `MISSING_COLUMN`), `data.details` (a core error's parts: field, the header's columns,
 * candidates) and `data.retryAfterSeconds` (when rate limited) for programs.
 */
export type UpsellClientError = TRPCClientError<AppRouter>;

/**
 * Whether an error is a failed call of the client, with its error data typed. `data` is
 * undefined when no answer came (the server could not be reached).
 *
 * @example
 * try { await client.dataset.byId.query({ id: 'shop' }); }
 * catch (error) { if (isUpsellClientError(error) && error.data?.code === 'NOT_FOUND') console.log('no such dataset'); }
 */
export function isUpsellClientError(error: unknown): error is UpsellClientError {
  return isTRPCClientError<AppRouter>(error);
}
