import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { fileStream } from '@upsell/compute';
import { isUpsellError } from '@upsell/core';
import { xlsxCsvStream } from '@upsell/ingest';

/**
 * The worker's side of `convertWorkbook`: streams a workbook's sheet as CSV into `target`,
 * stopping past `maxBytes`, and posts `done` or the error (its code and details, to rebuild it).
 */
const { source, target, fileName, sheet, maxBytes } = workerData as {
  source: string;
  target: string;
  fileName: string;
  sheet: string | undefined;
  maxBytes: number;
};
const port = parentPort!;

async function convert(): Promise<number> {
  const out = createWriteStream(target, { flags: 'wx' });
  const reader = xlsxCsvStream(fileStream(source), { fileName, sheet }).getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw Object.assign(new Error('over the limit'), { limit: maxBytes });
      }
      if (!out.write(value)) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return bytes;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

convert().then(
  (bytes) => port.postMessage({ type: 'done', bytes }),
  (error: unknown) =>
    port.postMessage({
      type: 'error',
      error: {
        message: error instanceof Error ? error.message : String(error),
        code: isUpsellError(error) ? error.code : undefined,
        details: isUpsellError(error) ? error.details : undefined,
        limit: (error as { limit?: number }).limit,
      },
    }),
);
