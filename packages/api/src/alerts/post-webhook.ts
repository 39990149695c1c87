import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkWebhookUrl, isPrivateAddress } from './webhook-url.ts';

/** What one POST to a webhook came to. */
export interface WebhookResponse {
  /** A 2xx answer. */
  delivered: boolean;
  /** The receiver's status; null when none came. */
  httpStatus: number | null;
  /** Why it was not delivered, in words; null when it was. */
  error: string | null;
  durationMs: number;
}

/** Options of {@link postWebhook}. */
export interface PostWebhookOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

// The receiver's body is read and dropped; past this much, the connection is closed.
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Resolves as node does, then refuses a private address (unless allowed): the check is on the
 * address connected to, so a name whose DNS answer changes after the URL was checked does not
 * get past.
 *
 * @example
 * httpRequest(url, { lookup: guardedLookup(false) })
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (refused !== undefined) {
        const blocked = Object.assign(
          new Error(
            `${hostname} resolves to ${refused.address}, a private address (UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS is not set)`,
          ),
          { code: 'EPRIVATEADDRESS' },
        );
        return callback(blocked, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (first === undefined) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a JSON body to a webhook and says how it went; it never throws. Redirects are not
 * followed (a 3xx is not delivered), the whole exchange is cut at `timeoutMs`, and without
 * `allowPrivate` a URL whose host is or resolves to a private address is not connected to.
 *
 * @example
 * const outcome = await postWebhook(url, body, { headers: { 'Upsell-Signature': signature }, timeoutMs: 10_000, allowPrivate: false });
 */
export function postWebhook(
  url: string,
  body: string,
  options: PostWebhookOptions,
): Promise<WebhookResponse> {
  const started = performance.now();
  const done = (delivered: boolean, httpStatus: number | null, error: string | null): WebhookResponse => ({
    delivered,
    httpStatus,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let target: URL;
  try {
    target = checkWebhookUrl(url, { allowPrivate: options.allowPrivate });
  } catch (error) {
    return Promise.resolve(done(false, null, (error as Error).message));
  }
  return new Promise((resolve) => {
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': 'Upsell-Alerts/1',
          ...options.headers,
        },
        lookup: guardedLookup(options.allowPrivate),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const status = response.statusCode ?? null;
        const finish = () => {
          const ok = status !== null && status >= 200 && status < 300;
          resolve(done(ok, status, ok ? null : `the receiver answered HTTP ${status}`));
        };
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    request.on('error', (error: Error & { code?: string }) => {
      const timedOut = error.name === 'AbortError' || error.code === 'ABORT_ERR';
      resolve(done(false, null, timedOut ? `no answer within ${options.timeoutMs} ms` : error.message));
    });
    request.end(body);
  });
}
