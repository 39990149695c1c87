import { fileStream } from '@upsell/compute';
import { type RowIssue, UpsellError } from '@upsell/core';
import { readCustomers } from '@upsell/ingest';
import { checkFileLimits } from './check-file-limits.ts';
import type { FileImporter } from './file-importer.ts';
import { boundProfile, dimensionOf, PROFILE_LIMITS, profileColumns } from './profile-columns.ts';
import type { StoreContext } from './store-context.ts';
import { toFileSummary } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';

/** The values of one attribute of a customers file, customer by customer. */
function* valuesOfAttribute(rows: Iterable<readonly string[]>, index: number): Iterable<string> {
  for (const row of rows) yield row[index] ?? '';
}

/**
 * Imports a customers file (CSV, customer_id and attributes): its attributes become dimensions
 * to segment by, and every computation of the dataset starts again with them.
 *
 * @example
 * const importers = { customers: importCustomers(ctx) };
 */
export function importCustomers(ctx: StoreContext): FileImporter {
  return {
    refuse(request, _dataset, _purchases, format) {
      if (format !== 'csv') {
        throw new UpsellError('INVALID_ARGUMENT', `${request.fileName}: a customers file must be CSV`);
      }
    },

    async read({ request, dataset, path, format, map, commit }) {
      const profiled = await profileColumns(fileStream(path), { format, kind: 'customers', map });
      const issues: RowIssue[] = [];
      const read = await readCustomers(fileStream(path), {
        fileName: request.fileName,
        onIssue: (issue) => {
          if (issues.length <= ctx.limits.maxRowErrors) issues.push(issue);
        },
      });
      checkFileLimits(ctx.limits, request.fileName, {
        accounting: { rows: read.rows, rejected: read.rejected },
      });
      const bounded = boundProfile(
        profiled.header,
        read.table.attributes
          .slice(0, PROFILE_LIMITS.dimensions)
          .map((name, index) =>
            dimensionOf(name, 'customer', valuesOfAttribute(read.table.values.values(), index)),
          ),
        read.table.attributes.length,
      );
      const file = await commit(
        { rows: read.rows, accepted: read.rows - read.rejected, rejected: read.rejected },
        {},
        { dimensions: bounded.dimensions },
        issues,
        bounded.columns,
      );
      ctx.datasets.forget();
      // Segments by customer attributes change: every computation of the dataset starts again.
      ctx.lives.forget(dataset.id);
      ctx.liveSubscriptions.forget(dataset.id);
      return {
        duplicate: false,
        file: toFileSummary(file),
        dataset: await summaryOf(ctx, await ctx.datasets.datasetOf(dataset.id)),
        notes: bounded.notes,
      };
    },
  };
}
