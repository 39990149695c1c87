import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '@upsell/api';

/** A typed client of the Upsell API: `client.metric.query.query({ dataset: 'shop' })`. */
export type UpsellClient = TRPCClient<AppRouter>;

/** Options of {@link createUpsellClient}. */
export interface UpsellClientOptions {
  /** The server's base URL, e.g. `http://localhost:3000`; the client talks to `${url}/trpc`. */
  url: string;
  /** An API token, sent as `Authorization: Bearer <token>` (only `health` works without one). */
  token?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
}

// Long definitions make long GET URLs; over this a batch is split (servers cap URLs near 8 KiB).
const MAX_URL_LENGTH = 4_000;

/** The most calls the client puts in one batch: the server's least (and default) UPSELL_MAX_BATCH. */
export const MAX_BATCH_CALLS = 50;

/**
 * Creates a client typed by the server's router. JSON calls are batched; uploads (a `Blob`,
 * `File` or bytes) go alone, as the request body.
 *
 * @example
 * const client = createUpsellClient({ url: 'http://localhost:3000', token: process.env.UPSELL_TOKEN });
 * const result = await client.metric.query.query({ dataset: 'shop', definition: { period: 'month' } });
 */
export function createUpsellClient(options: UpsellClientOptions): UpsellClient {
  const url = `${options.url.replace(/\/+$/, '')}/trpc`;
  const headers = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const common = { url, headers, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink(common),
        false: httpBatchLink({ ...common, maxURLLength: MAX_URL_LENGTH, maxItems: MAX_BATCH_CALLS }),
      }),
    ],
  });
}
