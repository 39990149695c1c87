import {
  FORMAT_SAMPLE_SIZE,
  type MetricRun,
  type PurchaseFileSink,
  type RowIssue,
  UpsellError,
  type ValueFormats,
} from '@upsell/core';
import { type CsvIssue, fieldText, type RowView, readNdjson } from '@upsell/csv';
import { type ByteInterner, createByteInterner, fnv1aBytes, shardOfHash } from './byte-interner.ts';
import { HELD_ID, HeldPurchases } from './held-purchases.ts';
import { createRowPurchaseReader, type RowPurchaseReader } from './read-purchase-row.ts';
import type { RowRoutes } from './row-routes.ts';

// One interner per run, shared by all its files, so that a customer's key is the same in each.
const interners = new WeakMap<MetricRun, ByteInterner>();
const internerOf = (run: MetricRun): ByteInterner => {
  let interner = interners.get(run);
  if (interner === undefined) {
    interner = createByteInterner();
    interners.set(run, interner);
  }
  return interner;
};

import type { InputFormat } from './input-format.ts';
import { csvSourceOf } from './read-xlsx-source.ts';
import { checkedFileType } from './sniff-file-type.ts';
import { rowFields, streamRows } from './stream-rows.ts';
import { locateTrimmed, type TrimmedField } from './trimmed-field.ts';

/** Options of {@link readPurchases}. */
export interface ReadPurchasesOptions {
  /** The name shown in issues. */
  fileName: string;
  format: InputFormat;
  /** A workbook's sheet to read, by name or 1-based number; default its first. */
  sheet?: string | number | undefined;
  /** Called now and then with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
  /** How this file writes dates and numbers, where chosen; the rest is detected from its first rows. */
  formats?: ValueFormats | undefined;
  /**
   * The file's route log, when a sharded run reads it in several passes (CSV only; see
   * {@link RowRoutes}): the first pass records each row's shard, later ones tokenize only the
   * rows of `shard`, this run's.
   */
  routes?: { log: RowRoutes; shard: number } | undefined;
}

/**
 * Streams one purchase file (CSV, NDJSON or a workbook's sheet, read as CSV) into a metric run: the first CSV row is the header;
 * only the columns the run reads are decoded. A row the CSV reader finds malformed is rejected
 * with its issue; every other row goes to the run, which accepts or reports it.
 *
 * @example
 * await readPurchases(run, Readable.toWeb(createReadStream(path)), { fileName: path, format: 'csv' });
 */
