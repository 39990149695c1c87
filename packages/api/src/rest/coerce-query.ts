/** A query string as hosts hand it over: URLSearchParams, or an object of strings and string arrays (express). */
export type QueryInput = URLSearchParams | Record<string, unknown>;

/** The part of a JSON Schema that says how to read a query value. */
export interface QueryFieldSchema {
  type?: string | string[];
  items?: QueryFieldSchema;
  additionalProperties?: QueryFieldSchema | boolean;
}

// Express with the `qs` parser hands `segment[region]=EU` over as { segment: { region: 'EU' } }:
// such objects are flattened back to deep-object keys.
function entriesOf(query: QueryInput, prefix = ''): [string, string][] {
  if (query instanceof URLSearchParams) return [...query.entries()];
  return Object.entries(query).flatMap(([name, value]): [string, string][] => {
    const key = prefix === '' ? name : `${prefix}[${name}]`;
    if (value === undefined) return [];
    if (Array.isArray(value)) return value.map((item): [string, string] => [key, String(item)]);
    if (typeof value === 'object' && value !== null) return entriesOf(value as Record<string, unknown>, key);
    return [[key, String(value)]];
  });
}

const hasType = (schema: QueryFieldSchema | boolean | undefined, type: string) =>
  typeof schema === 'object' &&
  (Array.isArray(schema.type) ? schema.type.includes(type) : schema.type === type);

// A value that does not convert stays a string, so validation names the parameter and its type.
function scalar(value: string, schema: QueryFieldSchema | boolean | undefined): unknown {
  if (hasType(schema, 'number') || hasType(schema, 'integer')) {
    const number = Number(value);
    return value.trim() !== '' && Number.isFinite(number) ? number : value;
  }
  if (hasType(schema, 'boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads query parameters into the types their JSON Schema gives: numbers, booleans, arrays
 * (repeated `by=a&by=b`, or comma-separated `by=a,b`) and objects (deep objects:
 * `segment[region]=EU`). Unknown parameters stay as they are, for validation to reject.
 *
 * @example
 * coerceQuery(new URLSearchParams('target=0.2&by=region,plan'), { target: { type: 'number' }, by: { type: 'array' } })
 * // { target: 0.2, by: ['region', 'plan'] }
 */
export function coerceQuery(
  query: QueryInput,
  properties: Readonly<Record<string, QueryFieldSchema>>,
): Record<string, unknown> {
  // Null prototypes: a parameter named `__proto__[x]` must not reach Object.prototype.
  const out: Record<string, unknown> = Object.create(null);
  const own = (key: string) => (Object.hasOwn(properties, key) ? properties[key] : undefined);
  for (const [key, value] of entriesOf(query)) {
    const deep = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    if (deep !== null) {
      const [, name = '', entry = ''] = deep;
      const before = out[name];
      if (before !== undefined && !isRecord(before)) {
        // `segment=x&segment[a]=b`: one parameter as a value and as an object; keep both, for
        // validation to reject (it is no object to add a key to).
        out[name] = [...(Array.isArray(before) ? before : [before]), { [entry]: value }];
        continue;
      }
      const object = (out[name] ??= Object.create(null)) as Record<string, unknown>;
      object[entry] = scalar(value, own(name)?.additionalProperties);
      continue;
    }
    const schema = own(key);
    if (hasType(schema, 'array')) {
      const items = value
        .split(',')
        .filter((item) => item !== '')
        .map((item) => scalar(item, schema?.items));
      const before = out[key];
      out[key] = [...(before === undefined ? [] : Array.isArray(before) ? before : [before]), ...items];
    } else if (Object.hasOwn(out, key)) {
      // A parameter given twice that takes one value: keep both, for validation to reject.
      out[key] = [out[key], scalar(value, schema)].flat();
    } else {
      out[key] = scalar(value, schema);
    }
  }
  return out;
}
