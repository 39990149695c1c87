import { Agent, type IncomingHttpHeaders, request } from 'node:http';

/** One raw HTTP request, as a fuzzer makes it: any method, path, headers and body. */
export interface Probe {
  method: string;
  /** Path and query, already percent-encoded where the HTTP line needs it. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /**
   * The loopback address the request comes from. Requests with a token that does not verify
   * count against their address (see the API's rate limiting), so they come from addresses of
   * their own and leave the good tokens' address alone.
   */
  from?: string;
}

/** What the server answered. */
export interface ProbeAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const MAIN_ADDRESS = '127.0.0.1';
const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });

// Node refuses to send these in a header value; a fuzzer's header keeps the rest.
const sendableHeaderValue = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/**
 * Sends one request to a server on 127.0.0.1 and reads the whole answer; rejects when none
 * comes within `timeoutMs`.
 *
 * @example
 * const answer = await sendProbe(port, { method: 'GET', path: '/api/health', headers: {} });
 */
export function sendProbe(port: number, probe: Probe, timeoutMs = 30_000): Promise<ProbeAnswer> {
  const from = probe.from ?? MAIN_ADDRESS;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(probe.headers)) headers[name] = sendableHeaderValue(value);
  if (probe.body !== undefined) headers['content-length'] = String(Buffer.byteLength(probe.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: MAIN_ADDRESS,
        port,
        method: probe.method,
        path: probe.path,
        headers,
        ...(from === MAIN_ADDRESS ? { agent: keepAlive } : { agent: false, localAddress: from }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(probe.body);
  });
}

/** What an answer must not contain: the server's insides. */
export interface Secrets {
  /** The absolute data directory. */
  dataDir: string;
  /** The absolute directory of the server's code (a stack frame or module path would name it). */
  codeDir: string;
}

interface ErrorShape {
  message?: unknown;
  code?: unknown;
  data?: { code?: unknown; httpStatus?: unknown; retryAfterSeconds?: unknown };
}

/** Why one error in the API's shape (`{ error: { message, code, data: { code, httpStatus } } }`) is wrong. */
function errorShapeProblems(
  error: ErrorShape | undefined,
  status: number | undefined,
  where: string,
): string[] {
  if (typeof error !== 'object' || error === null) return [`${where}: no "error" object`];
  const problems: string[] = [];
  if (typeof error.message !== 'string') problems.push(`${where}: error.message is not a string`);
  if (typeof error.code !== 'number') problems.push(`${where}: error.code is not a number`);
  const data = error.data;
  if (typeof data !== 'object' || data === null) return [...problems, `${where}: no error.data`];
  if (typeof data.code !== 'string') problems.push(`${where}: error.data.code is not a string`);
  if (typeof data.httpStatus !== 'number') problems.push(`${where}: error.data.httpStatus is not a number`);
  else {
    if (status !== undefined && data.httpStatus !== status) {
      problems.push(`${where}: error.data.httpStatus ${data.httpStatus} but HTTP status ${status}`);
    }
    problems.push(...statusProblems(data.httpStatus, data, where));
  }
  return problems;
}

/**
 * 2xx and 4xx are answers; 5xx never is. 429 is an answer only as the API documents it: the
 * TOO_MANY_REQUESTS of rate limiting or of a busy server, with the seconds to wait. 503 is not
 * one: the server says "busy" with 429 and data.retryAfterSeconds, so a 503 is some layer
 * failing that was meant to answer.
 */
function statusProblems(status: number, data: ErrorShape['data'] | undefined, where: string): string[] {
  if (status >= 500) return [`${where}: server error ${status}`];
  if (status < 200 || (status >= 300 && status < 400))
    return [`${where}: status ${status} is neither 2xx nor 4xx`];
  if (status === 429) {
    const seconds = data?.retryAfterSeconds;
    if (data?.code !== 'TOO_MANY_REQUESTS' || typeof seconds !== 'number' || !(seconds > 0)) {
      return [`${where}: 429 without TOO_MANY_REQUESTS and a positive data.retryAfterSeconds`];
    }
  }
  return [];
}

const STACK_FRAME = /\bat (?:async )?[^\s()]*\s?\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/;

