import { detectDatasetKind, type RowIssue, UpsellError } from '@upsell/core';
import type { DatasetRow } from '@upsell/db';
import { commitDatasetFile } from '@upsell/db';
import { formatOfFileName } from '@upsell/ingest';
import { checkUploadType } from './check-upload-type.ts';
import type { DatasetFileKind, ImportOutcome, ImportProgress, ImportRequest } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import type { FileImporter, ImportRun } from './file-importer.ts';
import { readHeader } from './read-header.ts';
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

const isMainKind = (kind: DatasetFileKind): kind is 'purchases' | 'subscriptions' =>
  kind === 'purchases' || kind === 'subscriptions';

/**
 * The kind of an upload: as asked, else what its header holds (`detectDatasetKind`: a
 * subscription_id column is subscription history), else the dataset's, else purchases (whose
 * reading then says which columns are missing). A main file of the other kind than the dataset's,
 * and a rates file for a purchase dataset, are refused with `KIND_MISMATCH` naming both kinds.
 */
async function kindOf(
  request: ImportRequest,
  dataset: DatasetRow,
  path: string,
  format: 'csv' | 'ndjson',
): Promise<DatasetFileKind> {
  let kind = request.kind;
  if (kind === undefined) {
    const explicit = request.map && 'subscription_id' in request.map ? 'subscriptions' : undefined;
    kind = explicit ?? detectDatasetKind(await readHeader(path, format)) ?? dataset.kind ?? 'purchases';
  }
  if (isMainKind(kind) && dataset.kind !== null && dataset.kind !== kind) {
    throw new DatasetStoreError(
      'KIND_MISMATCH',
      `dataset "${dataset.name}" holds ${dataset.kind}, and ${request.fileName} is ${kind === 'subscriptions' ? 'subscription history (it has a subscription_id column)' : 'a purchases file'}: import it into a ${kind} dataset`,
      { datasetKind: dataset.kind, fileKind: kind },
    );
  }
  if (kind === 'fx' && dataset.kind === 'purchases') {
    throw new DatasetStoreError(
      'KIND_MISMATCH',
      `dataset "${dataset.name}" holds purchases: an FX rates file converts subscription MRR, so it belongs to a subscriptions dataset`,
      { datasetKind: dataset.kind, fileKind: kind },
    );
  }
  return kind;
}

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
  const asked = request.format ?? formatOfFileName(request.fileName);
  await checkUploadType(upload.path, request.fileName, asked);
  if (asked === 'xlsx') upload = await workbookUploadAsCsv(vault, upload, request);
  const format = asked === 'xlsx' ? 'csv' : asked;
  const kind = await kindOf(request, dataset, upload.path, format);
  const files = await ctx.files.filesOf(dataset);
  // The same bytes of the same kind were committed before (read from the list: one query less).
  const earlier = files.find((f) => f.kind === kind && f.sha256 === upload.sha256);
  if (earlier) {
    await holds.exclusive(() => vault.keep(upload));
    return {
      duplicate: true,
      file: toFileSummary(earlier),
      dataset: await summaryOf(ctx, dataset),
      notes: [],
    };
  }
  // The dataset's main files: of this file's kind for a main file, else of the dataset's kind.
  const mainKind = isMainKind(kind) ? kind : (dataset.kind ?? 'purchases');
  const purchases = files.filter((f) => f.kind === mainKind);
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
  const commit: ImportRun['commit'] = async (accounting, map, profile, issues, columns, formats) => {
    const committed = await commitDatasetFile(db, {
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
    // The commit made version + 1: its files are those read above and this one.
    ctx.files.remember({ id: dataset.id, version: dataset.version + 1 }, [...files, committed]);
    return committed;
  };
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
    ctx.liveSubscriptions.forget(dataset.id);
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
