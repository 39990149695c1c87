import { type RowIssue, UpsellError } from '@upsell/core';
import { commitDatasetFile, findDatasetFileBySha, listDatasetFiles } from '@upsell/db';
import { formatOfFileName } from '@upsell/ingest';
import { checkUploadType } from './check-upload-type.ts';
import type { DatasetFileKind, ImportOutcome, ImportProgress, ImportRequest } from './dataset-store.ts';
import type { FileImporter, ImportRun } from './file-importer.ts';
import type { StoreContext } from './store-context.ts';
import { toFileSummary } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';
import { workbookUploadAsCsv } from './workbook-upload-as-csv.ts';

const toErrorRows = (issues: readonly RowIssue[]) =>
  issues.map((issue) => ({
    line: issue.line,
    column: issue.column,
    columnName: issue.columnName ?? null,
    reason: issue.reason,
  }));

/**
 * Imports an upload into a dataset: the same bytes already there are a duplicate that changes
 * nothing; otherwise the upload is kept (held until committed or failed), read by the importer
 * of its kind, and committed with the dataset's version as it was read. While it runs, its
 * progress is in `inFlight`; when it fails, the dataset is as it was.
 *
 * @example
 * const outcome = await importFile(ctx, importers, request, inFlight);
 */
export async function importFile(
  ctx: StoreContext,
  importers: Record<DatasetFileKind, FileImporter>,
  request: ImportRequest,
  inFlight: Map<string, ImportProgress>,
): Promise<ImportOutcome> {
  const { db, vault, holds } = ctx;
  const dataset = await ctx.datasets.datasetOf(request.datasetId);
  let upload = await vault.upload(request.uploadId, request.owner);
  const kind = request.kind ?? 'purchases';
  const asked = request.format ?? formatOfFileName(request.fileName);
  await checkUploadType(upload.path, request.fileName, asked);
  if (asked === 'xlsx') upload = await workbookUploadAsCsv(vault, upload, request);
  const format = asked === 'xlsx' ? 'csv' : asked;
  const files = await listDatasetFiles(db, dataset.id);
  const earlier = await findDatasetFileBySha(db, dataset.id, kind, upload.sha256);
  if (earlier) {
    await holds.exclusive(() => vault.keep(upload));
    return {
      duplicate: true,
      file: toFileSummary(earlier),
      dataset: await summaryOf(ctx, dataset),
      notes: [],
    };
  }
  const purchases = files.filter((f) => f.kind === 'purchases');
  const importer = importers[kind];
  importer.refuse(request, dataset, purchases, format);
  const map = (purchases[0]?.map ?? request.map ?? {}) as Record<string, string>;
  if (purchases.length > 0 && request.map && JSON.stringify(request.map) !== JSON.stringify(map)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the column mapping differs from the dataset's (${JSON.stringify(map)}): appended files are read with the dataset's mapping`,
    );
  }
  // Held until this import has committed or failed, so that no deletion removes it meanwhile.
  const storedPath = await holds.exclusive(async () => holds.hold(await vault.keep(upload)));
  const path = vault.pathOf(storedPath);
  const commit: ImportRun['commit'] = (accounting, map, profile, issues, columns, formats) =>
    commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: dataset.version,
      file: {
        kind,
        sha256: upload.sha256,
        fileName: request.fileName,
        storedPath,
        format,
        bytes: upload.bytes,
        ...accounting,
        columns,
        map,
        profile,
        ...(formats === undefined ? {} : { formats }),
      },
      errors: [toErrorRows(issues)],
    });
  const importId = request.uploadId;
  const progress: ImportProgress = {
    importId,
    datasetId: dataset.id,
    fileName: request.fileName,
    bytesRead: 0,
    bytesTotal: upload.bytes,
    rowsRead: 0,
    startedAt: new Date().toISOString(),
  };
  inFlight.set(importId, progress);
  let released = false;
  try {
    return await importer.read({
      request,
      dataset,
      files,
      purchases,
      upload,
      storedPath,
      path,
      format,
      map,
      progress,
      commit,
    });
  } catch (error) {
    // The dataset is as it was; a computation that read the new file is not kept.
    ctx.lives.forget(dataset.id);
    holds.release(storedPath);
    released = true;
    await ctx.forgetUnreferenced([storedPath]);
    throw error;
  } finally {
    // After a commit the database refers to the file.
    if (!released) holds.release(storedPath);
    inFlight.delete(importId);
  }
}
