import { type MetricRun, type PurchaseFileSink, type RowIssue, UpsellError } from '@upsell/core';
import { fieldText, type RowView, readNdjson } from '@upsell/csv';
import { type ByteInterner, createByteInterner, fnv1aBytes } from './byte-interner.ts';
import { createRowPurchaseReader, type RowPurchaseReader } from './read-purchase-row.ts';

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
import { rowFields, streamRows } from './stream-rows.ts';
import { locateTrimmed, type TrimmedField } from './trimmed-field.ts';

/** Options of {@link readPurchases}. */
export interface ReadPurchasesOptions {
  /** The name shown in issues. */
  fileName: string;
  format: InputFormat;
  /** Called now and then with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
}

/**
 * Streams one purchase file (CSV or NDJSON) into a metric run: the first CSV row is the header;
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
  const { fileName, onProgress } = options;
  let sink: PurchaseFileSink | undefined;
  const interner = internerOf(run);
  // Sets the row's customer id and key, or returns false when another shard takes it. ASCII ids
  // are sharded and interned from their bytes; anything else goes through the string.
  let customerKey: number | undefined;
  const field: TrimmedField = { start: 0, end: 0, ascii: true };
  const customerOf = (row: RowView, file: PurchaseFileSink): string | undefined => {
    customerKey = undefined;
    const column = file.customerColumn;
    const { start, end, ascii } = locateTrimmed(row, column, field);
    const buf = row.buf;
    if (!ascii || start === end) {
      const text = fieldText(row, column);
      const id = text.trim();
      return file.accepts(id) ? id : undefined;
    }
    const hash = fnv1aBytes(buf, start, end);
    if (file.shard !== undefined && hash % file.shard.count !== file.shard.index) return undefined;
    customerKey = interner.intern(buf, start, end, hash);
    return interner.text(customerKey);
  };
  let fields: string[] = [];
  let used: readonly number[] = [];
  let width = 0;
  let fast: RowPurchaseReader | undefined;

  await streamRows(
    stream,
    (row, issues) => {
      if (sink === undefined) {
        const header = rowFields(row);
        sink = run.addFile(header, fileName);
        used = sink.columns;
        fast = createRowPurchaseReader(sink);
        width = header.length;
        fields = new Array<string>(width).fill('');
        return;
      }
      if (issues.length > 0) {
        sink.reject(issues.map((issue) => ({ file: fileName, ...issue })));
        return;
      }
      if (row.count !== width) {
        sink.push(rowFields(row), row.line, row.byteOffset);
        return;
      }
      const customer = customerOf(row, sink);
      if (customer === undefined) return;
      // Clean rows become purchases from their bytes; the rest take the core's reader, which words the issues.
      const purchase = fast?.(row, customer, customerKey);
      if (purchase !== undefined) {
        sink.pushPurchase(purchase);
        return;
      }
      for (const i of used) fields[i] = i === sink.customerColumn ? customer : fieldText(row, i);
      sink.push(fields, row.line, row.byteOffset, customerKey);
    },
    onProgress,
  );
  if (sink === undefined) throw emptyFile(fileName);
}

async function readNdjsonPurchases(
  run: MetricRun,
  stream: ReadableStream<Uint8Array>,
  options: ReadPurchasesOptions,
): Promise<void> {
  const { fileName } = options;
  let sink: PurchaseFileSink | undefined;
  let header: string[] = [];
  // Bad lines before the first good one wait for the sink, which needs a header.
  const issues: RowIssue[] = [];
  const flush = () => {
    for (const issue of issues.splice(0)) sink!.reject([issue]);
  };
  for await (const batch of readNdjson(stream, {
    onIssue: (issue) => issues.push({ file: fileName, ...issue }),
  })) {
    for (const record of batch) {
      if (sink === undefined) {
        header = Object.keys(record.value);
        sink = run.addFile(header, fileName);
      }
      flush();
      sink.push(
        header.map((key) => textOf(record.value[key])),
        record.line,
        record.byteOffset,
      );
    }
    if (sink) flush();
  }
  if (sink === undefined) throw emptyFile(fileName);
  flush();
}

const emptyFile = (fileName: string) =>
  new UpsellError('MISSING_COLUMN', `${fileName}: the file has no header row (it is empty)`);

const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};
