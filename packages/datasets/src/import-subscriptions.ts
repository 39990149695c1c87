import { fileStream } from '@upsell/compute';
import { applyMetricDefaults, type Definition, UpsellError } from '@upsell/core';
import { checkFileLimits } from './check-file-limits.ts';
import type { FileImporter } from './file-importer.ts';
import type { FileProfile } from './file-profile.ts';
import { liveSubscriptionRequest } from './live-subscriptions.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { profileColumns } from './profile-columns.ts';
import { refuseMainFileMode } from './refuse-main-file-mode.ts';
import type { StoreContext } from './store-context.ts';
import { toFileSummary } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';

/**
 * The definition of an import's live computation when the dataset has none open: the monthly
 * bridge the dashboard asks for first (the rows are checked, customers counted and the states'
 * span found whatever the definition).
 */
const IMPORT_DEFINITION = parseQueryDefinition(
  applyMetricDefaults({ metric: 'subscription-upsell-rate', period: 'month' }),
);

const utcDay = (day: number) => new Date(day * 86_400_000).toISOString();

/**
 * Imports a subscription history file (states or events, CSV or a workbook's sheet): the first
 * into an empty dataset (`import`), or one more after those (`append`). The new file is read into
 * the dataset's most recently used live computation (or one started over its files, monthly), so
 * that a state overlapping one of an earlier file is found and only the customers it touches are
 * computed again; its own rows are counted and its bad rows kept, each with its line, column and
 * reason. The next query of that definition then only builds its result.
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
      refuseMainFileMode(request, dataset, subscriptions, 'subscriptions');
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
      // The columns are profiled while the live computation reads the file (awaited after it; a
      // failed computation must not leave it unhandled): on 2 cores that took 20-40 ms of an
      // append of 10k rows off the critical path, as for purchases.
      const profiling = profileColumns(fileStream(path), {
        format,
        kind: 'subscriptions',
        map,
        fileName: request.fileName,
      });
      profiling.catch(() => {});
      const draft = {
        kind: 'subscriptions',
        storedPath,
        format,
        map,
        formats: request.formats ?? null,
      } as unknown as (typeof files)[number];
      const open = ctx.liveSubscriptions.latestOf(dataset.id);
      const definition = (open?.job.definition as Definition | undefined) ?? IMPORT_DEFINITION;
      const live = liveSubscriptionRequest(ctx, dataset, [...files, draft], definition);
      // The new file goes by the name its uploader knows, in errors and in its bad rows.
      const added = live.files.at(-1)!.input;
      added.name = request.fileName;
      if (request.formats) added.formats = request.formats;
      const computed = await ctx.liveSubscriptions.computed({ ...live, wait: true });
      const profiled = await profiling;
      progress.bytesRead = upload.bytes;
      const before = earlier.reduce((sum, f) => sum + f.rows, 0);
      const issues = computed.issues.filter((issue) => issue.file === request.fileName);
      const rows = computed.output.accounting.rows - before;
      const rejected = new Set(issues.map((issue) => issue.line)).size;
      const accounting = { rows, accepted: rows - rejected, rejected };
      progress.rowsRead = rows;
      checkFileLimits(ctx.limits, request.fileName, { accounting, issues });
      const { counters, days } = computed.output;
      const reading = computed.files.at(-1)!;
      const profile: FileProfile = {
        dimensions: profiled.dimensions,
        datasetCustomers: counters.customers,
        subscriptions: {
          shape: reading.shape,
          first: days ? utcDay(days[0]) : null,
          last: days ? utcDay(days[1]) : null,
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
