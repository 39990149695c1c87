import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UpsellError } from '@upsell/core';
import { DatasetStoreError } from './dataset-store-error.ts';

/** The key that seals sources' secrets: 32 bytes, from `UPSELL_SECRET_KEY`. */
export type SecretKey = Buffer & { readonly __secretKey: unique symbol };

const VERSION = 'v1';
const IV_BYTES = 12;
// Binds a sealed value to what it is for: the same key sealing something else one day cannot be
// taken for a source URL.
const ASSOCIATED_DATA = 'upsell dataset source v1';

/**
 * Reads a 32-byte key written as 64 hex digits or as base64 (standard or URL-safe, padded or
 * not), as `openssl rand -base64 32` or `openssl rand -hex 32` print one. Anything else is an
 * INVALID_ARGUMENT that says how to make one (and never repeats the value).
 *
 * @example
 * const key = parseSecretKey(process.env.UPSELL_SECRET_KEY ?? '');
 */
export function parseSecretKey(text: string): SecretKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (bytes?.length !== 32) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      'a secret key is 32 random bytes written as base64 (44 characters) or hex (64 digits): make one with `openssl rand -base64 32`',
    );
  }
  return bytes as SecretKey;
}

/**
 * Seals a secret with AES-256-GCM under `key`: `v1:<iv>:<tag>:<ciphertext>`, each part base64,
 * a new random 96-bit IV every time (so the same URL sealed twice reads differently). `purpose`
 * (default: a source's URL) is bound to it: a value sealed for one purpose does not open as another.
 *
 * @example
 * const sealed = sealSecret('postgres://reader:pw@db/shop', key); // 'v1:...:...:...'
 */
export function sealSecret(plain: string, key: SecretKey, purpose: string = ASSOCIATED_DATA): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
}

/**
 * Opens what {@link sealSecret} sealed. A value sealed under another key, or changed in any
 * byte, is refused (GCM's tag), as `NOT_CONFIGURED`: the server's key is not the one the source
 * was registered with.
 *
 * @example
 * openSecret(sealSecret('postgres://db/shop', key), key) // 'postgres://db/shop'
 */
export function openSecret(sealed: string, key: SecretKey, purpose: string = ASSOCIATED_DATA): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(':');
  const unreadable = new DatasetStoreError(
    'NOT_CONFIGURED',
    "the source's stored secret does not open with this server's UPSELL_SECRET_KEY (another key sealed it, or it was changed): start with the key it was registered under, or register the source again",
  );
  if (
    version !== VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    rest.length > 0
  ) {
    throw unreadable;
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw unreadable;
  }
}
