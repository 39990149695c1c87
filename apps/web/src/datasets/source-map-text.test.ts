import { describe, expect, it } from 'vitest';
import { parseSourceMapText } from './source-map-text.ts';

describe('parseSourceMapText', () => {
  it('reads one field=Column a line, spaces around and blank lines ignored', () => {
    expect(parseSourceMapText('customer_id=client\n\n  purchased_at = Order Date \n')).toEqual({
      map: { customer_id: 'client', purchased_at: 'Order Date' },
    });
    expect(parseSourceMapText('')).toEqual({ map: {} });
  });

  it('names the line of a line without =, an unknown field, or a field mapped twice', () => {
    expect(parseSourceMapText('customer_id=a\nclient')).toEqual({
      error: 'line 2: write field=Column, such as customer_id=client',
    });
    expect(parseSourceMapText('customer=a')).toMatchObject({
      error: expect.stringMatching(/^line 1: "customer" is not/),
    });
    expect(parseSourceMapText('tier=a\ntier=b')).toEqual({ error: 'line 2: tier is mapped twice' });
    expect(parseSourceMapText('tier=')).toMatchObject({ error: expect.stringMatching(/^line 1: write/) });
  });
});
