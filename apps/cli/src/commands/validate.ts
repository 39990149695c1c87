import { computeFiles, computeSubscriptionFiles, inputFileSize } from '@upsell/compute';
import {
  type ColumnMapping,
  formatRowIssue,
  isUpsellError,
  PURCHASE_FIELD_NAMES,
  parseColumnMap,
  type RowIssue,
  resolveRule,
  SUBSCRIPTION_FIELD_NAMES,
  UpsellError,
} from '@upsell/core';
import { kindOfCommandFiles } from '../compute/dataset-kind-of-files.ts';
import { subscriptionJobOf } from '../compute/subscriptions-for-command.ts';
import { EXIT } from '../exit-code.ts';
import { createProgressBar } from '../progress-bar.ts';
import { whole } from '../reporters/format-number.ts';
import { inputFilesOf, type SheetOptions } from '../sheet-flag.ts';
import { paint, type Terminal } from '../terminal.ts';
import { describeValueFormats, type ValueFormatOptions, valueFormatsOf } from '../value-format-flags.ts';

/** Options of `upsell validate`. */
export interface ValidateOptions extends Partial<ValueFormatOptions>, SheetOptions {
  map: string[];
  tz: string;
  format: 'table' | 'json';
  customers?: string;
  catalog?: string;
  /** Subscription history: the reporting currency, and the rates into it. */
  currency: string;
  fx?: string;
}

const SHAPE_WORDS = { states: 'one row per subscription state', events: 'one row per change' } as const;

/**
 * `upsell validate` on subscription history: its shape, how each column maps, the values'
 * formats, the FX rates it can convert with, every bad row and the accounting. Exit 1 when a
 * row is bad.
 */
