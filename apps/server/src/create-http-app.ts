import { existsSync } from 'node:fs';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { type AppContext, createAppRouter, parseBearerToken } from '@upsell/api';
import express, { type Express } from 'express';
import { mountRest } from './mount-rest.ts';

/** What the HTTP app serves. */
export interface HttpAppOptions {
  createContext: (auth: { token?: string; ip: string }) => AppContext;
  /** The admin UI's built files, served at / when present. */
  webRoot?: string;
  /** Where internal errors (with their causes) are logged. */
  log?: (line: string) => void;
}

/**
 * The express host: tRPC at /trpc, the REST read routes and the OpenAPI document at /api, the
 * admin UI at / (once built). It only wires HTTP to the router; everything else is in packages.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const router = createAppRouter();
  const contextOf = (req: express.Request) =>
    options.createContext({ token: parseBearerToken(req.headers.authorization), ip: req.ip ?? '' });
  app.use(
    '/trpc',
    createExpressMiddleware({
      router,
      createContext: ({ req }) => contextOf(req),
      onError: ({ error }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logError(error);
      },
    }),
  );
  const logError = (error: Error) => options.log?.(`internal error: ${error.stack ?? error.message}`);
  app.use('/api', mountRest(contextOf, logError));
  if (options.webRoot && existsSync(options.webRoot)) {
    app.use(express.static(options.webRoot, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the admin UI.
    app.get(/^\/(?!api\/|trpc\/).*/, (_req, res) => res.sendFile('index.html', { root: options.webRoot! }));
  }
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route: see /api/openapi.json' } });
  });
  return app;
}
