import { TRPCError } from '@trpc/server';
import { errorResponse, INTERNAL_ERROR_MESSAGE } from '@upsell/api';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

/** What the error handler answers a route that does not exist with. */
export const NO_SUCH_ROUTE = 'No such route: the API is at /trpc and /api (see /api/openapi.json)';

// The errors of express's body parsers (and of `http-errors`), which carry a status and a type.
interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  limit?: unknown;
}

const BODY_ERRORS: Record<string, (error: HttpError) => TRPCError> = {
  'entity.too.large': (error) =>
    new TRPCError({
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than the limit of ${error.limit} bytes (UPSELL_MAX_JSON_BYTES); files go through dataset.upload`,
    }),
  'entity.parse.failed': () =>
    new TRPCError({
      code: 'BAD_REQUEST',
      message: 'The request body is not valid JSON (an object or an array)',
    }),
  'encoding.unsupported': () =>
    new TRPCError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'The request body has a Content-Encoding the server does not read: send gzip, deflate or none',
    }),
  'charset.unsupported': () =>
    new TRPCError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'The request body has a charset other than UTF-8',
    }),
  'request.aborted': () =>
    new TRPCError({ code: 'BAD_REQUEST', message: 'The request body was not sent to its end' }),
  'request.size.invalid': () =>
    new TRPCError({
      code: 'BAD_REQUEST',
      message: 'The request body does not have the length its Content-Length says',
    }),
};

/**
 * An error that reached express (a body parser's, a static file's, express's own) as the
 * TRPCError to answer: a client's mistake gets its code and a message of our own (never the
 * error's, which may name files of the server); anything else is an internal error, the
 * original kept as its cause for the log.
 *
 * @example
 * toHttpTRPCError(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large', limit: 1024 })).code // 'PAYLOAD_TOO_LARGE'
 */
export function toHttpTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  const http = (typeof error === 'object' && error !== null ? error : {}) as HttpError;
  const fromBody = typeof http.type === 'string' ? BODY_ERRORS[http.type] : undefined;
  if (fromBody !== undefined) return fromBody(http);
  const status = typeof http.status === 'number' ? http.status : http.statusCode;
  if (status === 404) return new TRPCError({ code: 'NOT_FOUND', message: NO_SUCH_ROUTE });
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new TRPCError({ code: 'BAD_REQUEST', message: 'The request could not be read' });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, cause: error });
}

/** The last route of the app: whatever nothing else answered is NOT_FOUND. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new TRPCError({ code: 'NOT_FOUND', message: NO_SUCH_ROUTE }));
};

/**
 * The app's error handler, the last middleware: every error that reaches express is answered in
 * the API's error shape (JSON, as tRPC's: no stack, whatever NODE_ENV says, with the request's
 * id), never with express's HTML page. Internal errors go to `logInternal` first.
 *
 * @example
 * app.use(notFound, httpErrorHandler((error, req, res) => log(...)));
 */
export function httpErrorHandler(
  logInternal: (error: TRPCError, req: Request, res: Response) => void,
): ErrorRequestHandler {
  return (cause, req, res, _next) => {
    const error = toHttpTRPCError(cause);
    if (error.code === 'INTERNAL_SERVER_ERROR') logInternal(error, req, res);
    if (res.headersSent) {
      // Part of another answer is out: all that can be said now is that it ends here.
      res.destroy();
      return;
    }
    const requestId = res.locals.requestId as string | undefined;
    const { status, body } = errorResponse(error, requestId === undefined ? {} : { requestId });
    res.status(status).json(body);
  };
}
