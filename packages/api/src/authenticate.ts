import { hash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { verifyToken } from '@upsell/db';
import type { AppContext } from './context.ts';
import { RetryLaterError } from './retry-later-error.ts';
import { hasRole, type Role } from './roles.ts';

/** Who is calling: the token's id, name and role (never the token itself). */
export interface TokenIdentity {
  id: string;
  name: string;
  role: Role;
}

/**
 * The cache key of a token: its hash, so that no token is kept in memory in clear. One-shot
 * `hash` (0.26 µs here, against 0.83 µs through `createHash`): the cached answers hash the
 * token of every request.
 */
export const tokenKey = (token: string) => hash('sha256', token, 'hex');

/**
 * Checks the request's token against the role a procedure needs. No token: UNAUTHORIZED. An
 * unknown or revoked token: one more failure for the address, and UNAUTHORIZED, or
 * TOO_MANY_REQUESTS once the address has failed too often. A token that verifies is accepted
 * even from an address that has failed too often: many people can share one address (an office
 * behind NAT, everyone behind a proxy that is not trusted), and others' failures must not lock
 * out a caller who holds a valid token. A role below `needed`: FORBIDDEN.
 *
 * @example
 * const identity = await authenticate(ctx, 'analyst'); // { id, name: 'ci', role: 'admin' }
 */
export async function authenticate(ctx: AppContext, needed: Role): Promise<TokenIdentity> {
  const { token, ip } = ctx.auth;
  if (token === undefined) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'This needs an API token: send the header "Authorization: Bearer <token>"',
    });
  }
  const row = await ctx.caches.tokens.get(tokenKey(token), () => verifyToken(ctx.db, token));
  if (row === undefined) {
    const check = ctx.limiter.check(ip);
    ctx.limiter.recordFailure(ip);
    if (!check.allowed) {
      const seconds = Math.ceil(check.retryAfterMs / 1000);
      const message = `Too many failed token checks from this address: try again in ${seconds} s`;
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message,
        cause: new RetryLaterError(message, seconds),
      });
    }
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Unknown or revoked API token' });
  }
  if (!hasRole(row.role, needed)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This needs the ${needed} role; token "${row.name}" has the ${row.role} role`,
    });
  }
  return { id: row.id, name: row.name, role: row.role };
}
