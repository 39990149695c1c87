import { initTRPC, TRPCError } from '@trpc/server';
import { authenticate } from './authenticate.ts';
import type { AppContext } from './context.ts';
import { formatError } from './format-error.ts';
import type { Role } from './roles.ts';
import { toTRPCError } from './to-trpc-error.ts';

/** Procedure metadata: the least role that may call it (none: no token needed). */
export interface AppMeta {
  role?: Role;
}

const t = initTRPC.context<AppContext>().meta<AppMeta>().create({ errorFormatter: formatError });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Every procedure's errors pass here, so core errors become tRPC errors in one place.
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

// Runs before input validation, so callers without the right learn nothing about the input.
const requireRole = t.middleware(async ({ ctx, meta, next }) => {
  if (meta?.role === undefined) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'A protected procedure declares no role' });
  }
  return next({ ctx: { identity: await authenticate(ctx, meta.role) } });
});

/** No token needed (only `health`). */
export const publicProcedure = t.procedure.use(mapErrors);

const protectedProcedure = publicProcedure.use(requireRole);

/** Any valid token: reading. */
export const viewerProcedure = protectedProcedure.meta({ role: 'viewer' });
/** `analyst` or `admin`: importing, creating datasets, saved definitions. */
export const analystProcedure = protectedProcedure.meta({ role: 'analyst' });
/** `admin` only: tokens, targets, deleting datasets. */
export const adminProcedure = protectedProcedure.meta({ role: 'admin' });
