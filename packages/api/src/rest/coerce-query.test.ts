import { describe, expect, it } from 'vitest';
import { coerceQuery } from './coerce-query.ts';

const properties = {
  target: { type: 'number' },
  limit: { type: 'integer' },
  by: { type: 'array', items: { type: 'string' } },
  segment: { type: 'object', additionalProperties: { type: 'string' } },
  benchmarks: { type: 'object', additionalProperties: { type: 'number' } },
  period: { type: 'string' },
};

describe('coerceQuery', () => {
  it('reads numbers and leaves what is not a number a string, for validation to name', () => {
    expect(coerceQuery(new URLSearchParams('target=0.2&limit=x'), properties)).toEqual({
      target: 0.2,
      limit: 'x',
    });
  });

  it('reads an empty number as a string, not as 0', () => {
    expect(coerceQuery(new URLSearchParams('target='), properties)).toEqual({ target: '' });
  });

  it('reads arrays repeated or comma-separated', () => {
    expect(coerceQuery(new URLSearchParams('by=region,plan&by=size'), properties)).toEqual({
      by: ['region', 'plan', 'size'],
    });
  });

  it('reads deep objects with the type of their values', () => {
    expect(coerceQuery(new URLSearchParams('segment[region]=EU&benchmarks[saas]=0.3'), properties)).toEqual({
      segment: { region: 'EU' },
      benchmarks: { saas: 0.3 },
    });
  });

  it('keeps both values of a one-value parameter given twice', () => {
    expect(coerceQuery(new URLSearchParams('period=month&period=year'), properties)).toEqual({
      period: ['month', 'year'],
    });
  });

  it('takes an express-style object of strings and string arrays', () => {
    expect(coerceQuery({ by: ['a', 'b'], target: '0.5' }, properties)).toEqual({
      by: ['a', 'b'],
      target: 0.5,
    });
  });

  it('takes deep objects already parsed into objects (express with qs)', () => {
    expect(coerceQuery({ segment: { region: 'EU' } }, properties)).toEqual({ segment: { region: 'EU' } });
  });

  it('leaves unknown parameters as they are', () => {
    expect(coerceQuery(new URLSearchParams('perod=month'), properties)).toEqual({ perod: 'month' });
  });

  it('does not take a parameter named after an object property for a known one', () => {
    expect(coerceQuery(new URLSearchParams('toString=1'), properties)).toEqual({ toString: '1' });
  });

  it.each([
    ['a value, then the same name as an object', 'segment=month&segment[x]=online'],
    ['an object, then the same name as a list', 'by[x]=online&by=region'],
    ['a list, then the same name as an object', 'by=region&by[x]=online'],
  ])('keeps both forms of a parameter given as %s, for validation to reject', (_how, text) => {
    const query = coerceQuery(new URLSearchParams(text), {
      segment: { type: 'object', additionalProperties: { type: 'string' } },
      by: { type: 'array', items: { type: 'string' } },
    });
    const [name] = text.split(/[[=]/);
    expect(Array.isArray(query[name!])).toBe(true);
    expect((query[name!] as unknown[]).some((item) => typeof item === 'object')).toBe(true);
  });

  it('lets no parameter reach Object.prototype', () => {
    coerceQuery(new URLSearchParams('__proto__[polluted]=1&constructor[prototype]=2'), properties);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
