import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type AlertService,
  createAlertService,
  createContextFactory,
  createFailedAuthLimiter,
  createTtlCache,
  DEFAULT_FAILED_AUTH_LIMIT,
  evaluateAlertsAfterImports,
  METADATA_CACHE_MS,
} from '@upsell/api';
import {
  collectExpiredUploads,
  createDatasetStore,
  createWarehouseSourceRunner,
  type DatasetStore,
} from '@upsell/datasets';
import {
  countTokens,
  createToken,
  createTokenWithValue,
  type Database,
  isRevokedToken,
  openDatabase,
  type TargetRow,
  type TokenRow,
  verifyToken,
} from '@upsell/db';
import { answerClientErrors } from './answer-client-errors.ts';
import { createCachedQueryResponses } from './cached-query-responses.ts';
import { createHttpApp } from './create-http-app.ts';
import type { ServerEnv } from './env.ts';
import { DEMO_DATASET, DEMO_SUBSCRIPTION_DATASET, seedDemo } from './seed-demo.ts';
import { unreadableSources } from './unreadable-sources.ts';

/** The longest a request may take to arrive, an upload's body included. */
export const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;

/** A running server. */
export interface RunningServer {
  url: string;
  /** A token created at this start (the first one), to print once; undefined otherwise. */
  adminToken: string | undefined;
  /** Whether the admin token came from UPSELL_ADMIN_TOKEN. */
  adminTokenFromEnv: boolean;
  /** Whether the token in UPSELL_ADMIN_TOKEN was revoked: it does not work, and a start does not bring it back. */
  adminTokenRevoked: boolean;
  seeded: boolean;
  store: DatasetStore;
  database: Database;
  /** Answers to repeated metric queries sent without express and tRPC (see createCachedQueryResponses). */
  answersFromCache(): number;
  /** Stops taking requests, lets imports in flight finish, closes the database. */
  close(): Promise<void>;
}

/**
 * Creates the admin token of a first start (or the one UPSELL_ADMIN_TOKEN names, if it is new).
 * A revoked UPSELL_ADMIN_TOKEN stays revoked: the server starts without it (other tokens still
 * work) rather than refusing to start, which would make a restart loop of a deployment.
 */
async function ensureAdminToken(database: Database, fromEnv: string | undefined) {
  if (fromEnv !== undefined) {
    if ((await verifyToken(database.db, fromEnv)) !== undefined) {
      return { token: undefined, fromEnv: true, revoked: false };
    }
    if (await isRevokedToken(database.db, fromEnv)) return { token: undefined, fromEnv: true, revoked: true };
    await createTokenWithValue(database.db, {
      name: 'from UPSELL_ADMIN_TOKEN',
      role: 'admin',
      token: fromEnv,
    });
    return { token: undefined, fromEnv: true, revoked: false };
  }
  if ((await countTokens(database.db)) > 0) return { token: undefined, fromEnv: false, revoked: false };
  const { token } = await createToken(database.db, { name: 'first start', role: 'admin' });
  return { token, fromEnv: false, revoked: false };
}

/** Uploads past their time to live are looked for this often (or every time to live, if shorter). */
const UPLOAD_SWEEP_MS = 60_000;

/**
 * Removes the uploads of a data directory that waited `ttlMs` for their import, from now on
 * until the returned function is called. The timer never keeps the process alive.
 */
