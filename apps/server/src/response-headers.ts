import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdOf } from './request-id.ts';

/**
 * What pages of this server may load: only its own scripts, styles, fonts and API (the admin UI
 * is a Vite build with no inline script or style), images also as `data:` URLs, no plugins, no
 * `<base>`, forms only to itself, and no page may put it in a frame (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The headers every response carries, API and admin UI alike. Set by hand rather than with
 * helmet: four fixed headers, which the answers sent before express (see
 * createCachedQueryResponses) must carry too, at no cost, and none of helmet's other defaults
 * (HSTS on a server that speaks plain HTTP, cross-origin policies) fits every deployment.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Sets the security headers and `X-Request-Id` on a response, before anything is written, and
 * returns the request's id (for the log lines about it).
 *
 * @example
 * const requestId = setResponseHeaders(req, res);
 */
export function setResponseHeaders(req: IncomingMessage, res: ServerResponse): string {
  const requestId = requestIdOf(req);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('X-Request-Id', requestId);
  return requestId;
}
