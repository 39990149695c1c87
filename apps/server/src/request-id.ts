import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// What request ids look like in practice (a UUID, nginx's $request_id, a trace id): letters,
// digits and a few separators, short. Anything else is not taken: the id is written into log
// lines and a response header, so a newline or a megabyte in it must never get that far.
const GIVEN_ID = /^[A-Za-z0-9][\w.:-]{0,127}$/;

/**
 * The id of a request: the `X-Request-Id` a proxy or the client sent, when it is 1 to 128
 * letters, digits, `_`, `.`, `:` or `-` (so that a request can be followed from the proxy's log
 * into this server's), else a new random UUID.
 *
 * @example
 * requestIdOf(req) // 'c6e1c1a0-...' or the request's own 'edge-4f2a9'
 */
export function requestIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}
