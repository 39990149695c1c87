import { describe, expect, it } from 'vitest';
import {
  compactStatement,
  inlineStatement,
  quoteIdentifier,
  quoteLiteral,
  quoteTableName,
} from './sql-text.ts';

describe('quoting', () => {
  it('quotes identifiers and table names so that no name ends them', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteIdentifier('x"; DROP TABLE t; --')).toBe('"x""; DROP TABLE t; --"');
    expect(quoteTableName('analytics.purchases')).toBe('"analytics"."purchases"');
    expect(quoteTableName('"my.schema"."odd ""name"""')).toBe('"my.schema"."odd ""name"""');
    expect(() => quoteTableName('a..b')).toThrow(/not a table name/);
    expect(() => quoteTableName('a.b.c.d')).toThrow(/not a table name/);
  });

  it('writes literals with quotes doubled, and refuses what cannot be one', () => {
    expect(quoteLiteral("'; DROP TABLE t; --")).toBe("'''; DROP TABLE t; --'");
    expect(quoteLiteral('back\\slash')).toBe("'back\\slash'");
    expect(quoteLiteral(12.5)).toBe('12.5');
    expect(() => quoteLiteral(Number.NaN)).toThrow();
    expect(() => quoteLiteral('a\u0000b')).toThrow();
  });
});

describe('placeholders', () => {
  const text = `SELECT $2, "col$1", '$1 costs', $1 FROM t WHERE x = $2`;

  it('inlines values only where placeholders are, not inside names or strings', () => {
    expect(inlineStatement({ text, params: ['UTC', "it's"] }, 'postgres')).toBe(
      `SELECT 'it''s', "col$1", '$1 costs', 'UTC' FROM t WHERE x = 'it''s'`,
    );
  });

  it('keeps only the parameters the text uses, renumbered in order of first use', () => {
    expect(compactStatement('SELECT $3, $3, $1', ['a', 'b', 'c'])).toEqual({
      text: 'SELECT $1, $1, $2',
      params: ['c', 'a'],
    });
    expect(compactStatement(text, ['UTC', 'x'])).toEqual({
      text: `SELECT $1, "col$1", '$1 costs', $2 FROM t WHERE x = $1`,
      params: ['x', 'UTC'],
    });
    expect(() => compactStatement('SELECT $4', ['a'])).toThrow(/\$4/);
  });
});
