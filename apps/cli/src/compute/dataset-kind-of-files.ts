import { fileStream, type InputFile, inputFileSize } from '@upsell/compute';
import { detectDatasetKind, listNames, UpsellError } from '@upsell/core';
import { createCsvTokenizer, rowFields } from '@upsell/csv';
import { checkFileType, xlsxCsvStream } from '@upsell/ingest';
import { inputFilesOf, type SheetOptions } from '../sheet-flag.ts';

/** What a file holds: purchase lines or subscription history. */
export type DatasetKind = 'purchases' | 'subscriptions';

/** The header row of a CSV file or of a workbook's sheet, reading no further than it. */
export async function readFileHeader(file: InputFile): Promise<string[]> {
  const fileName = file.name ?? file.path;
  const bytes =
    file.format === 'xlsx'
      ? xlsxCsvStream(fileStream(file.path), { fileName, sheet: file.sheet })
      : fileStream(file.path);
  const reader = bytes.getReader();
  let header: string[] | undefined;
  const tokenizer = createCsvTokenizer({
    onRow: (row) => {
      header ??= rowFields(row);
    },
  });
  let first = true;
  try {
    while (header === undefined) {
      const { done, value } = await reader.read();
      if (done) {
        tokenizer.end();
        break;
      }
      if (first && file.format !== 'xlsx') checkFileType(value, fileName, file.format);
      first = false;
      tokenizer.push(value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return header ?? [];
}

/**
 * The kind of each file, from its header (`detectDatasetKind`: a subscription_id column makes
 * subscription history), with the columns `--map` names read as their fields; the same kind for
 * all of them, or a usage error naming the files of each kind.
 *
 * @example
 * await datasetKindOfFiles([{ path: 'subs.csv', format: 'csv' }], {}) // 'subscriptions'
 */
export async function datasetKindOfFiles(
  files: readonly InputFile[],
  map: Readonly<Record<string, string | undefined>>,
): Promise<DatasetKind> {
  const kinds = new Map<string, DatasetKind>();
  for (const file of files) {
    // A missing file or a folder is named as every command names it, before anything is read.
    await inputFileSize(file.path);
    if (file.format === 'ndjson') {
      kinds.set(file.path, 'purchases');
      continue;
    }
    const header = await readFileHeader(file);
    const named = new Map(Object.entries(map).map(([field, column]) => [column?.trim(), field]));
    kinds.set(
      file.path,
      detectDatasetKind(header.map((name) => named.get(name.trim()) ?? name)) ?? 'purchases',
    );
  }
  const subscriptions = [...kinds].filter(([, kind]) => kind === 'subscriptions').map(([path]) => path);
  const purchases = [...kinds].filter(([, kind]) => kind === 'purchases').map(([path]) => path);
  if (subscriptions.length > 0 && purchases.length > 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `give files of one kind: ${listNames(subscriptions)} ${subscriptions.length === 1 ? 'is' : 'are'} subscription history (a subscription_id column), ${listNames(purchases)} ${purchases.length === 1 ? 'is' : 'are'} purchase lines`,
    );
  }
  return subscriptions.length > 0 ? 'subscriptions' : 'purchases';
}

/** `--map` entries as field -> column, unchecked: only to see which columns they name. */
function mappedColumns(entries: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    entries
      .filter((entry) => entry.indexOf('=') > 0)
      .map((entry) => {
        const at = entry.indexOf('=');
        return [entry.slice(0, at).trim().toLowerCase(), entry.slice(at + 1).trim()];
      }),
  );
}

/** What each kind of file is, in words, and what tells it. */
const KIND_WORDS: Record<DatasetKind, string> = {
  subscriptions: 'subscription history (it has a subscription_id column)',
  purchases: 'purchase lines (it has no subscription_id column)',
};

/**
 * Checks that a command's files are the kind `needed`: else the usage error of {@link kindMismatch}.
 *
 * @example
 * await requireKind(['shop.csv'], { map: [] }, 'subscriptions', 'upsell mrr') // throws: shop.csv is purchase lines ...
 */
export async function requireKind(
  paths: readonly string[],
  options: SheetOptions & { map: readonly string[] },
  needed: DatasetKind,
  what: string,
): Promise<void> {
  const kind = await kindOfCommandFiles(paths, options);
  if (kind !== needed) throw kindMismatch(paths, kind, what);
}

/** The kind of a command's files, with `--sheet` and `--map` as the command reads them. */
export function kindOfCommandFiles(
  paths: readonly string[],
  options: SheetOptions & { map: readonly string[] },
): Promise<DatasetKind> {
  return datasetKindOfFiles(inputFilesOf(paths, options), mappedColumns(options.map));
}

/**
 * The usage error of files of one kind given to a command that reads the other: which kind
 * they are, what tells it, and what reads them.
 */
export function kindMismatch(paths: readonly string[], kind: DatasetKind, what: string): UpsellError {
  const needed: DatasetKind = kind === 'purchases' ? 'subscriptions' : 'purchases';
  const files = listNames([...paths]);
  const remedy =
    needed === 'subscriptions'
      ? 'purchase lines are read by upsell rate, report and customers with the purchase metrics (a subscription_id column under another name: --map subscription_id=<column>)'
      : 'use --metric subscription-upsell-rate, or upsell mrr for the MRR bridge';
  return new UpsellError(
    'INVALID_ARGUMENT',
    `${what} needs ${needed === 'subscriptions' ? 'subscription history' : 'purchase lines'}, but ${files} ${paths.length === 1 ? 'is' : 'are'} ${KIND_WORDS[kind]}: ${remedy}`,
  );
}