// What the request sent can come back (a name echoed in NOT_FOUND): only what it did not send
// is a leak.
function leaks(text: string, sent: string, secrets: Secrets): string[] {
  const found: string[] = [];
  const has = (needle: string) => text.includes(needle) && !sent.includes(needle);
  if (has('node_modules')) found.push('names node_modules');
  if (has(secrets.dataDir)) found.push('names the data directory');
  if (has(secrets.codeDir)) found.push("names the server's code directory");
  if (STACK_FRAME.test(text) && !STACK_FRAME.test(sent)) found.push('carries a stack frame');
  return found;
}

/**
 * Why an answer breaks the API's promises, or [] when it keeps them: 2xx or 4xx (429 only as
 * documented); every error body JSON in the API's error shape, batches call by call; every
 * body but a HEAD's JSON; nothing of the server's insides (stack, node_modules, its paths).
 *
 * @example
 * expect(answerProblems(probe, await sendProbe(port, probe), secrets)).toEqual([]);
 */
export function answerProblems(probe: Probe, answer: ProbeAnswer, secrets: Secrets): string[] {
  const text = answer.body.toString('utf8');
  const sent = `${decodeSafely(probe.path)} ${probe.path} ${String(probe.body ?? '')} ${JSON.stringify(probe.headers)}`;
  const problems = leaks(`${text} ${JSON.stringify(answer.headers)}`, sent, secrets);
  if (probe.method === 'HEAD' || (text === '' && answer.status < 300)) {
    return [...problems, ...statusProblems(answer.status, undefined, 'answer')];
  }
  const type = String(answer.headers['content-type'] ?? '');
  if (!/^application\/json\b/.test(type)) {
    problems.push(`content-type is "${type}", not application/json`);
    return [...problems, ...statusProblems(answer.status, undefined, 'answer')];
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [...problems, 'the body is not JSON', ...statusProblems(answer.status, undefined, 'answer')];
  }
  if (Array.isArray(json) && isTrpcBatch(probe.path)) {
    // A batch: each call has its own result or error, the HTTP status theirs or 207.
    // A 429 is checked call by call, each with its own retryAfterSeconds.
    if (answer.status !== 207 && answer.status !== 429) {
      problems.push(...statusProblems(answer.status, undefined, 'answer'));
    }
    json.forEach((item: { error?: ErrorShape; result?: unknown } | null, index) => {
      if (item?.error !== undefined)
        problems.push(...errorShapeProblems(item.error, undefined, `call ${index}`));
      else if (item?.result === undefined) problems.push(`call ${index}: neither result nor error`);
    });
    return problems;
  }
  if (answer.status >= 400) {
    problems.push(...errorShapeProblems((json as { error?: ErrorShape }).error, answer.status, 'answer'));
    return problems;
  }
  return [...problems, ...statusProblems(answer.status, undefined, 'answer')];
}

// tRPC reads `batch` as a flag: any value but absent makes the call a batch, answered as an array.
function isTrpcBatch(path: string): boolean {
  const [route = '', query = ''] = path.split('?', 2);
  return route.startsWith('/trpc') && /(?:^|&)batch=/.test(query);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const excerpt = (text: string, max = 600) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);

/**
 * The request and answer as a readable report, for a failing test's message.
 *
 * @example
 * throw new Error(describeExchange(probe, answer, problems));
 */
export function describeExchange(
  probe: Probe,
  answer: ProbeAnswer | undefined,
  problems: readonly string[],
  log?: string,
): string {
  const lines = [
    `${probe.method} ${probe.path.length > 400 ? `${probe.path.slice(0, 400)}… (${probe.path.length} characters)` : probe.path}`,
    `  from ${probe.from ?? MAIN_ADDRESS}, headers ${JSON.stringify(probe.headers)}`,
  ];
  if (probe.body !== undefined) lines.push(`  body ${excerpt(String(probe.body))}`);
  if (answer !== undefined) {
    lines.push(
      `answered ${answer.status} (${answer.headers['content-type'] ?? 'no content-type'}) ${excerpt(answer.body.toString('utf8'))}`,
    );
  }
  lines.push(...problems.map((problem) => `  PROBLEM: ${problem}`));
  if (log !== undefined) lines.push(`  server log: ${log.slice(0, 1500)}`);
  return lines.join('\n');
}