export async function readPurchases(
  run: MetricRun,
  stream: ReadableStream<Uint8Array>,
  options: ReadPurchasesOptions,
): Promise<void> {
  if (options.format === 'ndjson') return readNdjsonPurchases(run, stream, options);
  const { fileName } = options;
  const source = csvSourceOf(stream, { ...options, format: options.format });
  let sink: PurchaseFileSink | undefined;
  const interner = internerOf(run);
  // The row's customer id, or undefined when another shard takes it. ASCII ids are sharded from
  // their bytes and interned when the purchase goes to the run (HELD_ID, with the id's place in
  // `field` and its hash in `idHash`), or now by internNow; anything else goes through the string.
  let customerKey: number | undefined;
  let idHash = 0;
  // The shard of the row just taken, when its id was hashed from its bytes; -1 for none.
  let routed = -1;
  const field: TrimmedField = { start: 0, end: 0, ascii: true };
  const customerOf = (row: RowView, file: PurchaseFileSink): string | undefined => {
    customerKey = undefined;
    const column = file.customerColumn;
    const { start, end, ascii } = locateTrimmed(row, column, field);
    if (!ascii || start === end) {
      const text = fieldText(row, column);
      const id = text.trim();
      return file.accepts(id) ? id : undefined;
    }
    const hash = fnv1aBytes(row.buf, start, end);
    if (file.shard !== undefined) {
      routed = shardOfHash(hash, file.shard.count);
      if (routed !== file.shard.index) return undefined;
    }
    idHash = hash | 0; // signed: kept and passed on as a small integer, not a heap number
    return HELD_ID;
  };
  const internNow = (row: RowView): string => {
    customerKey = interner.intern(row.buf, field.start, field.end, idHash);
    return interner.text(customerKey);
  };
  let fields: string[] = [];
  let used: readonly number[] = [];
  let width = 0;
  let fast: RowPurchaseReader | undefined;

  // Purchases built from bytes wait here in small batches (see HeldPurchases).
  const held = new HeldPurchases(interner);
  const take = (row: RowView, issues: readonly CsvIssue[]) => {
    const file = sink!;
    routed = -1;
    if (issues.length > 0) {
      held.flush(file);
      file.reject(issues.map((issue) => ({ file: fileName, ...issue })));
      return;
    }
    if (row.count !== width) {
      held.flush(file);
      file.push(rowFields(row), row.line, row.byteOffset);
      return;
    }
    let customer = customerOf(row, file);
    if (customer === undefined) return;
    // Clean rows become purchases from their bytes; the rest take the core's reader, which words the issues.
    const purchase = fast?.(row, customer, customerKey);
    if (purchase !== undefined) {
      if (customer === HELD_ID) held.holdById(purchase, row.buf, field.start, field.end, idHash);
      else held.hold(purchase);
      if (held.full) held.flush(file);
      return;
    }
    held.flush(file);
    if (customer === HELD_ID) customer = internNow(row);
    for (const i of used) fields[i] = i === file.customerColumn ? customer : fieldText(row, i);
    file.push(fields, row.line, row.byteOffset, customerKey);
  };

  // The run sees the header and the first rows, read ahead, as a sample of how the file writes
  // dates and numbers before it reads any row; then every row, those included, takes one path
  // and is routed as it streams.
  let header: string[] | undefined;
  let headerRow = true;
  const routes = options.format === 'csv' ? options.routes : undefined;
  const log = routes?.log;
  await streamRows(
    source.stream,
    (row, issues) => {
      if (headerRow) {
        headerRow = false;
        return;
      }
      take(row, issues);
      if (log !== undefined && routed >= 0) log.route(routed);
    },
    source.onProgress,
    {
      ...source.options,
      ...(routes === undefined
        ? {}
        : {
            routes: {
              ...routes,
              fileName,
              // The rows' shard from their bytes, as customerOf finds it.
              byBytes: () =>
                sink?.shard === undefined
                  ? undefined
                  : { customerColumn: sink.customerColumn, shards: sink.shard.count },
            },
          }),
      sample: {
        rows: FORMAT_SAMPLE_SIZE,
        take: (names, rows) => {
          header = names;
          if (names === undefined) return;
          sink = run.addFile(names, fileName, rows, options.formats);
          used = sink.columns;
          fast = createRowPurchaseReader(sink);
          width = names.length;
          fields = new Array<string>(width).fill('');
        },
      },
    },
  );
  if (sink !== undefined) held.flush(sink);
  if (header === undefined) throw emptyFile(fileName);
}

async function readNdjsonPurchases(
  run: MetricRun,
  stream: ReadableStream<Uint8Array>,
  options: ReadPurchasesOptions,
): Promise<void> {
  const { fileName } = options;
  let sink: PurchaseFileSink | undefined;
  let header: string[] | undefined;
  // Bad lines wait for the sink, which needs a header; the first records wait as the sample.
  const issues: RowIssue[] = [];
  const sampled: { fields: string[]; line: number; byteOffset: number }[] = [];
  const flush = () => {
    for (const issue of issues.splice(0)) sink!.reject([issue]);
  };
  const start = (names: string[]) => {
    sink = run.addFile(
      names,
      fileName,
      sampled.map((s) => s.fields),
      options.formats,
    );
    flush();
    for (const s of sampled.splice(0)) sink.push(s.fields, s.line, s.byteOffset);
  };
  for await (const batch of readNdjson(checkedFileType(stream, fileName, 'ndjson'), {
    onIssue: (issue) => issues.push({ file: fileName, ...issue }),
  })) {
    for (const record of batch) {
      header ??= Object.keys(record.value);
      const fields = header.map((key) => textOf(record.value[key]));
      if (sink === undefined) {
        sampled.push({ fields, line: record.line, byteOffset: record.byteOffset });
        if (sampled.length === FORMAT_SAMPLE_SIZE) start(header);
        continue;
      }
      flush();
      sink.push(fields, record.line, record.byteOffset);
    }
    if (sink) flush();
  }
  if (header === undefined) throw emptyFile(fileName);
  if (sink === undefined) start(header);
  flush();
}

const emptyFile = (fileName: string) =>
  new UpsellError('MISSING_COLUMN', `${fileName}: the file has no header row (it is empty)`);

const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};
