// Fuzzing of the API over HTTP: random and malformed requests to every tRPC procedure and every
// REST route, from every kind of caller, against a real server seeded with small datasets. Each
// answer must be 2xx or 4xx (429 only as documented), every error JSON in the API's error shape,
// none naming the server's insides; the server stays up and its memory bounded.
//
// A fixed seed keeps CI runs the same; UPSELL_FUZZ_RUNS (runs per property, default 25) and
// UPSELL_FUZZ_SEED run it longer or elsewhere by hand:
//   UPSELL_FUZZ_RUNS=500 UPSELL_FUZZ_SEED=$RANDOM npx vitest run test/api-fuzz.test.ts
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PROCEDURE_PATHS, procedureInfo, restRoutes } from '@upsell/api';
import { createUpsellClient, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyJson,
  anyMethod,
  type Caller,
  type Callers,
  callerArbitrary,
  contentType,
  encodeUrl,
  jsonText,
  type KnownThings,
  nastyString,
  probeOf,
  procedureInputs,
  procedurePath,
  shortUrl,
  urlPart,
} from './fuzz-arbitraries.ts';
import { answerProblems, describeExchange, type Probe, type ProbeAnswer, sendProbe } from './http-probe.ts';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const RUNS = Number(process.env.UPSELL_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.UPSELL_FUZZ_SEED ?? 20_240_607);
const examples = join(import.meta.dirname, '../../../examples');
const codeDir = join(import.meta.dirname, '../../..');

