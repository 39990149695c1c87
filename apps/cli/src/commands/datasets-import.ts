import { basename } from 'node:path';
import { isUpsellClientError } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { inputFileSize } from '@upsell/compute';
import { parseColumnMap, parseSubscriptionColumnMap, UpsellError } from '@upsell/core';
import { formatOfFileName } from '@upsell/ingest';
import { kindOfCommandFiles } from '../compute/dataset-kind-of-files.ts';
import { EXIT } from '../exit-code.ts';
import { type Connection, connect, type ServerOptions } from '../remote/connect.ts';
import { withImportProgress, withUploadLine } from '../remote/import-progress.ts';
import { describeOutcome, type ImportOutcome } from '../reporters/dataset-reporters.ts';
import type { Terminal } from '../terminal.ts';
import { type ValueFormatOptions, valueFormatsOf } from '../value-format-flags.ts';

/** Options of `upsell datasets import` and `upsell datasets append`. */
export interface DatasetsImportOptions extends ServerOptions, Partial<ValueFormatOptions> {
  /** The dataset to import into (`import` only): made when it does not exist. */
  name?: string;
  map: string[];
  /** How to read the file; default from its name (.ndjson/.jsonl, .xlsx, else CSV). */
  formatIn?: 'csv' | 'ndjson' | 'xlsx';
  /** A workbook's sheet, by name or number; default its first. */
  sheet?: string;
  /**
   * What the file is; default told by its header (a subscription_id column: subscription
   * history, else purchases), here for `--map` and by the server for the import.
   */
  kind?: 'purchases' | 'customers' | 'subscriptions' | 'fx';
  /** The reporting currency of a subscription dataset made by this import. */
  currency?: string;
  format: 'table' | 'json';
}

/** `--map` read with the fields of the file's kind: purchase or subscription fields. */
async function mapOf(file: string, options: DatasetsImportOptions) {
  if (options.map.length === 0) return {};
  if (options.kind === 'customers' || options.kind === 'fx') {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--map applies to purchase and subscription files, not to --kind ${options.kind}`,
    );
  }
  const kind = options.kind ?? (await kindOfCommandFiles([file], options));
  return kind === 'subscriptions' ? parseSubscriptionColumnMap(options.map) : parseColumnMap(options.map);
}

/** The dataset, made empty (with the reporting currency asked for) when there is none of that name yet. */
async function ensureDataset(
  { client }: Connection,
  name: string,
  currency: string | undefined,
): Promise<void> {
  try {
    await client.dataset.byId.query({ id: name });
  } catch (error) {
    if (!isUpsellClientError(error) || error.data?.code !== 'NOT_FOUND') throw error;
    await client.dataset.create.mutate({ name, ...(currency === undefined ? {} : { currency }) });
  }
}

/** Uploads a file, then imports or appends it into a dataset, with progress on a terminal. */
async function sendFile(
  dataset: string,
  file: string,
  options: DatasetsImportOptions,
  mode: 'import' | 'append',
  terminal: Terminal,
): Promise<number> {
  // Everything that can be checked here is, before anything is sent.
  const bytes = await inputFileSize(file);
  const map = await mapOf(file, options);
  const formats = valueFormatsOf(options);
  const currency = options.currency?.trim().toUpperCase();
  if (currency !== undefined && mode === 'append') {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      '--currency is chosen when a dataset is made (datasets import): a dataset keeps its reporting currency',
    );
  }
  const connection = connect(options);
  if (mode === 'import') await ensureDataset(connection, dataset, currency);
  // The server knows the file by its name, not by a path on this machine.
  const fileName = basename(file);
  const upload = await withUploadLine(terminal, fileName, bytes, () => uploadFile(connection.client, file));
  const input = {
    dataset,
    uploadId: upload.uploadId,
    fileName,
    format: options.formatIn ?? formatOfFileName(file),
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.map.length === 0 ? {} : { map }),
    // `auto` is the server's default: it detects the formats from the file's first rows.
    ...(formats.date === undefined ? {} : { dateFormat: formats.date }),
    ...(formats.number === undefined ? {} : { numberFormat: formats.number }),
  };
  const outcome: ImportOutcome = await withImportProgress(
    connection,
    terminal,
    { uploadId: upload.uploadId, fileName, dataset },
    () =>
      mode === 'import'
        ? connection.client.dataset.import.mutate(input)
        : connection.client.dataset.append.mutate(input),
  );
  if (options.format === 'json') terminal.out(`${JSON.stringify(outcome, null, 2)}\n`);
  else terminal.out(describeOutcome(outcome, mode === 'import' ? 'Imported' : 'Appended'));
  return EXIT.ok;
}

/** `upsell datasets import <file> --name <name>`: a file into a dataset, made if it does not exist. */
export function datasetsImportCommand(
  file: string,
  options: DatasetsImportOptions & { name: string },
  terminal: Terminal,
): Promise<number> {
  return sendFile(options.name, file, options, 'import', terminal);
}

/** `upsell datasets append <dataset> <file>`: a later file added to a dataset with data. */
export function datasetsAppendCommand(
  dataset: string,
  file: string,
  options: DatasetsImportOptions,
  terminal: Terminal,
): Promise<number> {
  return sendFile(dataset, file, options, 'append', terminal);
}
