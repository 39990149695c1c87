import { fileStream, inputFileSize } from '@upsell/compute';
import {
  type ColumnMapping,
  createMetricRun,
  formatRowIssue,
  isUpsellError,
  type MetricRun,
  PURCHASE_FIELD_NAMES,
  parseColumnMap,
  type RowIssue,
  resolveRule,
} from '@upsell/core';
import { formatOfFileName, readCatalog, readCustomers, readPurchases } from '@upsell/ingest';
import { EXIT } from '../exit-code.ts';
import { createProgressBar } from '../progress-bar.ts';
import { paint, type Terminal } from '../terminal.ts';

/** Options of `upsell validate`. */
export interface ValidateOptions {
  map: string[];
  tz: string;
  format: 'table' | 'json';
  customers?: string;
  catalog?: string;
}

/** What checking one side file (customers, catalog) found. */
interface SideFileCheck {
  file: string;
  rows: number;
  rejected: number;
  issues: RowIssue[];
}

/** The rule `auto` would use for a file, as the core resolves it, or why there is none. */
function autoRuleOf(mapping: ColumnMapping, hasCatalog: boolean): string {
  try {
    return resolveRule('auto', {
      kind: mapping.fields.kind !== undefined,
      tier: mapping.fields.tier !== undefined || hasCatalog,
      amount: mapping.fields.amount !== undefined,
    });
  } catch (error) {
    if (isUpsellError(error, 'RULE_NEEDS_COLUMN')) return 'none (use --rule additional)';
    throw error;
  }
}

/** Wraps a run to catch the mapping of the file it reads. */
function recordMapping(run: MetricRun, found: { mapping?: ColumnMapping }): MetricRun {
  return {
    definition: run.definition,
    finish: () => run.finish(),
    snapshot: () => run.snapshot(),
    addFile(header, fileName) {
      const sink = run.addFile(header, fileName);
      found.mapping = sink.mapping;
      return sink;
    },
  };
}

/**
 * `upsell validate <file>`: reads every row, lists each bad one with line, column and reason,
 * and prints how the columns were understood and the accounting. Exit 1 when a row is bad.
 */
export async function validateCommand(
  file: string,
  options: ValidateOptions,
  terminal: Terminal,
): Promise<number> {
  const size = await inputFileSize(file);
  const json = options.format === 'json';
  const issueRecords: unknown[] = [];
  const onIssue = (issue: RowIssue) => {
    if (json) issueRecords.push(issue);
    else terminal.out(`${formatRowIssue(issue)}\n`);
  };
  // Side files first: their issues are listed before the purchase file's.
  const sideFiles: Record<string, SideFileCheck> = {};
  for (const [kind, path] of [
    ['customers', options.customers],
    ['catalog', options.catalog],
  ] as const) {
    if (path === undefined) continue;
    await inputFileSize(path);
    const issues: RowIssue[] = [];
    const read = kind === 'customers' ? readCustomers : readCatalog;
    const { rows, rejected } = await read(fileStream(path), {
      fileName: path,
      onIssue: (issue) => {
        issues.push(issue);
        if (!json) terminal.out(`${formatRowIssue(issue)}\n`);
      },
    });
    sideFiles[kind] = { file: path, rows, rejected, issues };
  }
  const run = createMetricRun({
    definition: { timeZone: options.tz, rule: 'additional' },
    map: parseColumnMap(options.map),
    classify: false,
    onIssue,
  });
  const found: { mapping?: ColumnMapping } = {};
  const bar = createProgressBar(terminal, 'validating');
  await readPurchases(recordMapping(run, found), fileStream(file), {
    fileName: file,
    format: formatOfFileName(file),
    onProgress: (bytes) => bar.update(bytes, size),
  });
  bar.done();
  const { accounting } = run.finish();
  const mapping = found.mapping!;
  const fields = Object.fromEntries(
    PURCHASE_FIELD_NAMES.filter((f) => mapping.fields[f] !== undefined).map((f) => [
      f,
      mapping.header[mapping.fields[f]!],
    ]),
  );
  const rule = autoRuleOf(mapping, options.catalog !== undefined);
  if (json) {
    terminal.out(
      `${JSON.stringify({ file, fields, dimensions: [...mapping.dimensions.keys()], autoRule: rule, input: accounting, issues: issueRecords, ...sideFiles }, null, 2)}\n`,
    );
  } else {
    terminal.out(`${paint(terminal, 'bold', file)}\n`);
    terminal.out(
      `Columns: ${Object.entries(fields)
        .map(([field, column]) => (field === column ? field : `${field} <- "${column}"`))
        .join(', ')}\n`,
    );
    terminal.out(`Dimensions: ${[...mapping.dimensions.keys()].join(', ') || 'none'}\n`);
    terminal.out(`Rule auto would use: ${rule}\n`);
    const verdict =
      accounting.rejected === 0
        ? paint(terminal, 'green', 'all rows good')
        : paint(terminal, 'red', `${accounting.rejected.toLocaleString('en-US')} bad rows`);
    terminal.out(
      `Rows read ${accounting.rows.toLocaleString('en-US')} = accepted ${accounting.accepted.toLocaleString('en-US')} + rejected ${accounting.rejected.toLocaleString('en-US')}: ${verdict}\n`,
    );
    for (const side of Object.values(sideFiles)) {
      terminal.out(
        `${side.file}: ${side.rows.toLocaleString('en-US')} rows, ${side.rejected.toLocaleString('en-US')} rejected\n`,
      );
    }
  }
  const sideRejected = Object.values(sideFiles).reduce((sum, side) => sum + side.rejected, 0);
  return accounting.rejected + sideRejected === 0 ? EXIT.ok : EXIT.failed;
}
