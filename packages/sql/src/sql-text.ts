import type { SqlDialect } from './types.ts';

/**
 * An identifier as SQL text, always quoted: `"customer_id"`, `"a""b"`. Quoting every name
 * keeps case, spaces and reserved words, and no name can end the identifier and inject SQL.
 *
 * @example
 * quoteIdentifier('Order Date') // '"Order Date"'
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('an identifier cannot hold a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table or view name as SQL text: each dotted part quoted (`analytics.purchases` ->
 * `"analytics"."purchases"`). A part may itself be written quoted to hold a dot
 * (`"my.schema".purchases`).
 *
 * @example
 * quoteTableName('analytics.purchases') // '"analytics"."purchases"'
 */
export function quoteTableName(name: string): string {
  return splitTableName(name).map(quoteIdentifier).join('.');
}

/**
 * The dotted parts of a table name (`schema.table`), honouring double-quoted parts.
 *
 * @example
 * splitTableName('"my.schema".purchases') // ['my.schema', 'purchases']
 */
export function splitTableName(name: string): string[] {
  const parts: string[] = [];
  let part = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (quoted) {
      if (ch === '"' && name[i + 1] === '"') {
        part += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else part += ch;
    } else if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === '.') {
      parts.push(wasQuoted ? part : part.trim());
      part = '';
      wasQuoted = false;
    } else part += ch;
  }
  parts.push(wasQuoted ? part : part.trim());
  if (quoted || parts.length > 3 || parts.some((p) => p === '')) {
    throw new Error(`"${name}" is not a table name (schema.table, each part optionally "quoted")`);
  }
  return parts;
}

/**
 * A value as a SQL literal, for printing a statement (`upsell sql`); statements that run bind
 * their values as parameters instead. Strings are single-quoted with quotes doubled (standard
 * strings: a backslash is an ordinary character in both dialects); numbers must be finite.
 *
 * @example
 * quoteLiteral("it's") // "'it''s'"
 */
export function quoteLiteral(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be a SQL literal`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new Error('a SQL literal cannot hold a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Rewrites each parameter placeholder (`$1`, `$2`, ...) outside quoted identifiers and string
 * literals with `replace(index)`.
 */
function mapPlaceholders(text: string, replace: (index: number) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === ch) {
          if (text[j + 1] === ch) j++;
          else break;
        }
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j]!)) j++;
      out += replace(Number(text.slice(i + 1, j)));
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * A statement's text with each parameter (`$1`, `$2`, ...) replaced by its value as a literal,
 * for a dbt model or a BI tool that takes plain SQL. Placeholders inside quoted identifiers
 * and string literals are left alone.
 *
 * @example
 * inlineStatement({ text: 'SELECT $1::text', params: ['UTC'] }, 'postgres') // "SELECT 'UTC'::text"
 */
export function inlineStatement(
  statement: { text: string; params: readonly (string | number)[] },
  _dialect: SqlDialect,
): string {
  return mapPlaceholders(statement.text, (index) => {
    const value = statement.params[index - 1];
    if (value === undefined) throw new Error(`parameter $${index} has no value`);
    return quoteLiteral(value);
  });
}

/**
 * A statement with only the parameters its text uses, renumbered from $1: both drivers refuse
 * a value bound to no placeholder, and whether a value is used (the time zone, say) depends on
 * the column types and the period.
 *
 * @example
 * compactStatement('SELECT $2', ['UTC', 'x']) // { text: 'SELECT $1', params: ['x'] }
 */
export function compactStatement(
  text: string,
  params: readonly (string | number)[],
): { text: string; params: (string | number)[] } {
  const renumbered = new Map<number, number>();
  const used: (string | number)[] = [];
  const out = mapPlaceholders(text, (index) => {
    let next = renumbered.get(index);
    if (next === undefined) {
      if (params[index - 1] === undefined) throw new Error(`parameter $${index} has no value`);
      used.push(params[index - 1]!);
      next = used.length;
      renumbered.set(index, next);
    }
    return `$${next}`;
  });
  return { text: out, params: used };
}
