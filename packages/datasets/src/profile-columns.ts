import {
  type ColumnMapping,
  type FileValueFormats,
  FORMAT_SAMPLE_SIZE,
  fileValueFormats,
  listNames,
  mapColumns,
  mapSubscriptionColumns,
  normaliseColumnName,
  type PurchaseField,
  type SubscriptionField,
  shortenText,
  type ValueFormats,
} from '@upsell/core';
import { createCsvTokenizer, fieldText, readNdjson, rowFields } from '@upsell/csv';
import type { DatasetDimension } from './dataset-store.ts';

/** Rows read to find a file's dimensions and their values. */
export const DIMENSION_SAMPLE_ROWS = 100_000;

/**
 * What a file's profile keeps, so that every listing of datasets stays small whatever a file
 * holds: values per dimension, the longest value listed, dimensions per file, and header columns
 * (each name shortened to {@link COLUMN_NAME_MAX}). Segmenting still reads every value of every
 * column; only the lists offered are bounded.
 */
export const PROFILE_LIMITS = {
  valuesPerDimension: 200,
  valueLength: 100,
  dimensions: 50,
  columns: 500,
} as const;

/** Column names longer than this are kept shortened in a file's profile. */
export const COLUMN_NAME_MAX = 200;

/** A file's header and its dimensions, from its first rows, and what was left out of them. */
export interface ColumnProfile {
  columns: string[];
  dimensions: DatasetDimension[];
  /** What the bounds of {@link PROFILE_LIMITS} left out, for the import report. */
  notes: string[];
}

/** What {@link profileColumns} read: the bounded profile, and the file's whole header. */
export interface ProfiledFile extends ColumnProfile {
  header: readonly string[];
  /**
   * A purchase file's formats of dates and numbers, as chosen or told by its first rows (the
   * core's `fileValueFormats`); undefined when its header does not map (the import's pass says why).
   */
  formats?: FileValueFormats;
}

/**
 * The distinct values of a dimension, as many as {@link PROFILE_LIMITS} allow, taken one at a
 * time: values longer than `valueLength` are not listed, and `more` says that some were not.
 */
class DimensionValues {
  private readonly kept = new Set<string>();
  private more = false;
  private longValues = false;

  add(value: string): void {
    if (this.kept.has(value)) return;
    if (value.length > PROFILE_LIMITS.valueLength) {
      this.more = true;
      this.longValues = true;
    } else if (this.kept.size < PROFILE_LIMITS.valuesPerDimension) this.kept.add(value);
    else this.more = true;
  }

  dimension(name: string, from: DatasetDimension['from']): DatasetDimension & { longValues: boolean } {
    return {
      name: shortenText(name, COLUMN_NAME_MAX),
      from,
      values: [...this.kept].sort(),
      more: this.more,
      longValues: this.longValues,
    };
  }
}

/**
 * A dimension with its distinct values, as many as {@link PROFILE_LIMITS} allow: values longer
 * than `valueLength` are not listed, and `more` says that some were not.
 */
export function dimensionOf(
  name: string,
  from: DatasetDimension['from'],
  values: Iterable<string>,
): DatasetDimension & { longValues: boolean } {
  const collected = new DimensionValues();
  for (const value of values) collected.add(value);
  return collected.dimension(name, from);
}

/**
 * Bounds a file's header and dimensions as {@link PROFILE_LIMITS} says, with a note for each
 * thing left out. `dimensionColumns` counts the file's dimension columns, listed or not.
 */
export function boundProfile(
  columns: readonly string[],
  dimensions: readonly (DatasetDimension & { longValues: boolean })[],
  dimensionColumns: number = dimensions.length,
): ColumnProfile {
  const notes: string[] = [];
  const long = dimensions.filter((d) => d.longValues).map((d) => d.name);
  if (long.length > 0) {
    notes.push(
      `values longer than ${PROFILE_LIMITS.valueLength} characters are not listed among the values of ${listNames(long)} (segments by them still count them)`,
    );
  }
  if (dimensionColumns > PROFILE_LIMITS.dimensions) {
    notes.push(
      `${dimensionColumns.toLocaleString('en-US')} dimension columns: the first ${PROFILE_LIMITS.dimensions} are listed (any column can still be segmented by)`,
    );
  }
  if (columns.length > PROFILE_LIMITS.columns) {
    notes.push(
      `${columns.length.toLocaleString('en-US')} columns: the first ${PROFILE_LIMITS.columns} are listed`,
    );
  }
  return {
    columns: columns.slice(0, PROFILE_LIMITS.columns).map((name) => shortenText(name, COLUMN_NAME_MAX)),
    dimensions: dimensions
      .slice(0, PROFILE_LIMITS.dimensions)
      .map(({ longValues: _, ...dimension }) => dimension),
    notes,
  };
}

/**
 * Reads the header and the first {@link DIMENSION_SAMPLE_ROWS} rows of a file (or `rows`): the
 * columns that are not purchase (or subscription) fields, or in a customers file every attribute,
 * are dimensions, with the distinct values seen there. Segmenting works on any column and all
 * rows; this is what the dataset's summary offers. A purchase file's formats need only its first
 * {@link FORMAT_SAMPLE_SIZE} rows: with `rows` that many, they come without reading the rest.
 */
