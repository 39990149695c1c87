import type { TRPCError } from '@trpc/server';
import {
  type AppContext,
  buildOpenApiDocument,
  callRestRoute,
  createCaller,
  matchRestRoute,
} from '@upsell/api';
import express, { type Request, type Response, type Router } from 'express';

/**
 * The REST read routes and the OpenAPI document, for curl and Python users: each route calls
 * its tRPC procedure through a caller, so auth, validation and errors are the procedure's own.
 * A body that is not JSON or over `maxJsonBytes` goes to the app's error handler.
 */
export function mountRest(
  contextOf: (req: Request, res: Response) => AppContext,
  onInternalError: (error: TRPCError, req: Request, res: Response) => void,
  options: { maxJsonBytes: number },
): Router {
  const rest = express.Router();
  rest.use(express.json({ limit: options.maxJsonBytes }));
  // Relative to where the document is served (/api/openapi.json), so it names this server
  // whichever name a client reached it by, and never echoes a Host header a client made up.
  const document = buildOpenApiDocument({ serverUrl: '/api' });
  rest.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  rest.use(async (req, res, next) => {
    const match = matchRestRoute(req.method, req.path);
    if (!match) return next();
    const context = contextOf(req, res);
    const { status, body } = await callRestRoute(
      match.route,
      { params: match.params, query: req.query as Record<string, unknown>, body: req.body },
      createCaller(context),
      {
        onError: (error) => error.code === 'INTERNAL_SERVER_ERROR' && onInternalError(error, req, res),
        ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
      },
    );
    res.status(status).json(body);
  });
  return rest;
}
