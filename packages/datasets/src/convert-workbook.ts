import { Worker } from 'node:worker_threads';
import { workerExecArgv } from '@upsell/compute';
import { UpsellError, type UpsellErrorCode } from '@upsell/core';
import { DatasetStoreError } from './dataset-store-error.ts';

// Workers run built code: from the sources (tests), the built worker beside them.
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('../dist/workbook-csv-worker.js', import.meta.url)
  : new URL('./workbook-csv-worker.js', import.meta.url);

interface WorkerMessage {
  type: 'done' | 'error';
  bytes?: number;
  error?: { message: string; code?: UpsellErrorCode; details?: Record<string, unknown>; limit?: number };
}

/**
 * Writes a workbook's sheet as CSV to `target` (`xlsxCsvStream`) in a worker thread, so that
 * exceljs's parsing (stalls of 0.1-1 s at a time on the thread that runs it) never holds up the
 * server's event loop. Past `maxBytes` of CSV it stops with LIMIT_EXCEEDED (a small zip can
 * unpack to a great deal); the core's errors (UNKNOWN_SHEET, UNREADABLE_FILE) come back as they
 * were thrown. Resolves with the CSV's size.
 *
 * @example
 * await convertWorkbook('uploads/1234', 'uploads/1234.csv', { fileName: 'orders.xlsx', maxBytes: 2 ** 32 });
 */
export function convertWorkbook(
  source: string,
  target: string,
  options: { fileName: string; sheet?: string | undefined; maxBytes: number },
): Promise<number> {
  const { fileName, sheet, maxBytes } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      workerData: { source, target, fileName, sheet, maxBytes },
      ...workerExecArgv(),
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'done') settle(() => resolve(message.bytes ?? 0));
      else settle(() => reject(errorOf(fileName, message.error!)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`the workbook's conversion stopped (exit code ${code}) before it ended`)),
      ),
    );
  });
}

function errorOf(fileName: string, error: NonNullable<WorkerMessage['error']>): Error {
  if (error.limit !== undefined) {
    return new DatasetStoreError(
      'LIMIT_EXCEEDED',
      `${fileName}: its sheet as CSV is over the limit of ${error.limit.toLocaleString('en-US')} bytes (UPSELL_MAX_UPLOAD_BYTES)`,
      { limit: error.limit },
    );
  }
  return error.code === undefined
    ? new Error(error.message)
    : new UpsellError(error.code, error.message, error.details);
}
