import { setTimeout as sleep } from 'node:timers/promises';
import { fileSize } from '../reporters/format-number.ts';
import type { Terminal } from '../terminal.ts';
import type { Connection } from './connect.ts';

/** How often the server is asked how far an import is. */
const POLL_MS = 250;

const CLEAR_LINE = '\r\u001b[2K';

/**
 * Runs `work` with one status line on stderr, redrawn by `status` every quarter of a second and
 * erased at the end; only on a terminal (as the progress bar), else `work` runs alone.
 */
async function withStatusLine<T>(
  terminal: Terminal,
  status: (seconds: number) => Promise<string | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  if (!terminal.progress) return work();
  const started = performance.now();
  let done = false;
  let drawn = false;
  const stop = new AbortController();
  const draw = async () => {
    while (!done) {
      const text = await status((performance.now() - started) / 1000).catch(() => undefined);
      if (done) break;
      if (text !== undefined) {
        terminal.err(`${CLEAR_LINE}${text}`);
        drawn = true;
      }
      await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => {});
    }
  };
  const drawing = draw();
  try {
    return await work();
  } finally {
    done = true;
    stop.abort();
    await drawing;
    if (drawn) terminal.err(CLEAR_LINE);
  }
}

/** Uploads with `uploading shop.csv (12.3 MiB), 2 s` on a terminal's stderr. */
export function withUploadLine<T>(
  terminal: Terminal,
  fileName: string,
  bytes: number,
  upload: () => Promise<T>,
): Promise<T> {
  return withStatusLine(
    terminal,
    async (seconds) => `uploading ${fileName} (${fileSize(bytes)}), ${seconds.toFixed(0)} s`,
    upload,
  );
}

/**
 * Runs an import (or append) mutation while asking the server (`dataset.importProgress`) how far
 * it is, for a line such as `importing shop.csv into shop: 45% of 40.0 MiB, 3 s` on a terminal's
 * stderr. The server reports bytes read only for some imports; without them the line says how
 * long it has run.
 *
 * @example
 * await withImportProgress(connection, terminal, { uploadId, fileName: 'shop.csv', dataset: 'shop' }, () => client.dataset.import.mutate(input));
 */
export function withImportProgress<T>(
  connection: Connection,
  terminal: Terminal,
  of: { uploadId: string; fileName: string; dataset: string },
  run: () => Promise<T>,
): Promise<T> {
  return withStatusLine(
    terminal,
    async (seconds) => {
      const all = await connection.client.dataset.importProgress.query();
      const mine = all.find((progress) => progress.importId === of.uploadId);
      const where = `importing ${of.fileName} into ${of.dataset}`;
      const time = `${seconds.toFixed(0)} s`;
      if (mine === undefined || mine.bytesRead === 0) return `${where}, ${time}`;
      const share = Math.min(1, mine.bytesRead / Math.max(1, mine.bytesTotal));
      return `${where}: ${(share * 100).toFixed(0)}% of ${fileSize(mine.bytesTotal)}, ${time}`;
    },
    run,
  );
}