export async function profileColumns(
  stream: ReadableStream<Uint8Array>,
  options: {
    format: 'csv' | 'ndjson';
    kind: 'purchases' | 'customers' | 'subscriptions';
    map?: Partial<Record<PurchaseField | SubscriptionField, string>>;
    /** Formats chosen for a purchase file; throws `AMBIGUOUS_FORMAT` when one left to detect reads two ways. */
    formats?: ValueFormats;
    /** The file's name, for that error. */
    fileName?: string;
    /** Rows read after the header; default {@link DIMENSION_SAMPLE_ROWS}. */
    rows?: number;
  },
): Promise<ProfiledFile> {
  const read =
    options.format === 'csv' ? await csvSample(stream, options) : await ndjsonSample(stream, options);
  const { columns, candidates, values } = read;
  let formats: FileValueFormats | undefined;
  if (read.mapping) {
    formats = fileValueFormats({
      mapping: read.mapping,
      sample: read.sample,
      ...(options.formats === undefined ? {} : { chosen: options.formats }),
      ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    });
  }
  // A subscription file's columns are offered as the purchase columns are: the main file's.
  const from = options.kind === 'customers' ? ('customer' as const) : ('purchase' as const);
  const dimensions = candidates.map(([name], k) => values[k]!.dimension(name, from));
  return {
    ...boundProfile(columns, dimensions, read.dimensionColumns),
    header: columns,
    ...(formats === undefined ? {} : { formats }),
  };
}

type ProfileOptions = Parameters<typeof profileColumns>[1];

/** What a file's first rows say: its header, mapping, format sample and dimension values. */
interface ColumnSample {
  columns: string[];
  mapping: ColumnMapping | undefined;
  /** A purchase file's first {@link FORMAT_SAMPLE_SIZE} rows, whole. */
  sample: string[][];
  /** The dimensions listed (at most {@link PROFILE_LIMITS}.dimensions), by name and column. */
  candidates: [string, number][];
  /** The file's dimension columns, listed or not. */
  dimensionColumns: number;
  /** The distinct values of each listed dimension, in the order of `candidates`. */
  values: DimensionValues[];
}

/**
 * The dimension columns of a header: a purchase (or subscription) file's columns that are not its
 * fields, a customers file's every attribute; and a purchase file's mapping.
 */
function dimensionsOfHeader(columns: string[], options: ProfileOptions): ColumnSample {
  let mapping: ColumnMapping | undefined;
  let all: [string, number][] = [];
  if (options.kind === 'purchases') {
    try {
      mapping = mapColumns(columns, options.map);
    } catch {
      // The import's own pass reports a header it cannot map, with the reason.
      mapping = undefined;
    }
    all = mapping ? [...mapping.dimensions] : [];
  } else if (options.kind === 'subscriptions') {
    try {
      all = [...mapSubscriptionColumns(columns, options.map).dimensions];
    } catch {
      // The import's own pass reports a header it cannot map, with the reason.
      all = [];
    }
  } else {
    all = columns.flatMap((name, index) =>
      normaliseColumnName(name) === 'customer_id' ? [] : [[name, index] as [string, number]],
    );
  }
  const candidates = all.slice(0, PROFILE_LIMITS.dimensions);
  return {
    columns,
    mapping,
    sample: [],
    candidates,
    dimensionColumns: all.length,
    values: candidates.map(() => new DimensionValues()),
  };
}

/**
 * A CSV file's header and first {@link DIMENSION_SAMPLE_ROWS} rows. Only the format sample's rows
 * are decoded whole; after those, only the listed dimensions' fields (decoding every field of
 * every row was most of this read: a 10k-row append's 10-30 ms, before its rows are computed).
 */
async function csvSample(stream: ReadableStream<Uint8Array>, options: ProfileOptions): Promise<ColumnSample> {
  const limit = options.rows ?? DIMENSION_SAMPLE_ROWS;
  let read: ColumnSample | undefined;
  let rows = 0;
  const tokenizer = createCsvTokenizer({
    onRow: (row) => {
      if (read === undefined) {
        read = dimensionsOfHeader(
          rowFields(row).map((f) => f.trim()),
          options,
        );
        return;
      }
      if (rows >= limit) return;
      rows++;
      if (read.mapping !== undefined && read.sample.length < FORMAT_SAMPLE_SIZE)
        read.sample.push(rowFields(row));
      const { candidates, values } = read;
      for (let k = 0; k < candidates.length; k++) {
        const column = candidates[k]![1];
        values[k]!.add(column < row.count ? fieldText(row, column).trim() : '');
      }
    },
  });
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        finished = true;
        tokenizer.end();
        break;
      }
      tokenizer.push(chunk.value);
      if (rows >= limit) break;
    }
  } finally {
    // Stopped early, or by an error: the file is closed now, not when its stream is collected.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return read ?? dimensionsOfHeader([], options);
}

/** An NDJSON file's first {@link DIMENSION_SAMPLE_ROWS} objects, as rows of its keys seen so far. */
async function ndjsonSample(
  stream: ReadableStream<Uint8Array>,
  options: ProfileOptions,
): Promise<ColumnSample> {
  const limit = options.rows ?? DIMENSION_SAMPLE_ROWS;
  const rows: string[][] = [];
  const names = new Map<string, number>();
  for await (const batch of readNdjson(stream)) {
    for (const record of batch) {
      const fields: string[] = [];
      for (const [key, value] of Object.entries(record.value)) {
        if (!names.has(key)) names.set(key, names.size);
        fields[names.get(key)!] = value === null || value === undefined ? '' : String(value);
      }
      rows.push(fields);
    }
    if (rows.length >= limit) break;
  }
  const read = dimensionsOfHeader([...names.keys()], options);
  if (read.mapping !== undefined) read.sample = rows.slice(0, FORMAT_SAMPLE_SIZE);
  read.candidates.forEach(([, index], k) => {
    for (const row of rows) read.values[k]!.add((row[index] ?? '').trim());
  });
  return read;
}
