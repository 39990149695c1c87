import { readFxRates } from '@upsell/compute';
import { type RowIssue, UpsellError } from '@upsell/core';
import { checkFileLimits } from './check-file-limits.ts';
import type { FileImporter } from './file-importer.ts';
import { readHeader } from './read-header.ts';
import type { StoreContext } from './store-context.ts';
import { toFileSummary } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';

/**
 * Imports an exchange rates file (`date,currency,rate`: units of the dataset's reporting
 * currency per 1 unit of the currency) into a subscription dataset: its last rates file converts
 * every state in another currency, at the rate dated on or before the state's start. A bad row
 * is kept with its line, column and reason, as for every file.
 *
 * @example
 * const importers = { fx: importFx(ctx) };
 */
export function importFx(ctx: StoreContext): FileImporter {
  return {
    refuse(request, _dataset, _main, format) {
      if (format !== 'csv') {
        throw new UpsellError('INVALID_ARGUMENT', `${request.fileName}: an FX rates file must be CSV`);
      }
    },

    async read({ request, dataset, path, commit }) {
      const issues: RowIssue[] = [];
      // A rates file is a table of a few thousand rows: read here, like a customers file.
      const read = await readFxRates(
        path,
        dataset.currency,
        (issue) => {
          if (issues.length <= ctx.limits.maxRowErrors) issues.push(issue);
        },
        request.fileName,
      );
      const accounting = { rows: read.rows, accepted: read.rows - read.rejected, rejected: read.rejected };
      checkFileLimits(ctx.limits, request.fileName, { accounting, issues });
      const file = await commit(accounting, {}, { dimensions: [] }, issues, await readHeader(path, 'csv'));
      ctx.datasets.forget();
      // Its computations converted with the rates before: they are of no further use.
      ctx.liveSubscriptions.forget(dataset.id);
      return {
        duplicate: false,
        file: toFileSummary(file),
        dataset: await summaryOf(ctx, await ctx.datasets.datasetOf(dataset.id)),
        notes: [],
      };
    },
  };
}
