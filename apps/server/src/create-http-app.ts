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
    const webRoot = options.webRoot;
    app.use(
      express.static(webRoot, {
        index: false,
        // Built assets have content hashes in their names: cache them for good; anything else, a day.
        setHeaders: (res, path) =>
          res.setHeader(
            'Cache-Control',
            /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=86400',
          ),
      }),
    );
    // Client-side routes of the admin UI (paths without a file extension): index.html, never cached,
    // so that a new build's asset names are seen at once.
    app.get(/^\/(?!api\/|trpc\/)(?:[^.]*)$/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile('index.html', { root: webRoot });
    });
  }
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route: see /api/openapi.json' } });
  });
  return app;
}
