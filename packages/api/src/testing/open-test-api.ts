import { randomBytes } from 'node:crypto';
import {
  createDatasetStore,
  type DatasetStore,
  type DatasetStoreOptions,
  parseSecretKey,
} from '@upsell/datasets';
import { createToken, type Database, revokeToken } from '@upsell/db';
import { type TestBackend, testBackends } from '@upsell/db/testing';
import { createTemporaryDirectory } from '@upsell/test-support';
import {
  type AlertService,
  type AlertServiceOptions,
  createAlertService,
  evaluateAlertsAfterImports,
} from '../alerts/alert-service.ts';
import { type AppContext, createContextFactory, type RequestAuth } from '../context.ts';
import type { FailedAuthLimiter } from '../failed-auth-limiter.ts';
import type { Role } from '../roles.ts';
import { createCaller } from '../root.ts';

/** Options of {@link openTestApi}. */
export interface OpenTestApiOptions {
  /** Default: PGlite. */
  backend?: TestBackend;
  /** Options of the store (`createDatasetStore`), e.g. a lower `maxUploadBytes`. */
  storeOptions?: Partial<Omit<DatasetStoreOptions, 'db' | 'dataDir'>>;
  /** Wraps the store the router sees, e.g. to make one of its methods fail. */
  wrapStore?: (store: DatasetStore) => DatasetStore;
  limiter?: FailedAuthLimiter;
  /** Options of the alert service the API gets (default: a random secret key, private webhooks allowed). */
  alerts?: Partial<Omit<AlertServiceOptions, 'db' | 'store'>>;
}

/** A router over a fresh database and store, with one token of each role and a revoked one. */
export interface TestApi {
  database: Database;
  store: DatasetStore;
  alerts: AlertService;
  createContext: (auth: RequestAuth) => AppContext;
  tokens: Record<Role | 'revoked', string>;
  /** A caller sending `token` (none when undefined) from `ip` (default 127.0.0.1). */
  caller(token?: string, ip?: string): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

/**
 * Opens the API over a fresh, migrated database (PGlite unless a backend is given) and the real
 * store (`createDatasetStore`, one thread) in a fresh temporary directory, for router and client
 * tests; `close` removes both.
 *
 * @example
 * const api = await openTestApi();
 * await api.caller(api.tokens.viewer).dataset.list(); // []
 * await api.close();
 */
export async function openTestApi(options: OpenTestApiOptions = {}): Promise<TestApi> {
  const backend = options.backend ?? testBackends()[0]!;
  const database = await backend.open();
  const dataDir = await createTemporaryDirectory('upsell-api-');
  const real = await createDatasetStore({
    db: database.db,
    dataDir: dataDir.path,
    threads: 1,
    ...options.storeOptions,
  });
  const wrapped = options.wrapStore?.(real) ?? real;
  const alerts = createAlertService({
    db: database.db,
    store: wrapped,
    secretKey: parseSecretKey(randomBytes(32).toString('hex')),
    allowPrivate: true,
    publicUrl: 'http://upsell.test',
    ...options.alerts,
  });
  const store = evaluateAlertsAfterImports(wrapped, alerts);
  const createContext = createContextFactory({ store, database, limiter: options.limiter, alerts });
  const token = async (role: Role) => (await createToken(database.db, { name: `test ${role}`, role })).token;
  const revoked = await createToken(database.db, { name: 'test revoked', role: 'admin' });
  await revokeToken(database.db, revoked.row.id);
  const tokens = {
    viewer: await token('viewer'),
    analyst: await token('analyst'),
    admin: await token('admin'),
    revoked: revoked.token,
  };
  return {
    database,
    store,
    alerts,
    createContext,
    tokens,
    caller: (token, ip = '127.0.0.1') => createCaller(createContext({ token, ip })),
    async close() {
      await alerts.close();
      await real.close();
      await database.close();
      await dataDir.remove();
    },
  };
}