async function validateSubscriptions(
  file: string,
  options: ValidateOptions,
  terminal: Terminal,
): Promise<number> {
  if (options.catalog !== undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--catalog gives purchase lines their tiers, but ${file} is subscription history (it has a subscription_id column)`,
    );
  }
  const json = options.format === 'json';
  const chosen = valueFormatsOf(options);
  const job = subscriptionJobOf([file], options, { timeZone: options.tz, period: 'all' });
  // In this thread, as validate has no --threads; every bad row is kept.
  const computed = await computeSubscriptionFiles(
    { ...job, keepIssues: Number.POSITIVE_INFINITY },
    { threads: 1 },
  );
  const { accounting } = computed.output;
  const reading = computed.files[0]!;
  const { mapping } = reading;
  const fields = Object.fromEntries(
    SUBSCRIPTION_FIELD_NAMES.filter((f) => mapping.fields[f] !== undefined).map((f) => [
      f,
      mapping.header[mapping.fields[f]!],
    ]),
  );
  const dimensions = [...mapping.dimensions.keys()];
  const sideFiles: Record<string, SideFileCheck> = {};
  for (const [kind, path, rows, rejected] of [
    ['customers', options.customers, computed.customersRows, computed.customersRejected],
    ['fx', options.fx, computed.fxRows, computed.fxRejected],
  ] as const) {
    if (path === undefined) continue;
    sideFiles[kind] = { file: path, rows, rejected, issues: computed.issues.filter((i) => i.file === path) };
  }
  const issues = computed.issues.filter((i) => i.file === file);
  const currency = job.currency ?? 'USD';
  const rated = computed.fxCurrencies;
  if (json) {
    terminal.out(
      `${JSON.stringify({ file, kind: 'subscriptions', shape: reading.shape, fields, dimensions, formats: reading.formats, currency, fxCurrencies: rated, input: accounting, issues, ...sideFiles }, null, 2)}\n`,
    );
  } else {
    for (const side of Object.values(sideFiles))
      for (const issue of side.issues) terminal.out(`${formatRowIssue(issue)}\n`);
    for (const issue of issues) terminal.out(`${formatRowIssue(issue)}\n`);
    terminal.out(`${paint(terminal, 'bold', file)}\n`);
    terminal.out(`Kind: subscription history\nShape: ${reading.shape} (${SHAPE_WORDS[reading.shape]})\n`);
    terminal.out(
      `Columns: ${Object.entries(fields)
        .map(([field, column]) => (field === column ? field : `${field} <- "${column}"`))
        .join(', ')}\n`,
    );
    terminal.out(`Dimensions: ${dimensions.join(', ') || 'none'}\n`);
    terminal.out(`Values: ${describeValueFormats(reading.formats, chosen)}\n`);
    terminal.out(
      `Currency: MRR in ${currency}; ${
        options.fx === undefined
          ? `no --fx rates, so amounts in another currency are rejected`
          : `--fx ${options.fx} converts ${rated.length === 0 ? 'no currency' : rated.join(', ')}`
      }\n`,
    );
    const verdict =
      accounting.rejected === 0
        ? paint(terminal, 'green', 'all rows good')
        : paint(terminal, 'red', `${whole(accounting.rejected)} bad rows`);
    terminal.out(
      `Rows read ${whole(accounting.rows)} = accepted ${whole(accounting.accepted)} + rejected ${whole(accounting.rejected)}: ${verdict}\n`,
    );
    for (const side of Object.values(sideFiles)) {
      terminal.out(`${side.file}: ${whole(side.rows)} rows, ${whole(side.rejected)} rejected\n`);
    }
  }
  const sideRejected = Object.values(sideFiles).reduce((sum, side) => sum + side.rejected, 0);
  return accounting.rejected + sideRejected === 0 ? EXIT.ok : EXIT.failed;
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

/**
 * `upsell validate <file>`: reads every row, lists each bad one with line, column and reason,
 * and prints how the columns were understood and the accounting. Exit 1 when a row is bad.
 */
export async function validateCommand(
  file: string,
  options: ValidateOptions,
  terminal: Terminal,
): Promise<number> {
  // Missing files are named before a bad --map, in the order of the arguments.
  for (const path of [file, options.customers, options.catalog, options.fx])
    if (path !== undefined) await inputFileSize(path);
  if ((await kindOfCommandFiles([file], options)) === 'subscriptions') {
    return validateSubscriptions(file, options, terminal);
  }
  if (options.fx !== undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--fx converts subscription amounts, but ${file} is purchase lines (it has no subscription_id column)`,
    );
  }
  const json = options.format === 'json';
  const bar = createProgressBar(terminal, 'validating');
  const chosen = valueFormatsOf(options);
  // Through the door every file run takes (computeFiles, as for rate): the rows are checked and
  // counted, not classified, and every bad row is kept; in this thread, as validate has no --threads.
  const computed = await computeFiles(
    {
      files: inputFilesOf([file], options),
      definition: { timeZone: options.tz, rule: 'additional' },
      map: parseColumnMap(options.map),
      ...(Object.keys(chosen).length === 0 ? {} : { formats: chosen }),
      ...(options.customers === undefined ? {} : { customersPath: options.customers }),
      ...(options.catalog === undefined ? {} : { catalogPath: options.catalog }),
      order: 'stream',
      classify: false,
      keepIssues: Number.POSITIVE_INFINITY,
    },
    { threads: 1, onProgress: bar.update },
  );
  bar.done();
  const { accounting } = computed;
  const mapping = computed.mappings[0]!;
  const formats = computed.formats[0]!;
  // Side files' bad rows come first, as they are read first; each file's in line order.
  const sideFiles: Record<string, SideFileCheck> = {};
  for (const [kind, path, rows, rejected] of [
    ['customers', options.customers, computed.customersRows, computed.customersRejected],
    ['catalog', options.catalog, computed.catalogRows, computed.catalogRejected],
  ] as const) {
    if (path === undefined) continue;
    sideFiles[kind] = { file: path, rows, rejected, issues: computed.issues.filter((i) => i.file === path) };
  }
  const issues = computed.issues.filter((i) => i.file === file);
  if (!json) {
    for (const side of Object.values(sideFiles))
      for (const issue of side.issues) terminal.out(`${formatRowIssue(issue)}\n`);
    for (const issue of issues) terminal.out(`${formatRowIssue(issue)}\n`);
  }
  const fields = Object.fromEntries(
    PURCHASE_FIELD_NAMES.filter((f) => mapping.fields[f] !== undefined).map((f) => [
      f,
      mapping.header[mapping.fields[f]!],
    ]),
  );
  const rule = autoRuleOf(mapping, options.catalog !== undefined);
  if (json) {
    terminal.out(
      `${JSON.stringify({ file, fields, dimensions: [...mapping.dimensions.keys()], autoRule: rule, formats, input: accounting, issues, ...sideFiles }, null, 2)}\n`,
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
    terminal.out(`Values: ${describeValueFormats(formats, chosen)}\n`);
    const verdict =
      accounting.rejected === 0
        ? paint(terminal, 'green', 'all rows good')
        : paint(terminal, 'red', `${whole(accounting.rejected)} bad rows`);
    terminal.out(
      `Rows read ${whole(accounting.rows)} = accepted ${whole(accounting.accepted)} + rejected ${whole(accounting.rejected)}: ${verdict}\n`,
    );
    for (const side of Object.values(sideFiles)) {
      terminal.out(`${side.file}: ${whole(side.rows)} rows, ${whole(side.rejected)} rejected\n`);
    }
  }
  const sideRejected = Object.values(sideFiles).reduce((sum, side) => sum + side.rejected, 0);
  return accounting.rejected + sideRejected === 0 ? EXIT.ok : EXIT.failed;
}
