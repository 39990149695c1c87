import { ALERT_CONDITIONS, ELIGIBILITIES, INDUSTRIES, METRICS, PERIOD_UNITS, RULES } from '@upsell/core';
import fc from 'fast-check';
import type { Probe } from './http-probe.ts';

/** What the fuzzed server holds, so that inputs reach past "not found" into the handlers. */
export interface KnownThings {
  /** Names and ids of datasets with data, safe to read and append to (never deleted). */
  datasets: string[];
  /** A dataset that may be deleted, and names that exist nowhere. */
  disposableDatasets: string[];
  /** Upload ids of the admin token (their files: CSV, NDJSON, a customers file, garbage). */
  uploads: string[];
  /** Ids of files of the datasets, for dataset.errors. */
  files: string[];
  /** Ids and names of saved definitions. */
  definitions: string[];
  /** Ids of targets. */
  targets: string[];
  /** Ids of tokens that may be revoked (never those the fuzzer calls with). */
  disposableTokens: string[];
  /** Dimensions the datasets have, and some of their values. */
  dimensions: string[];
  values: string[];
}

/** Who calls: a token of each role, none, or one that does not verify. */
export interface Callers {
  viewer: string;
  analyst: string;
  admin: string;
  revoked: string;
}

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

/** Strings that have broken servers: empty, NUL, control characters, unicode, injections, very long. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: CONTROL, minLength: 1, maxLength: 6 }) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'shop\u0000',
      '\u0000\u0001\u001f\u007f',
      '\r\n',
      '..',
      '../../../../etc/passwd',
      '%',
      '%00',
      '%zz',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '<script>alert(1)</script>',
      "' OR '1'='1' --",
      '"; DROP TABLE datasets; --',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
      '${7*7}',
      '{{7*7}}',
      'NaN',
      'null',
      'undefined',
      '\ud800',
      '\udfff\ud800',
      '\u202e\u0000',
      'é',
      'e\u0301',
      '😀',
      'İ',
      'ǅ',
      '\ufeff',
      '0x10',
      '1e309',
      '-0',
      'x'.repeat(101),
      'x'.repeat(201),
      'x'.repeat(2001),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 60_000 }).map((n) => 'x'.repeat(n)) },
);

/** Numbers where limits are: negative, zero, fractions, huge, not finite (JSON null), and strings. */
export const nastyNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 1200 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double(),
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1,
    1.5,
    999,
    1000,
    1001,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    1e308,
    -1e308,
    5e-324,
    '10',
    '',
    true,
    null,
  ),
);

/** Any JSON value, nested a little. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 });

/** A value of the wrong type for whatever field it replaces. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, '', [], {}, [null], { '': '' }),
  nastyString,
  anyJson,
);

/** A name as people give them: letters, digits, `.`, `_`, `-`. */
const plainName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/);

const PERIOD_LABELS = ['2024-03', '2024-Q1', '2024', 'all', '2024-W10', '2024-03-07', '2023-12', '2025-01'];
const TIME_ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham'];

/**
 * Inputs for every procedure. Valid ones (`noisy: false`) reach the procedure and its
 * computation with random definitions; noisy ones mix in wrong types, missing and unknown keys
 * (`__proto__` among them), values past the limits and nasty strings.
 */
