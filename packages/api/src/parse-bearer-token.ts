/**
 * The token of an `Authorization: Bearer <token>` header; undefined for no header, another
 * scheme or an empty token (all of which the API answers with UNAUTHORIZED).
 *
 * @example
 * parseBearerToken('Bearer upsell_abc') // 'upsell_abc'
 * parseBearerToken('Basic dXNlcg==') // undefined
 */
export function parseBearerToken(header: string | readonly string[] | undefined | null): string | undefined {
  const value = typeof header === 'string' ? header : header?.[0];
  const match = value === undefined ? null : /^\s*bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}
