import { describe, expect, it } from 'vitest';
import { parseBearerToken } from './parse-bearer-token.ts';

describe('parseBearerToken', () => {
  it('takes the token of a bearer header, whatever the case of the scheme', () => {
    expect(parseBearerToken('Bearer ups_abc')).toBe('ups_abc');
    expect(parseBearerToken('bearer  ups_abc ')).toBe('ups_abc');
  });

  it('finds no token in no header, another scheme or an empty bearer', () => {
    expect(parseBearerToken(undefined)).toBeUndefined();
    expect(parseBearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(parseBearerToken('Bearer ')).toBeUndefined();
  });

  it('takes the first of repeated headers', () => {
    expect(parseBearerToken(['Bearer one', 'Bearer two'])).toBe('one');
  });
});
