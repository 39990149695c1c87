import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseSecretKey } from '@upsell/datasets';
import { z } from 'zod';
import { TrustProxySchema } from './trust-proxy.ts';

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

/**
 * Every setting the server reads from the environment, checked in this one place: a bad value
 * stops the start with the variable's name and what is wrong with it.
 */
export const EnvSchema = z.object({
  PORT: whole(0, 65_535).default(3000),
  /** Address to listen on; default all interfaces. */
  HOST: z.string().min(1).optional(),
  /** Uploads, the kept original files and (without DATABASE_URL) the embedded database. */
  UPSELL_DATA_DIR: z.string().min(1).default('./data'),
  /** A PostgreSQL server for the metadata; without it, PGlite in the data directory. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** An admin token to create (if it does not exist yet), for automation: at least 24 characters. */
  UPSELL_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  UPSELL_MAX_UPLOAD_BYTES: whole(1).default(4 * 1024 ** 3),
  /** How long an upload waits for its import before it is removed. */
  UPSELL_UPLOAD_TTL_SECONDS: whole(1).default(3600),
  UPSELL_MAX_ROWS: whole(1).default(100_000_000),
  UPSELL_MAX_ROW_ERRORS: whole(0).default(100_000),
  UPSELL_THREADS: whole(1, 256).default(Math.max(1, Math.min(availableParallelism(), 8))),
  /** Live computations kept for incremental appends; each holds state per customer. */
  UPSELL_LIVE_COMPUTATIONS: whole(1, 64).default(1),
  /** Heavy computations (queries, drill-downs, imports) running at once; each holds worker threads. */
  UPSELL_MAX_COMPUTATIONS: whole(1, 64).default(2),
  /** Computations waiting for those; beyond, a query is answered 429 with the seconds to retry after. */
  UPSELL_MAX_QUEUED_COMPUTATIONS: whole(0, 10_000).default(8),
  /** Bytes of results and drill-downs kept in memory. */
  UPSELL_CACHE_BYTES: whole(1024 ** 2).default(256 * 1024 ** 2),
  /** Most rows (periods x segments) one result may have. */
  UPSELL_MAX_RESULT_ROWS: whole(1).default(50_000),
  /** Most customers and lines one drill-down gathers. */
  UPSELL_MAX_DRILL_DOWN_ITEMS: whole(1).default(200_000),
  /** Seed a demo dataset at first start: 1 (default) or 0. */
  UPSELL_SEED_DEMO: z.enum(['0', '1']).default('1'),
  /** Rows of the demo dataset. */
  UPSELL_DEMO_ROWS: whole(1, 10_000_000).default(50_000),
  /**
   * Largest request body but an upload's (JSON: inputs, batches of them): a definition or two is
   * a few KiB, so 1 MiB leaves room and keeps a runaway body from taking the memory.
   */
  UPSELL_MAX_JSON_BYTES: whole(1024).default(1024 ** 2),
  /**
   * Most calls in one tRPC batch. @upsell/client (so the admin UI and the CLI) splits its batches
   * at 50 calls, so a lower value would break them.
   */
  UPSELL_MAX_BATCH: whole(50, 1000).default(50),
  /** Which proxies' X-Forwarded-For gives the client's address (see TrustProxySchema); default none. */
  UPSELL_TRUST_PROXY: TrustProxySchema,
  /**
   * The key that seals connected datasets' URLs (AES-256-GCM): 32 random bytes as base64 or hex
   * (`openssl rand -base64 32`). Without it, sources cannot be registered or read. The message
   * of a bad one never repeats it.
   */
  UPSELL_SECRET_KEY: z
    .string()
    .transform((text, ctx) => {
      try {
        return parseSecretKey(text);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be 32 random bytes written as base64 or hex: make one with `openssl rand -base64 32`',
        });
        return z.NEVER;
      }
    })
    .optional(),
  /** The one directory DuckDB files and Parquet files of connected datasets are read from; unset: none are. */
  UPSELL_SOURCE_ROOT: z
    .string()
    .min(1)
    .transform((path) => resolve(path))
    .optional(),
  /** The longest one statement of a connected dataset may run at its source. */
  UPSELL_SOURCE_TIMEOUT_SECONDS: whole(1, 3600).default(60),
  /** Alert rules are evaluated this often besides after every import and append; 0: only then. */
  UPSELL_ALERTS_INTERVAL: whole(0, 7 * 24 * 3600).default(3600),
  /**
   * 1: webhooks may go to loopback and private addresses (this host, its networks, the cloud's
   * metadata service). Default 0: refused, so an admin token cannot make the server reach them.
   */
  UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS: z.enum(['0', '1']).default('0'),
  /** Attempts per firing before it is given up. */
  UPSELL_ALERTS_MAX_ATTEMPTS: whole(1, 50).default(8),
  /** The wait after a failed attempt: this, then doubling, up to 6 hours. */
  UPSELL_ALERTS_RETRY_SECONDS: whole(1, 3600).default(30),
  /** The longest one webhook request may take. */
  UPSELL_ALERTS_TIMEOUT_SECONDS: whole(1, 120).default(10),
  /** Where people open this server, for the dashboard link in alert payloads; default http://localhost:PORT. */
  UPSELL_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
});

export type ServerEnv = z.infer<typeof EnvSchema> & { dataDir: string };

/** The environment's settings, or an error listing every bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  // Empty variables count as unset, as in most shells' `VAR= command`.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`bad environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.UPSELL_DATA_DIR) };
}

/** A setting in the environment that the server cannot start with. */
export class EnvError extends Error {
  override name = 'EnvError';
}
