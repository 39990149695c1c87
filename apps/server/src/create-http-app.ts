import { existsSync } from 'node:fs';
import type { TRPCError } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { type AppContext, createAppRouter, parseBearerToken } from '@upsell/api';
import express, { type Express, type Request, type Response } from 'express';
import { httpErrorHandler, notFound } from './http-error-handler.ts';
import { internalErrorLogLine } from './internal-error-log-line.ts';
import { mountRest } from './mount-rest.ts';
import { setResponseHeaders } from './response-headers.ts';
import { trpcRequestLimits } from './trpc-request-limits.ts';
import type { TrustProxy } from './trust-proxy.ts';

/** What the HTTP app serves. */
export interface HttpAppOptions {
  createContext: (auth: { token?: string; ip: string }, requestId?: string) => AppContext;
  /** The admin UI's built files, served at / when present. */
  webRoot?: string;
  /** Where internal errors (with their causes and request ids) are logged. */
  log?: (line: string) => void;
  /** Largest body of a request but an upload (UPSELL_MAX_JSON_BYTES). Default 1 MiB. */
  maxJsonBytes?: number;
  /** Most calls in one tRPC batch (UPSELL_MAX_BATCH). Default 50. */
  maxBatch?: number;
  /** Express's `trust proxy` (UPSELL_TRUST_PROXY): whose X-Forwarded-For to believe. Default: nobody's. */
  trustProxy?: TrustProxy;
}

/**
 * The express host: tRPC at /trpc, the REST read routes and the OpenAPI document at /api, the
 * admin UI at / (once built). It only wires HTTP to the router; everything else is in packages.
 * Every response carries the security headers and an `X-Request-Id`; every error, whatever
 * route it came from, is answered in the API's JSON error shape.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  const maxJsonBytes = options.maxJsonBytes ?? 1024 ** 2;
  const maxBatch = options.maxBatch ?? 50;
  const router = createAppRouter();
  app.use((req, res, next) => {
    res.locals.requestId = setResponseHeaders(req, res);
    next();
  });
  const contextOf = (req: Request, res: Response) =>
    options.createContext(
      { token: parseBearerToken(req.headers.authorization), ip: req.ip ?? '' },
      res.locals.requestId as string,
    );
  const logInternal = (error: TRPCError, req: Request, res: Response) =>
    options.log?.(
      internalErrorLogLine(error, {
        id: res.locals.requestId as string,
        method: req.method,
        path: req.originalUrl.split('?')[0]!,
        token: parseBearerToken(req.headers.authorization),
      }),
    );
  app.use(
    '/trpc',
    trpcRequestLimits({ maxJsonBytes, maxBatch }),
    createExpressMiddleware({
      router,
      maxBatchSize: maxBatch,
      createContext: ({ req, res }) => contextOf(req, res),
      // A request tRPC cannot even read (no content type, one it does not take, query and
      // mutation mixed in a batch) is answered without a content type, so as text/plain.
      responseMeta: ({ info }) =>
        info === undefined ? { headers: new Headers({ 'content-type': 'application/json' }) } : {},
      onError: ({ error, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logInternal(error, req, req.res!);
      },
    }),
  );
  app.use('/api', mountRest(contextOf, logInternal, { maxJsonBytes }));
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
  app.use(notFound, httpErrorHandler(logInternal));
  return app;
}
