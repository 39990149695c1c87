import { open, readFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { createUpsellClient } from '@upsell/client';
import { ensureSampleFile } from '../ensure-sample-file.ts';
import type { SoakKindStats, SoakResult } from './format-soak-report.ts';
import { probeHealth } from './health-prober.ts';
import { type HttpAnswer, httpRequest } from './http-request.ts';
import { makeSoakRows } from './make-soak-rows.ts';
import { parseVmRssKiB } from './parse-vm-rss.ts';
import { monthsBetween, type SoakKind, soakRequestUrl } from './soak-requests.ts';
import { startServerProcess } from './start-server-process.ts';
import { timeImport } from './time-import.ts';

/** What the soak runs. */
export interface SoakOptions {
  serverMain: string;
  cli: string;
  /** Where the sample files are (made when missing). */
  dataDir: string;
  /** Rows of the dataset. */
  rows: number;
  /** How long the traffic runs. */
  seconds: number;
  /** Clients sending requests one after another, each on its own connection. */
  clients: number;
  log: (message: string) => void;
}

const DATASET = 'soak';
/** Of a client's requests: cached queries, queries of new definitions, drill-downs (the rest). */
const CACHED_SHARE = 0.6;
const UNCACHED_SHARE = 0.15;
const APPEND_EVERY_MS = 5000;
const APPEND_ROWS = 5;
const HEALTH_EVERY_MS = 50;
const REQUEST_TIMEOUT_MS = 30_000;
/** A bound on any loop's count, whatever the clock says: far above what a second can hold. */
const MAX_REQUESTS_PER_SECOND = 5000;
const KEPT_ERRORS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The seconds a 429 says to wait, if it is the API's TOO_MANY_REQUESTS. */
function retryAfterOf(answer: HttpAnswer): number | undefined {
  if (answer.status !== 429) return undefined;
  try {
    const data = (
      JSON.parse(answer.body) as { error?: { data?: { code?: string; retryAfterSeconds?: number } } }
    ).error?.data;
    return data?.code === 'TOO_MANY_REQUESTS' ? (data.retryAfterSeconds ?? 1) : undefined;
  } catch {
    return undefined;
  }
}

/** The header and the first whole lines of a file, to copy appended rows from. */
async function firstLines(file: string): Promise<{ header: string; lines: string[] }> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256 * 1024), 0, 256 * 1024, 0);
    const [header = '', ...lines] = buffer.subarray(0, bytesRead).toString('utf8').split('\n');
    return { header, lines: lines.slice(0, -1).filter((line) => line !== '') };
  } finally {
    await handle.close();
  }
}

