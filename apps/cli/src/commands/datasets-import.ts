import { basename } from 'node:path';
import { isUpsellClientError } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { inputFileSize } from '@upsell/compute';
import { parseColumnMap, UpsellError } from '@upsell/core';
import { formatOfFileName } from '@upsell/ingest';
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
  kind: 'purchases' | 'customers';
  format: 'table' | 'json';
}

/** The dataset, made empty when there is none of that name yet. */
async function ensureDataset({ client }: Connection, name: string): Promise<void> {
  try {
    await client.dataset.byId.query({ id: name });
  } catch (error) {
    if (!isUpsellClientError(error) || error.data?.code !== 'NOT_FOUND') throw error;
    await client.dataset.create.mutate({ name });
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
  if (options.kind === 'customers' && options.map.length > 0) {
    throw new UpsellError('INVALID_ARGUMENT', '--map applies to purchase files, not to --kind customers');
  }
  const map = parseColumnMap(options.map);
  const formats = valueFormatsOf(options);
  const bytes = await inputFileSize(file);
  const connection = connect(options);
  if (mode === 'import') await ensureDataset(connection, dataset);
  // The server knows the file by its name, not by a path on this machine.
  const fileName = basename(file);
  const upload = await withUploadLine(terminal, fileName, bytes, () => uploadFile(connection.client, file));
  const input = {
    dataset,
    uploadId: upload.uploadId,
    fileName,
    format: options.formatIn ?? formatOfFileName(file),
    kind: options.kind,
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
