import { createToken, type Db, listTokens, revokeToken, StorageError } from '@upsell/db';
import { z } from 'zod';
import { RoleSchema } from '../roles.ts';
import { IdSchema, NameSchema } from '../schemas/common-inputs.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

// Revoking the last admin token would leave the server with no way to manage tokens but a restart
// with UPSELL_ADMIN_TOKEN; refuse it instead.
async function assertNotLastAdmin(db: Db, id: string) {
  const admins = (await listTokens(db)).filter((row) => row.role === 'admin' && row.revokedAt === null);
  if (admins.length === 1 && admins[0]?.id === id) {
    throw new StorageError(
      'CONFLICT',
      'This is the last admin token: create another admin token before revoking it',
    );
  }
}

/** `token.*`: API tokens. Only `me` is for every role; the rest is admin work. */
export const tokenRouter = router({
  /** The calling token's id (as `list` shows it), name and role. */
  me: viewerProcedure.query(({ ctx }) => ({
    id: ctx.identity.id,
    name: ctx.identity.name,
    role: ctx.identity.role,
  })),
  /** Every token, revoked ones included; never the tokens themselves. */
  list: adminProcedure.query(({ ctx }) => listTokens(ctx.db)),
  /** A new token: `token` is shown this once and stored only hashed. */
  create: adminProcedure
    .input(z.object({ name: NameSchema(100), role: RoleSchema }))
    .mutation(({ ctx, input }) => createToken(ctx.db, input)),
  revoke: adminProcedure.input(z.object({ id: IdSchema })).mutation(async ({ ctx, input }) => {
    await assertNotLastAdmin(ctx.db, input.id);
    const revoked = await revokeToken(ctx.db, input.id);
    // A revoked token stops working at once in this process.
    ctx.caches.tokens.clear();
    return revoked;
  }),
});
