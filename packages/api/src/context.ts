import type { DatasetStore } from '@upsell/datasets';
import type { Database, Db, TargetRow, TokenRow } from '@upsell/db';
import type { AlertService } from './alerts/alert-service.ts';
import { createFailedAuthLimiter, type FailedAuthLimiter } from './failed-auth-limiter.ts';
import { createTtlCache, type TtlCache } from './ttl-cache.ts';
import { API_VERSION } from './version.ts';

/** What the host knows about the caller: the bearer token it sent, if any, and its address. */
export interface RequestAuth {
  token?: string;
  ip: string;
}

/** What every procedure gets. */
export interface AppContext {
  store: DatasetStore;
  db: Db;
  /** Which database is behind `db`, for `health`. */
  databaseKind: Database['kind'];
  /** The server's version, for `health`. */
  version: string;
  auth: RequestAuth;
  limiter: FailedAuthLimiter;
  /** Tokens and saved targets, read on every request, cached for a few seconds. */
  caches: MetadataCaches;
  /** The host's id of this request, which error bodies carry so that a report finds its log line. */
  requestId?: string;
  /** Alert rules at work (evaluation, webhooks); a host without it answers `alert.*` writes NOT_CONFIGURED. */
  alerts?: AlertService;
}

/** The metadata caches a host shares between requests (see {@link createTtlCache}). */
export interface MetadataCaches {
  tokens: TtlCache<TokenRow>;
  targets: TtlCache<TargetRow[]>;
}

/** How long a cached token or target is trusted: a revocation by another process takes at most this long. */
export const METADATA_CACHE_MS = 5_000;

/** The long-lived pieces a host builds once and shares between requests. */
export interface AppDeps {
  store: DatasetStore;
  database: Pick<Database, 'db' | 'kind'>;
  /** Default: 10 failed token checks per address per minute. */
  limiter?: FailedAuthLimiter;
  /** Default: this package's version. */
  version?: string;
  /** Default: caches that trust an entry for {@link METADATA_CACHE_MS}. */
  caches?: MetadataCaches;
  /** Default: none (`alert.create` and `alert.test` answer NOT_CONFIGURED). */
  alerts?: AlertService;
}

/** 10 failures per minute: plenty for a person mistyping, far too few for guessing 256-bit tokens. */
export const DEFAULT_FAILED_AUTH_LIMIT = { max: 10, windowMs: 60_000 } as const;

/**
 * Builds the per-request context from the shared pieces, for any host: the express app, tRPC's
 * standalone server in tests, or `createCaller`. The limiter is created once here, so every
 * request of the host shares it. A host that numbers its requests passes the request's id too.
 *
 * @example
 * const createContext = createContextFactory({ store, database });
 * const ctx = createContext({ token: parseBearerToken(req.headers.authorization), ip: req.ip ?? '' }, requestId);
 */
export function createContextFactory(deps: AppDeps): (auth: RequestAuth, requestId?: string) => AppContext {
  const limiter = deps.limiter ?? createFailedAuthLimiter(DEFAULT_FAILED_AUTH_LIMIT);
  const version = deps.version ?? API_VERSION;
  const caches = deps.caches ?? {
    tokens: createTtlCache<TokenRow>({ ttlMs: METADATA_CACHE_MS }),
    targets: createTtlCache<TargetRow[]>({ ttlMs: METADATA_CACHE_MS }),
  };
  return (auth, requestId) => ({
    store: deps.store,
    db: deps.database.db,
    databaseKind: deps.database.kind,
    version,
    auth,
    limiter,
    caches,
    ...(requestId === undefined ? {} : { requestId }),
    ...(deps.alerts === undefined ? {} : { alerts: deps.alerts }),
  });
}