export function procedureInputs(known: KnownThings, noisy: boolean): Record<string, fc.Arbitrary<unknown>> {
  /** `good`, or (when noisy) now and then `bad`. */
  const or = <T, U = unknown>(
    good: fc.Arbitrary<T>,
    bad?: fc.Arbitrary<U>,
    weight = 8,
  ): fc.Arbitrary<T | U> =>
    noisy
      ? fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: bad ?? (wrongType as fc.Arbitrary<U>) })
      : good;
  const oneOf = (values: readonly string[], odd: readonly string[] = []) =>
    or(
      fc.constantFrom(...values),
      odd.length === 0 ? wrongType : fc.oneof(fc.constantFrom(...odd), wrongType),
    );
  /** A key of a record: one of `values`, or (when noisy) now and then another string. */
  const keyOf = (values: readonly string[], odd: readonly string[] = []) =>
    or(fc.constantFrom(...values), fc.oneof(fc.constantFrom('__proto__', ...odd), nastyString));
  const idOf = (values: readonly string[]) => or(fc.constantFrom(...values), nastyString, 3);
  const objectOf = (
    required: Record<string, fc.Arbitrary<unknown>>,
    optional: Record<string, fc.Arbitrary<unknown>> = {},
  ): fc.Arbitrary<Record<string, unknown>> => {
    const exact = fc
      .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
      .map(([fields, more]) => ({ ...fields, ...more }));
    if (!noisy) return exact;
    const unknownKeys = fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', 'definitionn', ''), nastyString),
      anyJson,
      { minKeys: 1, maxKeys: 2 },
    );
    const dropped = fc.oneof(
      { weight: 6, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray(Object.keys(required)) },
    );
    const extra = fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: unknownKeys },
    );
    return fc.tuple(exact, dropped, extra).map(([fields, drop, more]) => {
      const out: Record<string, unknown> = { ...fields };
      for (const key of drop) delete out[key];
      // defineProperty: a key `__proto__` becomes a key of the JSON, not the object's prototype.
      for (const [key, value] of Object.entries(more ?? {})) {
        Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
      }
      return out;
    });
  };
  const fraction = or(fc.double({ min: 0, max: 1, noNaN: true }), nastyNumber, 4);
  const offset = or(fc.integer({ min: 0, max: 2000 }), nastyNumber, 4);
  const limit = or(fc.integer({ min: 1, max: 1000 }), nastyNumber, 4);
  const dimension = or(
    fc.constantFrom(...known.dimensions),
    fc.oneof(fc.constantFrom('Channel', 'tier', 'customer_id', 'region'), wrongType),
    6,
  );
  const segment = or(fc.dictionary(keyOf(known.dimensions), oneOf(known.values), { maxKeys: 2 }));
  const label = oneOf(PERIOD_LABELS, ['2024-02-30', '1900-01', '9999-12-31', '0000', '2024-W53', 'March']);
  const definitionFields = {
    metric: oneOf(METRICS),
    rule: oneOf(RULES),
    eligible: oneOf(ELIGIBILITIES),
    period: oneOf(PERIOD_UNITS),
    timeZone: oneOf(TIME_ZONES, ['Mars/Base', 'utc', '+05:00', 'Etc/GMT+14', 'localtime']),
    by: or(
      fc.array(dimension, { maxLength: 2 }),
      fc.oneof(fc.array(dimension, { maxLength: 10 }), wrongType),
    ),
    from: label,
    to: label,
    industry: oneOf(INDUSTRIES),
    benchmarks: or(fc.dictionary(keyOf(INDUSTRIES, ['other']), fraction, { maxKeys: 3 })),
    target: fraction,
  };
  const definition = or(objectOf({}, definitionFields));
  const { period: _, ...drillFields } = definitionFields;
  const drillDefinition = or(objectOf({}, drillFields));
  const name = or(plainName, nastyString, 3);
  const dataset = idOf([...known.datasets, ...known.disposableDatasets]);
  const readDataset = idOf(known.datasets);
  const importInput = objectOf(
    {
      dataset: idOf([...known.datasets, ...known.disposableDatasets]),
      uploadId: idOf(known.uploads),
      fileName: oneOf(['a.csv', 'b.ndjson', 'c.jsonl', 'customers.csv'], ['', '../x.csv', 'x'.repeat(300)]),
    },
    {
      format: oneOf(['csv', 'ndjson', 'xlsx'], ['xls', 'parquet']),
      sheet: or(
        fc.oneof(fc.constantFrom('1', '2', 'Sheet1', 'Orders'), fc.string({ maxLength: 8 })),
        nastyString,
      ),
      dateFormat: oneOf(['auto', 'iso', 'dmy', 'mdy', 'ymd', 'serial'], ['DD/MM/YYYY', '']),
      numberFormat: oneOf(['auto', 'point', 'comma'], ['dot', '']),
      kind: oneOf(['purchases', 'customers', 'subscriptions', 'fx'], ['states', '']),
      map: or(
        fc.dictionary(
          keyOf(
            ['customer_id', 'purchased_at', 'product_id', 'tier', 'amount', 'subscription_id', 'starts_at'],
            ['nope'],
          ),
          oneOf(['Client ID', 'Order Date', 'SKU', 'Tier', 'Total', 'nope']),
          { maxKeys: 3 },
        ),
      ),
    },
  );
  const search = or(
    fc.oneof(fc.constantFrom('C00', 'sup', 'ANA', '%', '_', '.*'), fc.string({ maxLength: 8 })),
    nastyString,
  );
  const periodLabel = oneOf(PERIOD_LABELS, ['March', '2024-13', '2024-W54', '2024-Q5', '']);
  const noInput = noisy ? fc.oneof(fc.constant(undefined), anyJson) : fc.constant(undefined);
  const webhookUrl = or(
    fc.constantFrom(
      'http://127.0.0.1:1/hook',
      'http://localhost:1/hook',
      'http://localhost.:1/hook',
      'http://[::1]:1/hook',
      'http://[::ffff:127.0.0.1]:1/hook',
      'http://2130706433:1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1:1/',
      'http://user:pw@127.0.0.1:1/',
      'ftp://127.0.0.1/hook',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://127.0.0.1:1/ hook',
    ),
    nastyString,
    4,
  );
  // No rule exists: delete and test reach the lookup and answer NOT_FOUND.
  const alertRule = idOf(['00000000-0000-4000-8000-000000000000']);
  const sourceUrl = or(
    fc.constantFrom(
      'postgres://reader:secret@127.0.0.1:1/shop',
      'postgresql://reader@127.0.0.1:1/shop?sslmode=disable',
      'postgres://reader:secret@127.0.0.1:1/shop?sslkey=/etc/passwd',
      'postgres://127.0.0.1:1',
      'duckdb:shop.duckdb',
      'duckdb:../../etc/passwd',
      'duckdb:/etc/passwd',
      'parquet:exports/*.parquet',
      'parquet:../*.parquet',
      'mysql://u:p@127.0.0.1:1/shop',
      'file:///etc/passwd',
    ),
    nastyString,
    4,
  );
  const sourceName = or(fc.constantFrom('purchases', 'sales.purchases', '"a.b".c', 'line'), nastyString, 4);
  const sourceFields = {
    table: or(fc.option(sourceName, { nil: null })),
    map: or(
      fc.dictionary(keyOf(['customer_id', 'purchased_at', 'product_id', 'tier']), sourceName, { maxKeys: 2 }),
    ),
    position: or(fc.option(sourceName, { nil: null })),
    customersTable: or(fc.option(sourceName, { nil: null })),
    catalogTable: or(fc.option(sourceName, { nil: null })),
    ttlSeconds: or(fc.integer({ min: 0, max: 7 * 24 * 3600 }), nastyNumber, 4),
  };
  return {
    health: noInput,
    'dataset.create': objectOf(
      { name: or(fc.oneof(plainName, fc.constantFrom(...known.datasets)), nastyString, 3) },
      {
        kind: oneOf(['purchases', 'subscriptions'], ['customers', 'fx', '']),
        currency: oneOf(['USD', 'EUR', 'GBP'], ['usd', 'EURO', '']),
      },
    ),
    'dataset.list': noInput,
    'dataset.byId': objectOf({ id: dataset }),
    'dataset.headline': objectOf({ id: dataset }),
    // The JSON form of an upload (its body is the file; a JSON body is the wrong kind).
    'dataset.upload': noInput,
    'dataset.import': importInput,
    'dataset.append': importInput,
    'dataset.importFx': objectOf({
      dataset: idOf([...known.datasets, ...known.disposableDatasets]),
      uploadId: idOf(known.uploads),
      fileName: oneOf(['rates.csv', 'fx.csv'], ['', '../x.csv', 'x'.repeat(300)]),
    }),
    'dataset.importProgress': noInput,
    'dataset.delete': objectOf({ id: idOf(known.disposableDatasets) }),
    'dataset.errors': objectOf({ id: dataset }, { fileId: idOf(known.files), offset, limit }),
    'metric.query': objectOf({ dataset: readDataset }, { definition }),
    'metric.explain': objectOf({ dataset: readDataset }, { definition }),
    'metric.whatif': objectOf({ dataset: readDataset }, { definition, target: fraction }),
    'metric.retention': objectOf(
      { dataset: readDataset },
      {
        definition,
        inactiveAfterDays: or(
          fc.constantFrom(0, 30, 90, null),
          fc.oneof(fc.constantFrom(-1, 1.5, 1e9, '90d'), nastyNumber),
        ),
        drill: objectOf(
          {
            kind: oneOf(['churned', 'at-risk', 'retained', 'repeat', 'active'], ['gone', '']),
            period: periodLabel,
          },
          { segment },
        ),
      },
    ),
    'metric.cohorts': objectOf({ dataset: readDataset }, { definition }),
    'metric.customers': objectOf(
      { dataset: readDataset, period: periodLabel },
      { definition: drillDefinition, segment, search, offset, limit },
    ),
    'metric.movements': objectOf(
      { dataset: readDataset },
      {
        definition: or(
          objectOf(
            {},
            {
              period: definitionFields.period,
              timeZone: definitionFields.timeZone,
              by: definitionFields.by,
              from: label,
              to: label,
            },
          ),
        ),
      },
    ),
    'metric.movementCustomers': objectOf(
      {
        dataset: readDataset,
        period: periodLabel,
        figure: oneOf(
          [
            'new',
            'reactivation',
            'expansion',
            'contraction',
            'churn',
            'start',
            'end',
            'eligible',
            'qualifying',
          ],
          ['upgrade', 'mrr', ''],
        ),
      },
      { definition: drillDefinition, segment, search, offset, limit },
    ),
    'metric.compare': objectOf({ dataset: readDataset, a: definition, b: definition }),
    'metric.compareCustomers': objectOf(
      {
        dataset: readDataset,
        period: periodLabel,
        side: oneOf(['a-only', 'b-only'], ['c-only', 'both', '']),
      },
      { a: drillDefinition, b: drillDefinition, segment, search, offset, limit },
    ),
    'metric.compareMovementCustomers': objectOf(
      {
        dataset: readDataset,
        period: periodLabel,
        side: oneOf(['a-only', 'b-only'], ['c-only', 'both', '']),
      },
      { a: drillDefinition, b: drillDefinition, segment, search, offset, limit },
    ),
    'definition.list': noInput,
    'definition.byId': objectOf({ id: idOf(known.definitions) }),
    'definition.create': objectOf(
      { name, definition },
      { description: or(fc.string({ maxLength: 40 }), nastyString) },
    ),
    'definition.update': objectOf(
      { id: idOf(known.definitions) },
      {
        name,
        description: or(fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })), nastyString),
        definition,
      },
    ),
    'definition.delete': objectOf({ id: idOf(known.definitions) }),
    'target.list': fc.oneof(fc.constant(undefined), objectOf({}, { metric: oneOf(METRICS) })),
    'target.set': objectOf({ metric: oneOf(METRICS), rate: fraction }, { segment }),
    'target.delete': objectOf({ id: idOf(known.targets) }),
    // Connected datasets (issue 12): URLs that cannot be read (a closed port, paths outside the
    // source directory, options that read server files), so no call reaches another machine.
    'source.list': noInput,
    'source.create': objectOf(
      { name: or(fc.oneof(plainName, fc.constantFrom(...known.datasets)), nastyString, 3), url: sourceUrl },
      sourceFields,
    ),
    'source.update': objectOf({ id: dataset }, { url: sourceUrl, ...sourceFields }),
    'source.delete': objectOf({ id: idOf(known.disposableDatasets) }),
    'token.me': noInput,
    'token.list': noInput,
    'token.create': objectOf({ name, role: oneOf(['viewer', 'analyst', 'admin'], ['root', 'Admin', '']) }),
    'token.revoke': objectOf({ id: idOf(known.disposableTokens) }),
    // Alerts (issue 13): the fuzzed server does not allow private webhooks, and every URL here is
    // private, of another scheme or not one, so a rule is refused before any request leaves.
    'alert.list': fc.oneof(fc.constant(undefined), objectOf({}, { dataset })),
    'alert.create': objectOf(
      { name, dataset, condition: oneOf(ALERT_CONDITIONS, ['below', 'Band-Crossing']), url: webhookUrl },
      { definition, threshold: or(fc.double({ min: 0, max: 2, noNaN: true }), nastyNumber, 4) },
    ),
    'alert.delete': objectOf({ id: alertRule }),
    'alert.test': objectOf({ id: alertRule }),
    'alert.firings': fc.oneof(fc.constant(undefined), objectOf({}, { dataset, rule: alertRule, limit })),
    'alert.deliveries': fc.oneof(
      fc.constant(undefined),
      objectOf({}, { dataset, rule: alertRule, firing: alertRule, limit }),
    ),
  };
}

