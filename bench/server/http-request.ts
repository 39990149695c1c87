import { type Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** An answer (or its absence: status 0 and why), with the time from the request to the answer's end. */
export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
  /** Sent again after the server closed its kept-alive connection as it went out. */
  retried?: true;
}

/**
 * Sends one HTTP request through `agent` and reads the whole answer. It never rejects: a failed
 * connection or no answer within `timeoutMs` gives status 0 and the reason as the body. A GET
 * whose kept-alive connection the server closed just as it was sent is sent again once, as
 * Node's documentation advises (the server's idle timeout and the reuse crossed: no answer lost).
 *
 * @example
 * const { status, ms } = await httpRequest(agent, 'http://127.0.0.1:3000/api/health', { timeoutMs: 5000 });
 */
export async function httpRequest(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number },
): Promise<HttpAnswer> {
  const first = await sendOnce(agent, url, options);
  if (first.reusedSocketReset && (options.method ?? 'GET') === 'GET') {
    const again = await sendOnce(agent, url, options);
    return { status: again.status, body: again.body, ms: first.ms + again.ms, retried: true };
  }
  return { status: first.status, body: first.body, ms: first.ms };
}

function sendOnce(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number },
): Promise<HttpAnswer & { reusedSocketReset: boolean }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, body: string, reusedSocketReset = false) =>
      resolve({ status, body, ms: performance.now() - start, reusedSocketReset });
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = request(url, { agent, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      res.on('error', (error) => done(0, error.message));
    });
    req.setTimeout(options.timeoutMs, () =>
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      done(0, error.message, req.reusedSocket && error.code === 'ECONNRESET'),
    );
    req.end(options.body);
  });
}
