import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const body = '{"type":"alert.test"}';
// printf '%s' '1733400000.{"type":"alert.test"}' | openssl dgst -sha256 -hmac whsec_test
const HEX = '6ef409ce17214923a19c5367467b8aa84bf136d297ffc3499b0d27c093592cae';

describe('signWebhook', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 as openssl does', () => {
    expect(signWebhook(body, 'whsec_test', 1733400000)).toBe(`t=1733400000,v1=${HEX}`);
  });

  it('refuses a time that is not whole seconds', () => {
    expect(() => signWebhook(body, 'whsec_test', 1.5)).toThrow(/signWebhook: unixSeconds/);
  });
});

describe('verifyWebhookSignature', () => {
  const header = `t=1733400000,v1=${HEX}`;
  const now = { nowSeconds: 1733400000 };

  it('accepts the signature of the body under the secret, within 5 minutes either way', () => {
    expect(verifyWebhookSignature(header, body, 'whsec_test', now)).toBe(true);
    expect(verifyWebhookSignature(header, body, 'whsec_test', { nowSeconds: 1733400300 })).toBe(true);
    expect(verifyWebhookSignature(header, body, 'whsec_test', { nowSeconds: 1733399700 })).toBe(true);
  });

  it('refuses another body, another secret, an old time, and a changed time', () => {
    expect(verifyWebhookSignature(header, `${body}\n`, 'whsec_test', now)).toBe(false);
    expect(verifyWebhookSignature(header, body, 'whsec_other', now)).toBe(false);
    expect(verifyWebhookSignature(header, body, 'whsec_test', { nowSeconds: 1733400301 })).toBe(false);
    expect(verifyWebhookSignature(`t=1733400001,v1=${HEX}`, body, 'whsec_test', now)).toBe(false);
  });

  it('refuses no header and malformed ones, and accepts any one good v1 among several', () => {
    for (const bad of [
      undefined,
      '',
      't=1733400000',
      `v1=${HEX}`,
      `t=abc,v1=${HEX}`,
      `t=1733400000,v1=${HEX.slice(1)}`,
    ]) {
      expect(verifyWebhookSignature(bad, body, 'whsec_test', now)).toBe(false);
    }
    expect(
      verifyWebhookSignature(`t=1733400000,v1=${'0'.repeat(64)},v1=${HEX}`, body, 'whsec_test', now),
    ).toBe(true);
  });
});