/** Who a request comes from, and its Authorization header. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  from?: string;
}

/**
 * Every kind of caller: a token of each role, none, a revoked one, one that exists nowhere, and
 * headers that are not `Bearer <token>`. Callers whose token does not verify come from an
 * address of their own (127.0.0.2 to .250), each of which the server may rate-limit.
 */
export function callerArbitrary(callers: Callers): fc.Arbitrary<Caller> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const elsewhere = fc.integer({ min: 2, max: 250 }).map((n) => `127.0.0.${n}`);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ name: 'admin', headers: bearer(callers.admin) }) },
    { weight: 2, arbitrary: fc.constant({ name: 'analyst', headers: bearer(callers.analyst) }) },
    { weight: 2, arbitrary: fc.constant({ name: 'viewer', headers: bearer(callers.viewer) }) },
    { weight: 1, arbitrary: fc.constant({ name: 'no token', headers: {} }) },
    {
      weight: 1,
      arbitrary: elsewhere.map((from) => ({ name: 'revoked token', headers: bearer(callers.revoked), from })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(nastyString, fc.constantFrom(callers.admin.slice(0, -1), `${callers.admin}x`)),
          elsewhere,
        )
        .map(([token, from]) => ({
          name: 'unknown token',
          headers: { authorization: `Bearer ${token}` },
          from,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(
              '',
              'Bearer',
              'Bearer ',
              'Basic YWRtaW46YWRtaW4=',
              `bearer  ${callers.admin}  x`,
              'Token x',
            ),
            nastyString,
          ),
          elsewhere,
        )
        .map(([header, from]) => ({ name: 'malformed header', headers: { authorization: header }, from })),
    },
  );
}