describe('the API under fuzzing', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let port: number;
  let known: KnownThings;
  let callers: Callers;
  let caller: fc.Arbitrary<Caller>;
  let inputs: Record<string, fc.Arbitrary<unknown>>;
  let validInputs: Record<string, fc.Arbitrary<unknown>>;
  const logged: string[] = [];

  /** Sends a probe; throws a readable report when the answer breaks a promise (or none comes). */
  async function check(probe: Probe): Promise<ProbeAnswer> {
    let answer: ProbeAnswer;
    try {
      answer = await sendProbe(port, probe);
    } catch (error) {
      throw new Error(describeExchange(probe, undefined, [`no answer: ${(error as Error).message}`]));
    }
    const problems = answerProblems(probe, answer, { dataDir: server.dataDir, codeDir });
    if (problems.length > 0) {
      const id = String(answer.headers['x-request-id'] ?? '');
      const log = id === '' ? undefined : logged.find((line) => line.includes(id));
      throw new Error(describeExchange(probe, answer, problems, log));
    }
    return answer;
  }

  const fuzz = (probes: fc.Arbitrary<Probe>, runs = RUNS) =>
    fc.assert(
      fc.asyncProperty(probes, async (probe) => {
        await check(probe);
      }),
      { seed: SEED, numRuns: runs, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: false },
    );

  beforeAll(async () => {
    // With a secret key, a source's registration gets as far as connecting (to a closed port).
    server = await startTestServer(
      'pglite',
      { UPSELL_SECRET_KEY: 'ab'.repeat(32) },
      { log: (line) => logged.push(line) },
    );
    port = Number(new URL(server.url).port);
    const admin = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    const seed = async (name: string, file: string) => {
      await admin.dataset.create.mutate({ name });
      const upload = await uploadFile(admin, join(examples, file));
      return admin.dataset.import.mutate({ dataset: name, uploadId: upload.uploadId, fileName: file });
    };
    const shop = await seed('shop', 'shop.csv');
    const bad = await seed('bad', 'bad-rows.csv');
    const victim = await seed('victim', 'shop.csv');
    // A subscription dataset (issue 11): its procedures are fuzzed on the worked example.
    const saas = await seed('saas', 'subscriptions/worked-example-states.csv');
    await admin.dataset.create.mutate({ name: 'empty' });
    const uploads = await uploadsOf(admin, [
      'shop.csv',
      'worked-20-of-100.ndjson',
      'customers.csv',
      'bad-rows.csv',
      'no-tiers.csv',
      'subscriptions/worked-example-states.csv',
      'subscriptions/fx-rates.csv',
    ]);
    const garbage = await admin.dataset.upload.mutate(new Uint8Array([0, 255, 10, 44, 0xc3, 0x28, 10]));
    const monthly = await admin.definition.create.mutate({
      name: 'monthly',
      definition: { period: 'month' },
    });
    const target = await admin.target.set.mutate({ metric: 'customer-upsell-rate', rate: 0.3 });
    const token = (name: string, role: 'viewer' | 'analyst' | 'admin') =>
      admin.token.create.mutate({ name, role });
    const [viewer, analyst, revoked, ...disposable] = await Promise.all([
      token('fuzz viewer', 'viewer'),
      token('fuzz analyst', 'analyst'),
      token('fuzz revoked', 'viewer'),
      token('fuzz disposable 1', 'viewer'),
      token('fuzz disposable 2', 'analyst'),
    ]);
    await admin.token.revoke.mutate({ id: revoked!.row.id });
    callers = { admin: ADMIN_TOKEN, viewer: viewer!.token, analyst: analyst!.token, revoked: revoked!.token };
    const dimensions = shop.dataset.dimensions;
    known = {
      datasets: ['shop', shop.dataset.id, 'bad', bad.dataset.id, 'empty', 'saas', saas.dataset.id],
      disposableDatasets: ['victim', victim.dataset.id, 'no-such-dataset'],
      uploads: [...uploads, garbage.uploadId],
      files: [...shop.dataset.files, ...bad.dataset.files].map((file) => file.id),
      definitions: [monthly.id, 'monthly', 'no-such-definition'],
      targets: [target.id],
      disposableTokens: [...disposable.map((created) => created.row.id), revoked!.row.id],
      dimensions: dimensions.map((dimension) => dimension.name),
      values: dimensions.flatMap((dimension) => dimension.values.slice(0, 3)),
    };
    caller = callerArbitrary(callers);
    inputs = procedureInputs(known, true);
    validInputs = procedureInputs(known, false);
  });
  afterAll(() => server?.stop());

  /**
   * A tRPC request to one procedure: mostly as a client sends it (the right method, JSON, a
   * token of some role), so that inputs reach the procedure; otherwise with its input in the
   * URL or the body whatever the method, batched or not, with any content type.
   */
  function trpcProbe(path: string): fc.Arbitrary<Probe> {
    const type = procedureInfo(path)?.type;
    const input = inputs[path]!;
    const valid = validInputs[path]!;
    const batchOf = (value: fc.Arbitrary<unknown>) =>
      fc
        .array(value, { minLength: 1, maxLength: 3 })
        .map((values) => Object.fromEntries(values.map((value, index) => [String(index), value])));
    const build = (
      method: string,
      batched: boolean,
      text: string | undefined,
      type: string | undefined,
      who: Caller,
      extra: string,
    ) => {
      const url = `/trpc/${batched ? `${path},${path}` : path}?${batched ? 'batch=1' : ''}${extra}`;
      if (method === 'POST' || method === 'PUT' || method === 'PATCH')
        return probeOf(method, url, who, type, text);
      const query = text === undefined ? '' : `&input=${encodeUrl(text)}`;
      return probeOf(method, shortUrl(url + query), who, undefined, undefined);
    };
    const clean = fc
      .record({
        batched: fc.boolean(),
        value: fc.oneof(valid, input),
        batch: batchOf(fc.oneof(valid, input)),
        caller,
      })
      .map(({ batched, value, batch, caller }) =>
        build(
          type === 'query' ? 'GET' : 'POST',
          batched,
          batched ? JSON.stringify(batch) : value === undefined ? undefined : JSON.stringify(value),
          'application/json',
          caller,
          '',
        ),
      );
    const messy = fc
      .record({
        method: fc.oneof(
          { weight: 3, arbitrary: fc.constant(type === 'query' ? 'GET' : 'POST') },
          { weight: 1, arbitrary: anyMethod },
        ),
        batched: fc.boolean(),
        text: fc.boolean().chain((batched) => jsonText(batched ? batchOf(input) : input)),
        type: contentType,
        caller,
        extra: fc.constantFrom('', '&input=%7B%7D', '&batch=0', '&batch=true', '&x=1', '&input', '&batch=1'),
      })
      .map(({ method, batched, text, type, caller, extra }) =>
        build(method, batched, text, type, caller, extra),
      );
    return fc.oneof({ weight: 3, arbitrary: clean }, { weight: 2, arbitrary: messy });
  }

  it('has an input arbitrary for every procedure of the router', () => {
    expect(Object.keys(inputs).sort()).toEqual([...PROCEDURE_PATHS].sort());
  });

  it.each(PROCEDURE_PATHS.map((path) => [path]))(
    'answers random and malformed calls of %s from every caller without a server error',
    async (path) => {
      await fuzz(trpcProbe(path));
    },
  );

  it('answers random uploads (any bytes, any content type, any caller) without a server error', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom(
        'customer_id,purchased_at,product_id\nA,2024-01-01,p\n',
        '',
        '\u0000'.repeat(100),
        '{"customer_id":"A"}\n',
      ),
      nastyString,
    );
    const type = fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/octet-stream') },
      { weight: 1, arbitrary: contentType },
    );
    await fuzz(
      fc
        .record({ body, type, caller, method: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'GET') })
        .map(({ body, type, caller, method }) =>
          probeOf(method, '/trpc/dataset.upload', caller, type, method === 'GET' ? undefined : body),
        ),
    );
  });

  it('answers random batches of procedures (past the batch limit too) without a server error', async () => {
    const call = fc
      .constantFrom(...PROCEDURE_PATHS)
      .chain((path) => fc.tuple(fc.constant(path), fc.option(inputs[path]!, { nil: undefined })));
    const batch = fc.record({
      calls: fc.array(call, { minLength: 1, maxLength: 55 }),
      junk: fc.array(procedurePath(PROCEDURE_PATHS), { maxLength: 2 }),
      method: fc.constantFrom('GET', 'POST'),
      shape: fc.constantFrom('object', 'array', 'object', 'sparse'),
      caller,
    });
    await fuzz(
      batch.map(({ calls, junk, method, shape, caller }) => {
        const paths = [...calls.map(([path]) => path), ...junk].join(',');
        const values = calls.map(([, input]) => input);
        const input =
          shape === 'array'
            ? values
            : Object.fromEntries(
                values.map((value, index) => [String(shape === 'sparse' ? index * 2 : index), value]),
              );
        const text = JSON.stringify(input);
        return method === 'GET'
          ? probeOf(
              'GET',
              shortUrl(`/trpc/${paths}?batch=1&input=${encodeUrl(text)}`),
              caller,
              undefined,
              undefined,
            )
          : probeOf('POST', `/trpc/${paths}?batch=1`, caller, 'application/json', text);
      }),
    );
  });

  it.each(restRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'answers random parameters, query strings, bodies and methods of %s without a server error',
    async (_name, route) => {
      const ids = route.path.startsWith('/definitions') ? known.definitions : known.datasets;
      const keys = Object.keys((route.query as { shape: Record<string, unknown> }).shape);
      const key = fc.oneof(
        { weight: 4, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : nastyString },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            'segment[channel]',
            'segment[]',
            'segment[a][b]',
            'segment[__proto__]',
            '__proto__[x]',
            'benchmarks[saas]',
            'benchmarks[other]',
            'by[]',
            'by[0]',
            'definition',
            'input',
          ),
        },
        { weight: 1, arbitrary: nastyString },
      );
      const plainValue = fc.constantFrom(
        'month',
        'quarter',
        'channel',
        'channel,channel',
        '2024-03',
        '0.2',
        '10',
        '-1',
        '1e309',
        'true',
        'online',
        'customer-cross-sell-rate',
        'price',
        'Europe/Paris',
        '',
      );
      const value = fc.oneof({ weight: 2, arbitrary: plainValue }, { weight: 1, arbitrary: nastyString });
      const single = (k: fc.Arbitrary<string>, v: fc.Arbitrary<string>) =>
        fc.tuple(k, v, fc.boolean()).map(([k, v, bare]) => [bare && v === '' ? k : `${k}=${v}`]);
      // One parameter given twice, plain and as a deep object (`target=1&target[x]=1`), either way round.
      const twice = (v: fc.Arbitrary<string>) =>
        fc
          .tuple(fc.constantFrom(...keys, 'segment', 'by'), v, v, fc.boolean())
          .map(([k, v, w, deepFirst]) =>
            deepFirst ? [`${k}%5Bx%5D=${v}`, `${k}=${w}`] : [`${k}=${v}`, `${k}[x]=${w}`],
          );
      // Plain pairs, which reach the route's parameters, or any pairs, which mostly stop at the first bad one.
      const plainPairs = fc.array(
        fc.oneof(
          {
            weight: 4,
            arbitrary: single(
              keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('x'),
              plainValue.map(encodeUrl),
            ),
          },
          { weight: 1, arbitrary: twice(plainValue.map(encodeUrl)) },
        ),
        { maxLength: 4 },
      );
      const anyPairs = fc.array(
        fc.oneof(
          { weight: 5, arbitrary: single(urlPart(key.map(String)), urlPart(value)) },
          { weight: 1, arbitrary: twice(urlPart(value)) },
        ),
        { maxLength: 6 },
      );
      const body = fc.oneof(
        jsonText(fc.record({ a: inputs['metric.query']!, b: inputs['metric.query']! }, { requiredKeys: [] })),
        jsonText(anyJson),
        fc.constant(undefined),
      );
      const probe = fc
        .record({
          id: urlPart(fc.oneof(fc.constantFrom(...ids), nastyString)),
          query: fc.oneof(plainPairs, anyPairs),
          method: fc.oneof(
            { weight: 5, arbitrary: fc.constant(route.method) },
            { weight: 1, arbitrary: anyMethod },
          ),
          body,
          type: contentType,
          caller,
          slash: fc.constantFrom('', '', '', '/', '//'),
        })
        .map(({ id, query, method, body, type, caller, slash }) => {
          const path = `/api${route.path.replace('{id}', id)}${slash}`;
          const url = shortUrl(query.length === 0 ? path : `${path}?${query.flat().join('&')}`);
          const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
          return probeOf(method, url, caller, sendsBody ? type : undefined, sendsBody ? body : undefined);
        });
      await fuzz(probe);
    },
  );

  it('answers random paths and methods anywhere on the server without a server error', async () => {
    const segment = fc.oneof(
      fc.constantFrom('api', 'trpc', 'datasets', 'shop', 'metric', 'customers', 'compare', 'openapi.json'),
      fc.constantFrom(
        'tokens',
        'me',
        'health',
        'definitions',
        '.',
        '..',
        '',
        'index.html',
        'assets',
        'favicon.ico',
      ),
      urlPart(nastyString),
    );
    await fuzz(
      fc
        .record({
          segments: fc.array(segment, { minLength: 0, maxLength: 6 }),
          query: fc.option(urlPart(nastyString), { nil: undefined }),
          method: anyMethod,
          body: fc.option(jsonText(anyJson), { nil: undefined }),
          type: contentType,
          caller,
        })
        .map(({ segments, query, method, body, type, caller }) => {
          const path = `/${segments.join('/')}${query === undefined ? '' : `?${query}`}`;
          const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
          return probeOf(
            method,
            shortUrl(path),
            caller,
            sendsBody ? type : undefined,
            sendsBody ? body : undefined,
          );
        }),
      RUNS * 4,
    );
  });

  it("answers a request over Node's header size limit (a long URL, a long token) in the API's error shape", async () => {
    const longUrl = `/trpc/metric.query?input=${encodeUrl(JSON.stringify({ dataset: 'x'.repeat(20_000) }))}`;
    for (const probe of [
      { method: 'GET', path: longUrl, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      { method: 'GET', path: '/api/datasets', headers: { authorization: `Bearer ${'t'.repeat(20_000)}` } },
    ]) {
      const answer = await check(probe);
      expect(answer.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('keeps its memory bounded: many more distinct requests after a warm-up grow the heap by less than 32 MiB', async () => {
    const gc = exposedGc();
    // What could pile up: results of distinct definitions (two caches), drill-downs, uploads
    // never imported, failed token checks from many addresses, errors of every kind. The
    // computations are the slow part: one request in five.
    const computing = fc.oneof(
      trpcProbe('metric.query'),
      trpcProbe('metric.customers'),
      trpcProbe('metric.compare'),
    );
    const cheap = fc.oneof(
      ...PROCEDURE_PATHS.filter((path) => !path.startsWith('metric.')).map(trpcProbe),
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 2048 }), caller)
        .map(([bytes, who]) =>
          probeOf('POST', '/trpc/dataset.upload', who, 'application/octet-stream', Buffer.from(bytes)),
        ),
    );
    const probes = fc.oneof({ weight: 1, arbitrary: computing }, { weight: 4, arbitrary: cheap });
    const send = async (count: number, seed: number) => {
      const batch = fc.sample(probes, { seed, numRuns: count });
      // Four at a time, as a few busy clients would. What the answers say is the other tests' business.
      for (let i = 0; i < batch.length; i += 4) {
        await Promise.all(batch.slice(i, i + 4).map((probe) => sendProbe(port, probe)));
      }
    };
    await send(RUNS * 4, SEED + 1);
    gc();
    const before = process.memoryUsage();
    await send(RUNS * 16, SEED + 2);
    gc();
    const after = process.memoryUsage();
    const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);
    expect(
      { heapGrowthMiB: mib(after.heapUsed - before.heapUsed), rssGrowthMiB: mib(after.rss - before.rss) },
      `heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)} MiB, RSS ${mib(before.rss)} -> ${mib(after.rss)} MiB`,
    ).toMatchObject({
      heapGrowthMiB: expect.toSatisfy((growth: number) => growth < 32),
      rssGrowthMiB: expect.toSatisfy((growth: number) => growth < 256),
    });
  });

  it('is still up at the end: health answers and the seeded dataset still computes', async () => {
    const health = await check({ method: 'GET', path: '/api/health', headers: {} });
    expect(health.status).toBe(200);
    const metric = await check({
      method: 'GET',
      path: '/api/datasets/shop/metric?period=month',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(metric.status).toBe(200);
    expect(JSON.parse(metric.body.toString('utf8'))).toMatchObject({ datasetId: known.datasets[1] });
  });
});

/** Uploads example files with the admin token; their upload ids, for the fuzzer's imports. */
async function uploadsOf(admin: UpsellClient, files: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const bytes = await readFile(join(examples, file));
    ids.push((await admin.dataset.upload.mutate(new Uint8Array(bytes))).uploadId);
  }
  return ids;
}

/** V8's `gc()`, which vitest's workers are not started with: a full collection before measuring. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}
