/**
 * The names the server gives the admin tokens it creates itself (apps/server's start), which say
 * how the token came to be rather than whose it is.
 */
const SERVER_TOKEN_LABELS: Record<string, string> = {
  'from UPSELL_ADMIN_TOKEN': 'Server admin (UPSELL_ADMIN_TOKEN)',
  'first start': 'Server admin (first start)',
};

/**
 * How the header names the token someone signed in with: its name as an admin gave it, or for
 * the server's own admin tokens a name that says whose they are.
 *
 * @example
 * tokenLabel('ci job') // 'ci job'
 * tokenLabel('from UPSELL_ADMIN_TOKEN') // 'Server admin (UPSELL_ADMIN_TOKEN)'
 */
export function tokenLabel(name: string): string {
  return SERVER_TOKEN_LABELS[name] ?? name;
}
