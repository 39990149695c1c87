import { rm } from 'node:fs/promises';
import { fileStream } from '@upsell/compute';
import { convertWorkbook } from './convert-workbook.ts';
import type { ImportRequest, Upload } from './dataset-store.ts';
import type { FileVault } from './file-vault.ts';

/**
 * Converts an uploaded workbook's sheet to a CSV upload of the same owner, once, so that the
 * dataset keeps CSV and every later computation (in worker threads, over and over) reads CSV at
 * its speed. The CSV's line numbers are the sheet's row numbers (`xlsxCsvStream`), so bad rows
 * are reported at the rows a user sees in the workbook. The conversion runs in a worker thread
 * (`convertWorkbook`) and is held to the upload limit too (the CSV is larger than the zipped
 * workbook); the workbook's upload is removed once converted, and kept when the conversion fails
 * (an unknown sheet, a broken file), so another sheet can be tried.
 *
 * @example
 * const csv = await workbookUploadAsCsv(vault, upload, request); // then import csv as format 'csv'
 */
export async function workbookUploadAsCsv(
  vault: FileVault,
  upload: Upload & { path: string },
  request: Pick<ImportRequest, 'fileName' | 'sheet' | 'owner'>,
): Promise<Upload & { path: string }> {
  const { fileName, sheet, owner } = request;
  // Beside the upload; a part left by a crash goes with the uploads at the next start.
  const converted = `${upload.path}.csv.part`;
  try {
    await convertWorkbook(upload.path, converted, { fileName, sheet, maxBytes: vault.maxUploadBytes });
    const csv = await vault.receive(fileStream(converted), { owner });
    await vault.discard(upload);
    return await vault.upload(csv.uploadId, owner);
  } finally {
    await rm(converted, { force: true });
  }
}
