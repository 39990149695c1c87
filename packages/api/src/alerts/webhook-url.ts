import { BlockList, isIP } from 'node:net';
import { UpsellError } from '@upsell/core';

/** The longest webhook URL taken. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

// Where a webhook must not go unless the server allows it (UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1):
// this host, its networks and the cloud's metadata service (169.254.169.254), which an attacker
// with an admin token would otherwise reach through the server.
const PRIVATE = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(address, prefix, 'ipv6');
}

/**
 * True for an address of this host, a private or link-local network, or one no one should send
 * to (unspecified, multicast, reserved), IPv4-mapped IPv6 included. Not an address: false.
 *
 * @example
 * isPrivateAddress('169.254.169.254') // true
 * isPrivateAddress('93.184.215.14') // false
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Options of {@link checkWebhookUrl}. */
export interface WebhookUrlOptions {
  /** Allow loopback and private addresses (UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1). */
  allowPrivate: boolean;
}

const refuse = (message: string) =>
  new UpsellError('INVALID_ARGUMENT', `webhook URL: ${message}`, { field: 'url' });

/**
 * Checks a webhook URL before it is stored and before every send: http or https, at most
 * {@link MAX_WEBHOOK_URL_LENGTH} characters, no user or password in it, and unless allowed, no
 * `localhost` nor a literal private address. A name that resolves to a private address is
 * refused when connecting (see `postWebhook`), so a DNS answer that changes does not get past.
 * Returns the URL as parsed.
 *
 * @example
 * checkWebhookUrl('https://hooks.example.com/upsell', { allowPrivate: false }).host // 'hooks.example.com'
 */
export function checkWebhookUrl(text: string, options: WebhookUrlOptions): URL {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) refuseLength();
  // The URL parser drops tabs and newlines silently; what is stored must be what is sent.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) throw refuse('no spaces or control characters');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('only http and https are sent to');
  if (url.username !== '' || url.password !== '') {
    throw refuse("no user or password in the URL: the payload is signed with the rule's secret instead");
  }
  if (url.hostname === '') throw refuse('no host');
  if (!options.allowPrivate) {
    const host = url.hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
      throw refuse(
        `${url.hostname} is this server or a private network; set UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1 on the server to allow it`,
      );
    }
  }
  return url;
}

function refuseLength(): never {
  throw refuse(`at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
}
