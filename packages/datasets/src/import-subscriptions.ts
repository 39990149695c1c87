import { fileStream } from '@upsell/compute';
import { UpsellError } from '@upsell/core';
import { checkFileLimits } from './check-file-limits.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import type { FileImporter } from './file-importer.ts';
import type { FileProfile } from './file-profile.ts';
import { profileColumns } from './profile-columns.ts';
import type { StoreContext } from './store-context.ts';
import { subscriptionJobOf } from './subscription-job-of.ts';
import { toFileSummary } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';

/**
 * The pass an import makes: every row of every subscription file checked (an overlap is found
 * across files too), customers counted, and the states' time span found, by day in UTC.
 */
const IMPORT_DEFINITION = {
  metric: 'subscription-upsell-rate',
  period: 'day',
  timeZone: 'UTC',
  eligible: 'all',
} as const;

/**
 * Imports a subscription history file (states or events, CSV or a workbook's sheet): the first
 * into an empty dataset (`import`), or one more after those (`append`). The dataset's files are
 * read together with the new one, as every query reads them, so that a state overlapping one of
 * an earlier file is found; the new file's own rows are counted and its bad rows kept, each with
 * its line, column and reason. Nothing is kept open: the next query computes from the files.
 *
 * @example
 * const importers = { subscriptions: importSubscriptions(ctx) };
 */
export function importSubscriptions(ctx: StoreContext): FileImporter {
  return {
    refuse(request, dataset, subscriptions, format) {
      if (format !== 'csv') {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          `${request.fileName}: subscription history is read from CSV or .xlsx, not NDJSON`,
        );
      }
      if (request.mode === 'import' && subscriptions.length > 0) {
        throw new DatasetStoreError(
          'CONFLICT',
          `dataset "${dataset.name}" already has subscriptions: append to it, or import into a new dataset`,
        );
      }
      if (request.mode === 'append' && subscriptions.length === 0) {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          `dataset "${dataset.name}" has no subscriptions to append to: import first`,
        );
      }
    },

    async read({
      request,
      dataset,
      files,
      purchases: earlier,
      upload,
      storedPath,
      path,
      format,
      map,
      progress,
      commit,
    }) {
      const profiled = await profileColumns(fileStream(path), {
        format,
        kind: 'subscriptions',
        map,
        fileName: request.fileName,
      });
      const draft = {
        kind: 'subscriptions',
        storedPath,
        format,
        map,
        formats: request.formats ?? null,
      } as unknown as (typeof files)[number];
      const job = subscriptionJobOf(ctx, dataset, [...files, draft], IMPORT_DEFINITION);
      // The new file goes by the name its uploader knows, in errors and in its bad rows.
      job.files[job.files.length - 1]!.name = request.fileName;
      if (request.formats) job.files[job.files.length - 1]!.formats = request.formats;
      const computed = await ctx.computeSubscriptions(job, true);
      progress.bytesRead = upload.bytes;
      const before = earlier.reduce((sum, f) => sum + f.rows, 0);
      const issues = computed.issues.filter((issue) => issue.file === request.fileName);
      const rows = computed.output.accounting.rows - before;
      const rejected = new Set(issues.map((issue) => issue.line)).size;
      const accounting = { rows, accepted: rows - rejected, rejected };
      progress.rowsRead = rows;
      checkFileLimits(ctx.limits, request.fileName, { accounting, issues });
      const { counters, calendar } = computed.output;
      const reading = computed.files.at(-1)!;
      const day = (index: number) => `${calendar.label(index)}T00:00:00.000Z`;
      const profile: FileProfile = {
        dimensions: profiled.dimensions,
        datasetCustomers: counters.customers,
        subscriptions: {
          shape: reading.shape,
          first: counters.periods ? day(counters.periods[0]) : null,
          last: counters.periods ? day(counters.periods[1]) : null,
        },
      };
      const file = await commit(accounting, map, profile, issues, profiled.columns, reading.formats);
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