/** Content types a client may send, right and wrong. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=xyz',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/xml',
      'application/json, text/plain',
      '*/*',
      '',
    ),
  },
  { weight: 1, arbitrary: nastyString },
);

/** JSON text of a value, or (now and then) text that is not quite JSON. */
export function jsonText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string | undefined> {
  const text = value.map((v) => (v === undefined ? undefined : JSON.stringify(v)));
  return fc.oneof(
    { weight: 8, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc
        .tuple(text, fc.nat(), fc.constantFrom('', '}', ']', ',', '"', '\u0000', 'garbage', '{"a":'))
        .map(([whole = '', cut, tail]) => whole.slice(0, cut % (whole.length + 1)) + tail),
    },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: nastyString },
  );
}

/** Arrays or objects nested thousands deep: a recursive parser or validator runs out of stack. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 10, max: 100_000 }), fc.constantFrom('array', 'object', 'definition'))
  .map(([depth, kind]) => {
    if (kind === 'array') return '['.repeat(depth) + ']'.repeat(depth);
    const nested = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    return kind === 'object' ? nested : `{"dataset":"shop","definition":{"by":${nested}}}`;
  });

/** `encodeURIComponent`, for any string: a lone surrogate (which it refuses) becomes U+FFFD. */
export const encodeUrl = (text: string) =>
  encodeURIComponent(
    text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

/** Text for a URL, percent-encoded, or now and then encoded wrongly. */
export function urlPart(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: text.map(encodeUrl) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%zz',
        '%00',
        '%2F',
        '%2e%2e',
        '..',
        '%C0%AE',
        '%FF',
        '+',
        '%u0041',
      ),
    },
  );
}

