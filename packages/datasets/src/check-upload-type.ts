import { open } from 'node:fs/promises';
import { checkFileType, type InputFormat } from '@upsell/ingest';

const HEAD_BYTES = 64 * 1024;

/**
 * Refuses an upload whose first bytes contradict the format it is to be read as (a workbook, a
 * zip or an old .xls named .csv), naming it as the user does (UNREADABLE_FILE), before it is kept.
 *
 * @example
 * await checkUploadType(upload.path, 'purchases.csv', 'csv');
 */
export async function checkUploadType(path: string, fileName: string, format: InputFormat): Promise<void> {
  const file = await open(path, 'r');
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0);
    checkFileType(head.subarray(0, bytesRead), fileName, format);
  } finally {
    await file.close();
  }
}
