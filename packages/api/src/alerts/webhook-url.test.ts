import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateAddress, MAX_WEBHOOK_URL_LENGTH } from './webhook-url.ts';

const strict = { allowPrivate: false };

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '172.32.0.1', '8.8.8.8', '2606:4700::1111', 'example.com'])(
    '%s is not',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('checkWebhookUrl', () => {
  it('takes an https or http URL to a public host', () => {
    expect(checkWebhookUrl('https://hooks.example.com/upsell?x=1', strict).href).toBe(
      'https://hooks.example.com/upsell?x=1',
    );
    expect(checkWebhookUrl('http://93.184.215.14:8080/', strict).port).toBe('8080');
  });

  it.each([
    ['ftp://hooks.example.com/', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['hooks.example.com/upsell', /not an absolute URL/],
    ['https://user:pw@hooks.example.com/', /no user or password/],
    ['https://hooks.example.com/a b', /no spaces or control characters/],
    ['https://hooks.example.com/\tx', /no spaces or control characters/],
    ['http://localhost:3000/', /private network/],
    ['http://api.localhost/', /private network/],
    ['http://localhost./', /private network/],
    ['http://127.0.0.1/', /private network/],
    ['http://2130706433/', /private network/],
    ['http://0x7f.1/', /private network/],
    ['http://[::1]/', /private network/],
    ['http://[::ffff:169.254.169.254]/', /private network/],
    ['http://169.254.169.254/latest/meta-data/', /private network/],
    [`https://hooks.example.com/${'a'.repeat(MAX_WEBHOOK_URL_LENGTH)}`, /at most 2048 characters/],
  ])('refuses %s', (url, message) => {
    expect(() => checkWebhookUrl(url, strict)).toThrow(message);
  });

  it('takes loopback and private addresses when the server allows them', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', { allowPrivate: true }).host).toBe('127.0.0.1:9000');
    expect(checkWebhookUrl('http://localhost/hook', { allowPrivate: true }).host).toBe('localhost');
  });
});
