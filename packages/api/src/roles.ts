import { z } from 'zod';

/** Token roles, from least to most allowed: each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/**
 * Whether a token with role `held` may call a procedure that needs `needed`.
 *
 * @example
 * hasRole('analyst', 'viewer') // true
 * hasRole('viewer', 'analyst') // false
 */
export function hasRole(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
