import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries a webhook's signature. */
export const SIGNATURE_HEADER = 'Upsell-Signature';

/** How far a signature's time may be from the receiver's clock by default: 5 minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, unixSeconds: number, body: string) =>
  createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');

/**
 * The `Upsell-Signature` header of a webhook body, as Stripe signs its own: `t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<body>" under the rule's secret>`. Signing the time with the body
 * lets a receiver refuse a replay of an old delivery.
 *
 * @example
 * signWebhook('{"type":"alert.fired"}', 'whsec_...', 1733400000) // 't=1733400000,v1=5f0c...'
 */
export function signWebhook(body: string, secret: string, unixSeconds: number): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
    throw new RangeError(`signWebhook: unixSeconds must be a whole number of seconds, not ${unixSeconds}`);
  }
  return `t=${unixSeconds},v1=${hmacHex(secret, unixSeconds, body)}`;
}

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookOptions {
  /** The receiver's clock, in unix seconds. */
  nowSeconds: number;
  /** Default {@link SIGNATURE_TOLERANCE_SECONDS}. */
  toleranceSeconds?: number;
}

/**
 * What a receiver does with the header: true when one of its `v1` signatures is the body's under
 * `secret` (compared in constant time) and its time is within the tolerance of `nowSeconds`.
 *
 * @example
 * verifyWebhookSignature(req.headers['upsell-signature'], rawBody, secret, { nowSeconds: Math.floor(Date.now() / 1000) })
 */
export function verifyWebhookSignature(
  header: string | undefined,
  body: string,
  secret: string,
  options: VerifyWebhookOptions,
): boolean {
  if (header === undefined) return false;
  let time: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value !== undefined && /^\d{1,12}$/.test(value)) time = Number(value);
    else if (name === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (time === undefined || signatures.length === 0) return false;
  if (Math.abs(options.nowSeconds - time) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS))
    return false;
  const expected = Buffer.from(hmacHex(secret, time, body), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}
