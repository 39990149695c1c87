import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDatasetStoreError } from './dataset-store-error.ts';
import { openSecret, parseSecretKey, sealSecret } from './source-secret.ts';

const key = parseSecretKey(randomBytes(32).toString('base64'));
const URL_WITH_PASSWORD = 'postgres://reader:correct-horse-battery@db.example:5432/shop';

describe('parseSecretKey', () => {
  it('reads 32 bytes written as base64, URL-safe base64 or hex', () => {
    const bytes = randomBytes(32);
    for (const text of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
      ` ${bytes.toString('hex').toUpperCase()}\n`,
    ]) {
      expect(Buffer.from(parseSecretKey(text)).equals(bytes)).toBe(true);
    }
  });

  it('refuses what is not 32 bytes, saying how to make a key and never repeating the value', () => {
    for (const text of [
      '',
      'short',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('hex'),
      'z'.repeat(64),
    ]) {
      const error = (() => {
        try {
          parseSecretKey(text);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.message).toContain('openssl rand -base64 32');
      if (text.length > 0) expect(error?.message).not.toContain(text);
    }
  });
});

describe('sealSecret and openSecret', () => {
  it('open what they sealed, any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(openSecret(sealSecret(text, key), key)).toBe(text);
      }),
    );
  });

  it('keeps neither the password nor the URL in the clear, and seals the same URL differently each time', () => {
    const first = sealSecret(URL_WITH_PASSWORD, key);
    const second = sealSecret(URL_WITH_PASSWORD, key);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    for (const sealed of [first, second]) {
      const bytes = Buffer.from(sealed);
      expect(bytes.includes('correct-horse-battery')).toBe(false);
      expect(bytes.includes('db.example')).toBe(false);
      // Nor in any base64 reading of the parts.
      for (const part of sealed.split(':').slice(1)) {
        expect(Buffer.from(part, 'base64').includes('correct-horse-battery')).toBe(false);
      }
    }
  });

  it('refuses a value sealed under another key as NOT_CONFIGURED', () => {
    const other = parseSecretKey(randomBytes(32).toString('hex'));
    const error = (() => {
      try {
        openSecret(sealSecret(URL_WITH_PASSWORD, other), key);
      } catch (e) {
        return e;
      }
    })();
    expect(isDatasetStoreError(error, 'NOT_CONFIGURED')).toBe(true);
    expect((error as Error).message).toContain('UPSELL_SECRET_KEY');
  });

  it('refuses a sealed value changed in any byte, or not sealed at all', () => {
    const sealed = sealSecret(URL_WITH_PASSWORD, key);
    const [version, iv, tag, ciphertext] = sealed.split(':') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    for (const changed of [
      [version, flip(iv), tag, ciphertext].join(':'),
      [version, iv, flip(tag), ciphertext].join(':'),
      [version, iv, tag, flip(ciphertext)].join(':'),
      ['v2', iv, tag, ciphertext].join(':'),
      `${sealed}:more`,
      URL_WITH_PASSWORD,
      '',
    ]) {
      expect(() => openSecret(changed, key)).toThrow(/UPSELL_SECRET_KEY/);
    }
  });
});
