import proxyAddr from 'proxy-addr';
import { z } from 'zod';

/** Express's `trust proxy`, as far as it is safe: off, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/**
 * `UPSELL_TRUST_PROXY`: which `X-Forwarded-For` entries to believe when taking a client's
 * address (for the limit of failed token checks). Unset, `false` or `0`: none, the address is the
 * connection's. A number: that many proxies in front (`1`: one reverse proxy). Otherwise a
 * comma-separated list of the proxies' addresses and ranges (`10.0.0.0/8`, `::1`) and express's
 * names for ranges (`loopback`, `linklocal`, `uniquelocal`). `true` (believe every entry) is
 * refused: the first entry is whatever the client wrote, so each client could pick its address.
 *
 * @example
 * TrustProxySchema.parse('loopback, 10.0.0.0/8') // ['loopback', '10.0.0.0/8']
 * TrustProxySchema.parse('1') // 1
 */
export const TrustProxySchema = z
  .string()
  .optional()
  .transform((value, ctx): TrustProxy => {
    const text = value?.trim().toLowerCase() ?? '';
    if (text === '' || text === 'false' || text === '0') return false;
    if (/^\d+$/.test(text)) return Number(text);
    if (text === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          'true would believe any X-Forwarded-For a client sends: give the number of proxies in front (e.g. 1) or their addresses',
      });
      return z.NEVER;
    }
    const list = text.split(',').map((entry) => entry.trim());
    try {
      // What express compiles `trust proxy` with: it accepts exactly what express would.
      proxyAddr.compile(list);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `${(error as Error).message}: use a hop count, or addresses, CIDR ranges, loopback, linklocal or uniquelocal, separated by commas`,
      });
      return z.NEVER;
    }
    return list;
  });