/** A tRPC URL path of one or more procedures, some of which exist nowhere. */
export const procedurePath: (paths: readonly string[]) => fc.Arbitrary<string> = (paths) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...paths) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'dataset',
        'dataset.',
        '.list',
        'dataset.list.x',
        '__proto__',
        'constructor',
        'dataset.__proto__',
        'dataset.constructor',
        'toString',
        'metric.query/..',
        'health%00',
      ),
    },
    { weight: 1, arbitrary: nastyString.map(encodeUrl) },
  );

/** Keeps GET URLs below Node's header limit (16 KiB), which a separate test covers. */
export const MAX_URL = 12_000;

/** A probe's URL, shortened below {@link MAX_URL} if need be. */
export const shortUrl = (url: string) => (url.length > MAX_URL ? url.slice(0, MAX_URL) : url);

/** The HTTP methods there are (an unknown method never reaches the app: Node refuses it). */
export const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');

/** Longest header value a probe sends: Node refuses headers over 16 KiB, which a test of its own covers. */
export const MAX_HEADER = 4096;

/** Builds a probe from its parts. */
export function probeOf(
  method: string,
  path: string,
  caller: Caller,
  type: string | undefined,
  body: string | Buffer | undefined,
): Probe {
  return {
    method,
    path,
    headers: Object.fromEntries(
      Object.entries({ ...caller.headers, ...(type === undefined ? {} : { 'content-type': type }) }).map(
        ([name, value]) => [name, value.slice(0, MAX_HEADER)],
      ),
    ),
    ...(body === undefined ? {} : { body }),
    ...(caller.from === undefined ? {} : { from: caller.from }),
  };
}
