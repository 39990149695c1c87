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
import { readCsv, readNdjson } from '@upsell/csv';
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
 * A dimension with its distinct values, as many as {@link PROFILE_LIMITS} allow: values longer
 * than `valueLength` are not listed, and `more` says that some were not.
 */
export function dimensionOf(
  name: string,
  from: DatasetDimension['from'],
  values: Iterable<string>,
): DatasetDimension & { longValues: boolean } {
  const kept = new Set<string>();
  let more = false;
  let longValues = false;
  for (const value of values) {
    if (kept.has(value)) continue;
    if (value.length > PROFILE_LIMITS.valueLength) {
      more = true;
      longValues = true;
    } else if (kept.size < PROFILE_LIMITS.valuesPerDimension) kept.add(value);
    else more = true;
  }
  return { name: shortenText(name, COLUMN_NAME_MAX), from, values: [...kept].sort(), more, longValues };
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
 * Reads the header and the first {@link DIMENSION_SAMPLE_ROWS} rows of a file: the columns that
 * are not purchase (or subscription) fields, or in a customers file every attribute, are dimensions, with the
 * distinct values seen there. Segmenting works on any column and all rows; this is what the
 * dataset's summary offers.
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
  },
): Promise<ProfiledFile> {
  const rows: string[][] = [];
  let header: string[] | undefined;
  if (options.format === 'csv') {
    for await (const batch of readCsv(stream)) {
      for (const record of batch) {
        if (header === undefined) header = record.fields.map((f) => f.trim());
        else if (rows.length < DIMENSION_SAMPLE_ROWS) rows.push(record.fields);
      }
      if (rows.length >= DIMENSION_SAMPLE_ROWS) break;
    }
  } else {
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
      if (rows.length >= DIMENSION_SAMPLE_ROWS) break;
    }
    header = [...names.keys()];
  }
  const columns = header ?? [];
  let candidates: [string, number][];
  let formats: FileValueFormats | undefined;
  if (options.kind === 'purchases') {
    let mapping: ColumnMapping | undefined;
    try {
      mapping = mapColumns(columns, options.map);
    } catch {
      // The import's own pass reports a header it cannot map, with the reason.
      mapping = undefined;
    }
    candidates = mapping ? [...mapping.dimensions] : [];
    if (mapping) {
      formats = fileValueFormats({
        mapping,
        sample: rows.slice(0, FORMAT_SAMPLE_SIZE),
        ...(options.formats === undefined ? {} : { chosen: options.formats }),
        ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
      });
    }
  } else if (options.kind === 'subscriptions') {
    try {
      candidates = [...mapSubscriptionColumns(columns, options.map).dimensions];
    } catch {
      // The import's own pass reports a header it cannot map, with the reason.
      candidates = [];
    }
  } else {
    candidates = columns.flatMap((name, index) =>
      normaliseColumnName(name) === 'customer_id' ? [] : [[name, index] as [string, number]],
    );
  }
  // A subscription file's columns are offered as the purchase columns are: the main file's.
  const from = options.kind === 'customers' ? ('customer' as const) : ('purchase' as const);
  const dimensions = candidates
    .slice(0, PROFILE_LIMITS.dimensions)
    .map(([name, index]) => dimensionOf(name, from, valuesOf(rows, index)));
  return {
    ...boundProfile(columns, dimensions, candidates.length),
    header: columns,
    ...(formats === undefined ? {} : { formats }),
  };
}

function* valuesOf(rows: readonly string[][], index: number): Iterable<string> {
  for (const row of rows) yield (row[index] ?? '').trim();
}
