import { publicProcedure } from '../trpc.ts';

/** `health`: whether the server is up, its version and which database it uses. No token. */
export const healthProcedure = publicProcedure.query(({ ctx }) => ({
  ok: true as const,
  version: ctx.version,
  database: ctx.databaseKind,
}));
