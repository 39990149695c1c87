import { getTRPCErrorFromUnknown, getTRPCErrorShape } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { AppErrorShape } from '../format-error.ts';
import { appRouter } from '../root.ts';

/** Options of {@link errorResponse}. */
export interface ErrorResponseOptions {
  /** The procedure, when the error is one procedure's. */
  path?: string;
  /** Default: 'unknown' (the error came before any procedure, e.g. while reading the body). */
  type?: 'query' | 'mutation' | 'unknown';
  /** The host's id of the request, carried in `data.requestId`. */
  requestId?: string;
}

/**
 * The HTTP status and JSON body of an error, exactly as tRPC would answer it (the router's
 * error formatter applied: no stack, the internal error's fixed message), for answers that do
 * not come from tRPC's adapters: the REST routes, and a host's own errors (a body that is not
 * JSON or too large, an unknown route).
 *
 * @example
 * const { status, body } = errorResponse(new TRPCError({ code: 'NOT_FOUND', message: 'No such route' }), { requestId });
 * res.status(status).json(body); // 404 { error: { message: 'No such route', code: -32004, data: { code: 'NOT_FOUND', ... } } }
 */
export function errorResponse(
  cause: unknown,
  options: ErrorResponseOptions = {},
): { status: number; body: { error: AppErrorShape } } {
  const error = getTRPCErrorFromUnknown(cause);
  const shape: AppErrorShape = getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: options.type ?? 'unknown',
    path: options.path,
    input: undefined,
    ctx: undefined,
  });
  if (options.requestId !== undefined) shape.data.requestId = options.requestId;
  return { status: getHTTPStatusCodeFromError(error), body: { error: shape } };
}
