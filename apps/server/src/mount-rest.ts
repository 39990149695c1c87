import {
  type AppContext,
  buildOpenApiDocument,
  callRestRoute,
  createCaller,
  matchRestRoute,
} from '@upsell/api';
import express, { type Request, type Router } from 'express';

/**
 * The REST read routes and the OpenAPI document, for curl and Python users: each route calls
 * its tRPC procedure through a caller, so auth, validation and errors are the procedure's own.
 */
export function mountRest(contextOf: (req: Request) => AppContext, onError: (error: Error) => void): Router {
  const rest = express.Router();
  rest.use(express.json({ limit: '1mb' }));
  rest.get('/openapi.json', (req, res) => {
    res.json(buildOpenApiDocument({ serverUrl: `${req.protocol}://${req.get('host')}/api` }));
  });
  rest.use(async (req, res, next) => {
    const match = matchRestRoute(req.method, req.path);
    if (!match) return next();
    const { status, body } = await callRestRoute(
      match.route,
      { params: match.params, query: req.query as Record<string, unknown>, body: req.body },
      createCaller(contextOf(req)),
      { onError: (error) => error.code === 'INTERNAL_SERVER_ERROR' && onError(error) },
    );
    res.status(status).json(body);
  });
  return rest;
}
