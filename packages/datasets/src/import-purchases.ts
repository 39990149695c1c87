import { type ComputationOutput, type ComputeJob, fileStream } from '@upsell/compute';
import { type FileValueFormats, FORMAT_SAMPLE_SIZE } from '@upsell/core';
import type { DatasetFileRow } from '@upsell/db';
import { checkFileLimits } from './check-file-limits.ts';
import type { FileImporter } from './file-importer.ts';
import type { FileProfile } from './file-profile.ts';
import { baseJob, liveRequest } from './live-request.ts';
import { profileColumns } from './profile-columns.ts';
import { refuseMainFileMode } from './refuse-main-file-mode.ts';
import type { StoreContext } from './store-context.ts';
import { toFileSummary } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';

/** Bytes read at a time for the formats, which need the first 1,000 rows: about 80 KiB of a typical file. */
const HEAD_BYTES = 64 * 1024;

/** A file row as the live request needs it, before its commit. */
function fileRowDraft(
  storedPath: string,
  format: 'csv' | 'ndjson',
  fileName: string,
  map: Record<string, string>,
  formats: FileValueFormats | undefined,
) {
  return { storedPath, format, fileName, map, formats: formats ?? null } as unknown as DatasetFileRow;
}

/**
 * Imports a purchases file: the first into an empty dataset (`import`), or one more after
 * those (`append`), which with a live computation of the dataset open reads only the new file.
 *
 * @example
 * const importers = { purchases: importPurchases(ctx) };
 */
export function importPurchases(ctx: StoreContext): FileImporter {
  const { lives } = ctx;
  const { maxRowErrors } = ctx.limits;
  return {
    refuse(request, dataset, purchases) {
      refuseMainFileMode(request, dataset, purchases, 'purchases');
    },

    async read({
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
    }) {
      // The file's formats are settled from its first rows before it is read (an ambiguous column
      // is refused there, under the name the user gave the file) and kept with it, so that every
      // recomputation reads it as this import did. Its dimensions' values, from up to 100k rows,
      // are profiled in this thread while the workers read it (a 10k-row append's 5-20 ms).
      const profileOptions = {
        format,
        kind: 'purchases' as const,
        map,
        fileName: request.fileName,
        ...(request.formats === undefined ? {} : { formats: request.formats }),
      };
      const { formats } = await profileColumns(fileStream(path, { chunkBytes: HEAD_BYTES }), {
        ...profileOptions,
        rows: FORMAT_SAMPLE_SIZE,
      });
      const profiling = profileColumns(fileStream(path), profileOptions);
      // Awaited after the computation; a failed computation must not leave it unhandled.
      profiling.catch(() => {});
      const chosen = formats && { date: formats.date, number: formats.number };
      const job = (): ComputeJob => ({
        ...baseJob(ctx),
        map,
        files: [{ path, format, name: request.fileName, ...(chosen ? { formats: chosen } : {}) }],
        order: 'stream',
      });
      const onProgress = (done: number) => {
        progress.bytesRead = Math.min(done, upload.bytes);
      };
      // One pass over the new file: every row checked and profiled, and the dataset's customers
      // counted. With a computation of the dataset open, that pass is its append (the new file
      // only); otherwise a first import starts one, and an append checks the file on its own.
      const draft = {
        ...fileRowDraft(storedPath, format, request.fileName, map, formats),
        kind: 'purchases' as const,
      };
      const open = purchases.length === 0 ? { key: 'base', job: baseJob(ctx) } : lives.latestOf(dataset.id);
      let computed: Pick<ComputationOutput, 'accounting' | 'issues' | 'profile'> & {
        customers: number | null;
      };
      if (open) {
        const whole = await lives.computed({
          ...liveRequest(ctx, dataset, [...files, draft], open.key, open.job),
          // Of every file when the computation starts anew, of the new file when it appends.
          onProgress: (done, total) => onProgress(total > 0 ? (done / total) * upload.bytes : 0),
          wait: true,
        });
        const before = { rows: 0, accepted: 0, rejected: 0 };
        for (const f of purchases) {
          before.rows += f.rows;
          before.accepted += f.accepted;
          before.rejected += f.rejected;
        }
        const accounting = {
          rows: whole.accounting.rows - before.rows,
          accepted: whole.accounting.accepted - before.accepted,
          rejected: whole.accounting.rejected - before.rejected,
        };
        const own = whole.issues
          .filter((issue) => issue.file === storedPath)
          .map((issue) => ({ ...issue, file: request.fileName }));
        computed = {
          accounting,
          issues: own,
          // The profile of every file so far: the summary merges profiles, so that is the same.
          ...(whole.profile ? { profile: whole.profile } : {}),
          customers: whole.counters.customers,
        };
        // Earlier files' rejected rows filled the kept ones: read this file's again on its own.
        if (own.length < Math.min(accounting.rejected, maxRowErrors + 1)) {
          const alone = await ctx.compute(job(), true);
          computed = { ...computed, issues: alone.issues };
        }
      } else {
        const alone = await ctx.compute(job(), true, (done) => onProgress(done));
        computed = { ...alone, customers: null };
      }
      const profiled = await profiling;
      progress.rowsRead = computed.accounting.rows;
      checkFileLimits(ctx.limits, request.fileName, computed);
      const profile: FileProfile = {
        purchases: computed.profile!,
        dimensions: profiled.dimensions,
        datasetCustomers: computed.customers,
      };
      const file = await commit(
        computed.accounting,
        map,
        profile,
        computed.issues,
        profiled.columns,
        formats,
      );
      ctx.datasets.forget();
      const updated = await ctx.datasets.datasetOf(dataset.id);
      return {
        duplicate: false,
        file: toFileSummary(file),
        dataset: await summaryOf(ctx, updated),
        notes: profiled.notes,
      };
    },
  };
}
