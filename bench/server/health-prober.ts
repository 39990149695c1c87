import { Worker } from 'node:worker_threads';

/** What the health prober saw. */
export interface HealthProbes {
  /** Of each probe answered 200, from request to the answer's end. */
  latenciesMs: number[];
  failed: number;
  /** The first few failures, as `status body`. */
  failures: string[];
}

// The prober runs in a thread of its own, so that its timings are the server's and not the
// wait of an event loop busy with the clients' requests. Plain JavaScript: it is evaluated.
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { url, everyMs, until, timeoutMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const result = { latenciesMs: [], failed: 0, failures: [] };
const fail = (why) => {
  result.failed++;
  if (result.failures.length < 10) result.failures.push(why);
};
const probe = () =>
  new Promise((resolve) => {
    const start = performance.now();
    const req = http.get(url, { agent }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode === 200) result.latenciesMs.push(performance.now() - start);
        else fail(res.statusCode + ' ' + body.slice(0, 300));
        resolve();
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('no answer within ' + timeoutMs + ' ms')));
    req.on('error', (error) => {
      fail('0 ' + error.message);
      resolve();
    });
  });
(async () => {
  for (let count = 0; Date.now() < until && count < 1e7; count++) {
    const next = Date.now() + everyMs;
    await probe();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(next, until) - Date.now())));
  }
  agent.destroy();
  parentPort.postMessage(result);
})();
`;

/**
 * Sends `GET url` every `everyMs` (or as soon as the last answer came, if later) until the time
 * `until` (ms since the epoch), from a thread of its own, and resolves with what it saw.
 *
 * @example
 * const probes = await probeHealth({ url: 'http://127.0.0.1:3000/api/health', everyMs: 50, until: Date.now() + 60_000 });
 */
export function probeHealth(options: {
  url: string;
  everyMs: number;
  until: number;
  timeoutMs?: number;
}): Promise<HealthProbes> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PROBER, { eval: true, workerData: { timeoutMs: 30_000, ...options } });
    worker.once('message', (result: HealthProbes) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`probeHealth: the prober stopped (exit code ${code})`)));
  });
}
