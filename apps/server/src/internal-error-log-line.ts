/** The request an internal error happened in, as far as the log may tell it. */
export interface FailedRequest {
  /** The request's id (its X-Request-Id). */
  id: string;
  method: string;
  /** The path, without the query string. */
  path: string;
  /** The caller's token, if it sent one: it is cut out of the line wherever it appears. */
  token?: string | undefined;
}

// Deep enough for a TRPCError around a driver's error around a socket's; a cycle stops here too.
const MAX_CAUSES = 5;

/**
 * The log line of an internal error: the request's id, method and path, and what went wrong,
 * with its stack and the causes under it (the TRPCError a client saw says only that the server
 * logged the details; these are they). Never a header, never the query string; the caller's
 * token is replaced by `<token>` should any message hold it.
 *
 * @example
 * log(internalErrorLogLine(error, { id: 'c6e1…', method: 'GET', path: '/trpc/metric.query' }));
 * // internal error in request c6e1… (GET /trpc/metric.query): Error: connect ECONNREFUSED …\n    at …
 */
export function internalErrorLogLine(error: unknown, request: FailedRequest): string {
  const parts: string[] = [];
  // The TRPCError that tRPC or toTRPCError wrapped around the failure says nothing: start below it.
  let current: unknown =
    error instanceof Error && error.name === 'TRPCError' && error.cause !== undefined ? error.cause : error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    parts.push(
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current),
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  const line = `internal error in request ${request.id} (${request.method} ${request.path}): ${parts.join('\ncaused by: ')}`;
  const { token } = request;
  return token === undefined || token === '' ? line : line.split(token).join('<token>');
}
