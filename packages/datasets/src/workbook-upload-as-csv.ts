import { fileStream } from '@upsell/compute';
import { xlsxCsvStream } from '@upsell/ingest';
import type { ImportRequest, Upload } from './dataset-store.ts';
import { DatasetStoreError, isDatasetStoreError } from './dataset-store-error.ts';
import type { FileVault } from './file-vault.ts';

/**
 * Converts an uploaded workbook's sheet to a CSV upload of the same owner, once, so that the
 * dataset keeps CSV and every later computation (in worker threads, over and over) reads CSV at
 * its speed. The CSV's line numbers are the sheet's row numbers (`xlsxCsvStream`), so bad rows
 * are reported at the rows a user sees in the workbook. The CSV is held to the upload limit too
 * (it is larger than the zipped workbook); the workbook's upload is removed once converted, and
 * kept when the conversion fails (an unknown sheet, a broken file), so another sheet can be tried.
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
  const csv = await vault
    .receive(xlsxCsvStream(fileStream(upload.path), { fileName, sheet }), { owner })
    .catch((error: unknown) => {
      if (isDatasetStoreError(error) && error.code === 'LIMIT_EXCEEDED') {
        const limit = Number(error.details?.limit);
        throw new DatasetStoreError(
          'LIMIT_EXCEEDED',
          `${fileName}: its sheet as CSV is over the limit of ${limit.toLocaleString('en-US')} bytes (UPSELL_MAX_UPLOAD_BYTES)`,
          error.details,
        );
      }
      throw error;
    });
  await vault.discard(upload);
  return vault.upload(csv.uploadId, owner);
}