/**
 * The soak benchmark: a built server in its own process with a dataset of `rows` rows; `clients`
 * clients on loopback sending, one request after another, cached and uncached `metric.query`
 * (new definitions) and drill-downs, a small append (a few rows later in time) every 5 s, and a
 * prober asking `/api/health` every 50 ms, for `seconds` seconds; the server's RSS read every
 * second. Every loop stops by itself at the end (its last request waits at most 30 s).
 *
 * @example
 * console.log(formatSoakReport(await runSoak({ serverMain, cli, dataDir, rows: 1_000_000, seconds: 120, clients: 200, log })));
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { serverMain, cli, dataDir, rows, seconds, clients, log } = options;
  const file = await ensureSampleFile({ cli, dataDir, rows });
  // Loopback only: the server listens on 127.0.0.1 alone, and every client talks to that.
  process.env.HOST = '127.0.0.1';
  log(`soak: starting a fresh server for ${rows.toLocaleString('en-US')} rows ...`);
  const server = await startServerProcess(serverMain);
  const base = server.url.replace('//localhost:', '//127.0.0.1:');
  const auth = { authorization: `Bearer ${server.token}` };
  const clientAgent = new Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
  try {
    const client = createUpsellClient({ url: base, token: server.token });
    log(`  serving on ${base} (pid ${server.pid}); importing ${file} ...`);
    const imported = await timeImport(client, file, DATASET);
    const summary = await client.dataset.byId.query({ id: DATASET });
    const months = monthsBetween(summary.dateRange!.first, summary.dateRange!.last);
    const copied = await firstLines(file);
    // The dashboard's charts, asked once so that the clients find them cached.
    for (let i = 0; i < 4; i++) {
      await httpRequest(
        clientAgent,
        soakRequestUrl('cached query', { baseUrl: base, dataset: DATASET, months, random: () => i / 4 }),
        {
          headers: auth,
          timeoutMs: 5 * 60_000,
        },
      );
    }

    const kinds: Record<SoakKind | 'append', SoakKindStats> = {
      'cached query': { requests: 0, ok: 0, busy: 0, errors: 0, latenciesMs: [] },
      'uncached query': { requests: 0, ok: 0, busy: 0, errors: 0, latenciesMs: [] },
      'drill-down': { requests: 0, ok: 0, busy: 0, errors: 0, latenciesMs: [] },
      append: { requests: 0, ok: 0, busy: 0, errors: 0, latenciesMs: [] },
    };
    const errorSamples: string[] = [];
    const rss: SoakResult['rss'] = [];
    const start = Date.now();
    const deadline = start + seconds * 1000;
    const maxCount = seconds * MAX_REQUESTS_PER_SECOND;
    const running = () => Date.now() < deadline;

    /** Counts an answer; a 429 BUSY waits as it says (at most a second), never past the end. */
    let retriedResets = 0;
    const record = async (kind: SoakKind | 'append', answer: HttpAnswer, ms = answer.ms) => {
      const stats = kinds[kind];
      if (answer.retried) retriedResets++;
      stats.requests++;
      stats.latenciesMs.push(ms);
      const retryAfter = retryAfterOf(answer);
      if (answer.status >= 200 && answer.status < 300) stats.ok++;
      else if (retryAfter !== undefined) {
        stats.busy++;
        await sleep(Math.min(Math.min(retryAfter, 1) * 1000 * (0.5 + Math.random()), deadline - Date.now()));
      } else {
        stats.errors++;
        if (errorSamples.length < KEPT_ERRORS)
          errorSamples.push(`${kind}: ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    };

    const clientLoop = async () => {
      for (let count = 0; count < maxCount && running(); count++) {
        const roll = Math.random();
        const kind: SoakKind =
          roll < CACHED_SHARE
            ? 'cached query'
            : roll < CACHED_SHARE + UNCACHED_SHARE
              ? 'uncached query'
              : 'drill-down';
        const url = soakRequestUrl(kind, { baseUrl: base, dataset: DATASET, months, random: Math.random });
        await record(
          kind,
          await httpRequest(clientAgent, url, { headers: auth, timeoutMs: REQUEST_TIMEOUT_MS }),
        );
      }
    };

    let appended = 0;
    let unanswered = 0;
    const appendLoop = async () => {
      let after = imported.lastPurchase;
      for (let round = 1; round <= seconds && running(); round++) {
        const next = Date.now() + APPEND_EVERY_MS;
        const csv = makeSoakRows({ ...copied, rows: APPEND_ROWS, round, after, random: Math.random });
        const upload = await httpRequest(clientAgent, `${base}/trpc/dataset.upload`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: csv,
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
        if (upload.status !== 200) {
          await record('append', upload);
        } else {
          const { uploadId } = (JSON.parse(upload.body) as { result: { data: { uploadId: string } } }).result
            .data;
          const append = await httpRequest(clientAgent, `${base}/trpc/dataset.append`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ dataset: DATASET, uploadId, fileName: `soak-${round}.csv` }),
            timeoutMs: REQUEST_TIMEOUT_MS,
          });
          await record('append', append, upload.ms + append.ms);
          // No answer: committed or not, the end's version check cannot tell.
          if (append.status === 0) unanswered++;
          if (append.status === 200) {
            appended++;
            after = new Date(Date.parse(after) + APPEND_ROWS * 1000).toISOString();
          }
        }
        await sleep(Math.min(next, deadline) - Date.now());
      }
    };

    const rssLoop = async () => {
      for (let second = 0; second <= seconds; second++) {
        await sleep(start + second * 1000 - Date.now());
        const mib = parseVmRssKiB(await readFile(`/proc/${server.pid}/status`, 'utf8')) / 1024;
        rss.push({ second, mib });
        if (second % 10 === 0) {
          const requests = Object.values(kinds).reduce((sum, kind) => sum + kind.requests, 0);
          log(`  ${second} s: ${requests.toLocaleString('en-US')} requests, RSS ${mib.toFixed(0)} MiB`);
        }
      }
    };

    log(
      `  ${clients} clients for ${seconds} s, an append every ${APPEND_EVERY_MS / 1000} s, health every ${HEALTH_EVERY_MS} ms ...`,
    );
    const [probes] = await Promise.all([
      probeHealth({ url: `${base}/api/health`, everyMs: HEALTH_EVERY_MS, until: deadline }),
      rssLoop(),
      appendLoop(),
      ...Array.from({ length: clients }, () => clientLoop()),
    ]);
    errorSamples.push(...probes.failures.map((failure) => `health: ${failure}`).slice(0, KEPT_ERRORS));

    const problems: string[] = [];
    const after = await client.dataset.byId.query({ id: DATASET });
    const least = imported.datasetVersion + appended;
    if (after.version < least || after.version > least + unanswered) {
      problems.push(
        `the dataset is at version ${after.version} after ${appended} appends (and ${unanswered} unanswered) to version ${imported.datasetVersion}`,
      );
    }
    return {
      clients,
      seconds,
      warmupSeconds: Math.min(60, Math.floor(seconds / 2)),
      rows,
      kinds,
      errorSamples,
      health: { latenciesMs: probes.latenciesMs, failed: probes.failed },
      retriedResets,
      rss,
      problems,
      loadAverage: loadavg()[0]!,
    };
  } finally {
    clientAgent.destroy();
    await server.stop();
  }
}