function sweepExpiredUploads(dataDir: string, ttlMs: number, log: (line: string) => void): () => void {
  let sweeping = false;
  const timer = setInterval(
    () => {
      if (sweeping) return;
      sweeping = true;
      collectExpiredUploads(dataDir, { ttlMs, now: Date.now() })
        .then(({ removed }) => {
          if (removed > 0) log(`removed ${removed} upload file(s) past UPSELL_UPLOAD_TTL_SECONDS`);
        })
        .catch((error: Error) => log(`removing expired uploads failed: ${error.message}`))
        .finally(() => {
          sweeping = false;
        });
    },
    Math.min(ttlMs, UPLOAD_SWEEP_MS),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Starts the server: the metadata database (PGlite in the data directory, or DATABASE_URL),
 * the dataset store, the admin token of a first start, the demo dataset, then HTTP.
 *
 * @example
 * const server = await startServer(readEnv());
 * console.log(server.url);
 */
export async function startServer(
  env: ServerEnv,
  options: { webRoot?: string; log?: (line: string) => void } = {},
): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(env.dataDir, 'metadata') },
  );
  let store: DatasetStore | undefined;
  let stopSweeping: (() => void) | undefined;
  let alerts: AlertService | undefined;
  try {
    store = await createDatasetStore({
      db: database.db,
      dataDir: env.dataDir,
      threads: env.UPSELL_THREADS,
      maxUploadBytes: env.UPSELL_MAX_UPLOAD_BYTES,
      maxRows: env.UPSELL_MAX_ROWS,
      maxRowErrors: env.UPSELL_MAX_ROW_ERRORS,
      liveComputations: env.UPSELL_LIVE_COMPUTATIONS,
      maxComputations: env.UPSELL_MAX_COMPUTATIONS,
      maxQueuedComputations: env.UPSELL_MAX_QUEUED_COMPUTATIONS,
      cacheBytes: env.UPSELL_CACHE_BYTES,
      maxResultRows: env.UPSELL_MAX_RESULT_ROWS,
      maxDrillDownItems: env.UPSELL_MAX_DRILL_DOWN_ITEMS,
      sourceRunner: createWarehouseSourceRunner(),
      ...(env.UPSELL_SECRET_KEY ? { secretKey: env.UPSELL_SECRET_KEY } : {}),
      ...(env.UPSELL_SOURCE_ROOT ? { sourceRoot: env.UPSELL_SOURCE_ROOT } : {}),
      statementTimeoutMs: env.UPSELL_SOURCE_TIMEOUT_SECONDS * 1000,
    });
    for (const problem of await unreadableSources(database.db, env.UPSELL_SECRET_KEY)) log(problem);
    // Uploads left at the last stop were removed by the store's start; these are the new ones.
    stopSweeping = sweepExpiredUploads(env.dataDir, env.UPSELL_UPLOAD_TTL_SECONDS * 1000, log);
    const admin = await ensureAdminToken(database, env.UPSELL_ADMIN_TOKEN);
    if (admin.revoked) {
      log(
        'the token in UPSELL_ADMIN_TOKEN is revoked and does not work: sign in with another admin token, or set UPSELL_ADMIN_TOKEN to a new secret (24+ characters) and restart',
      );
    }
    let seeded = false;
    if (env.UPSELL_SEED_DEMO === '1') {
      log(
        `checking for datasets; seeding "${DEMO_DATASET}" and "${DEMO_SUBSCRIPTION_DATASET}" (${env.UPSELL_DEMO_ROWS} rows) if there are none`,
      );
      seeded = await seedDemo(store, env.UPSELL_DEMO_ROWS);
    }
    const caches = {
      tokens: createTtlCache<TokenRow>({ ttlMs: METADATA_CACHE_MS }),
      targets: createTtlCache<TargetRow[]>({ ttlMs: METADATA_CACHE_MS }),
    };
    const limiter = createFailedAuthLimiter(DEFAULT_FAILED_AUTH_LIMIT);
    let listeningUrl = `http://localhost:${env.PORT}`;
    alerts = createAlertService({
      db: database.db,
      store,
      secretKey: env.UPSELL_SECRET_KEY,
      allowPrivate: env.UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS === '1',
      publicUrl: () => env.UPSELL_PUBLIC_URL ?? listeningUrl,
      maxAttempts: env.UPSELL_ALERTS_MAX_ATTEMPTS,
      retryBaseMs: env.UPSELL_ALERTS_RETRY_SECONDS * 1000,
      timeoutMs: env.UPSELL_ALERTS_TIMEOUT_SECONDS * 1000,
      targets: caches.targets,
      log,
    });
    const app = createHttpApp({
      // Imports and appends through the API evaluate the dataset's alert rules once committed.
      createContext: createContextFactory({
        store: evaluateAlertsAfterImports(store, alerts),
        database,
        caches,
        limiter,
        alerts,
      }),
      log,
      maxJsonBytes: env.UPSELL_MAX_JSON_BYTES,
      maxBatch: env.UPSELL_MAX_BATCH,
      trustProxy: env.UPSELL_TRUST_PROXY,
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
    const answers = createCachedQueryResponses({ caches, store, ttlMs: METADATA_CACHE_MS });
    const server: Server = createServer((req, res) => {
      if (answers.serve(req, res)) return;
      answers.record(req, res);
      app(req, res);
    });
    answerClientErrors(server);
    // Node cuts off any request still arriving after 5 minutes, an upload of a few GiB on a slow
    // link among them. Uploads stop on their own after 120 s without a byte, and JSON bodies are
    // at most UPSELL_MAX_JSON_BYTES: an hour is the backstop.
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    if (env.HOST) server.listen(env.PORT, env.HOST);
    else server.listen(env.PORT);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    listeningUrl = `http://localhost:${port}`;
    // Resumes deliveries left pending at the last stop, then evaluates on the schedule.
    alerts.start({ intervalMs: env.UPSELL_ALERTS_INTERVAL * 1000 });
    const openStore = store;
    const runningAlerts = alerts;
    let closing: Promise<void> | undefined;
    return {
      url: `http://localhost:${port}`,
      adminToken: admin.token,
      adminTokenFromEnv: admin.fromEnv,
      adminTokenRevoked: admin.revoked,
      seeded,
      store,
      database,
      answersFromCache: () => answers.served,
      close() {
        closing ??= (async () => {
          // No new connections; requests in flight (an import among them) run to their end.
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          stopSweeping?.();
          await runningAlerts.close();
          await openStore.close();
          await stopped;
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    stopSweeping?.();
    await alerts?.close();
    await store?.close();
    await database.close();
    throw error;
  }
}
