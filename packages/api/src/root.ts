import { alertRouter } from './routers/alert.ts';
import { datasetRouter } from './routers/dataset.ts';
import { definitionRouter } from './routers/definition.ts';
import { healthProcedure } from './routers/health.ts';
import { metricRouter } from './routers/metric.ts';
import { sourceRouter } from './routers/source.ts';
import { targetRouter } from './routers/target.ts';
import { tokenRouter } from './routers/token.ts';
import { createCallerFactory, router } from './trpc.ts';

/**
 * Builds the API's router. It holds no state: the store, database and limiter come with each
 * request's context (see `createContextFactory`).
 *
 * @example
 * createHTTPServer({ router: createAppRouter(), createContext: ({ req }) => createContext({ ip: '', token: parseBearerToken(req.headers.authorization) }) });
 */
export function createAppRouter() {
  return router({
    health: healthProcedure,
    dataset: datasetRouter,
    metric: metricRouter,
    source: sourceRouter,
    definition: definitionRouter,
    target: targetRouter,
    token: tokenRouter,
    alert: alertRouter,
  });
}

/** The API's router. */
export const appRouter = createAppRouter();

/** The router's type, for typed clients: `import type { AppRouter } from '@upsell/api'`. */
export type AppRouter = typeof appRouter;

/**
 * Calls procedures without HTTP, for tests and for hosts serving REST routes.
 *
 * @example
 * const caller = createCaller(createContext({ token, ip: '127.0.0.1' }));
 * await caller.dataset.list();
 */
export const createCaller = createCallerFactory(appRouter);
