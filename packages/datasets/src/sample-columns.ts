import { type ColumnMapping, mapColumns, normaliseColumnName, type PurchaseField } from '@upsell/core';
import { readCsv, readNdjson } from '@upsell/csv';
import type { DatasetDimension } from './dataset-store.ts';

/** Rows read to find a file's dimensions and their values. */
export const DIMENSION_SAMPLE_ROWS = 100_000;
/** Values kept per dimension. */
export const DIMENSION_VALUE_LIMIT = 1000;

/** A file's header and its dimensions, from its first rows. */
export interface SampledColumns {
  columns: string[];
  dimensions: DatasetDimension[];
}

/**
 * Reads the header and the first {@link DIMENSION_SAMPLE_ROWS} rows of a file: the columns that
 * are not purchase fields (or, in a customers file, every attribute) are dimensions, with the
 * distinct values seen there. Segmenting works on any column and all rows; this is what the
 * dataset's summary offers.
 */
export async function sampleColumns(
  stream: ReadableStream<Uint8Array>,
  options: {
    format: 'csv' | 'ndjson';
    kind: 'purchases' | 'customers';
    map?: Partial<Record<PurchaseField, string>>;
  },
): Promise<SampledColumns> {
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
  if (options.kind === 'purchases') {
    let mapping: ColumnMapping | undefined;
    try {
      mapping = mapColumns(columns, options.map);
    } catch {
      // The import's own pass reports a header it cannot map, with the reason.
      mapping = undefined;
    }
    candidates = mapping ? [...mapping.dimensions] : [];
  } else {
    candidates = columns.flatMap((name, index) =>
      normaliseColumnName(name) === 'customer_id' ? [] : [[name, index] as [string, number]],
    );
  }
  const dimensions = candidates.map(([name, index]) => {
    const values = new Set<string>();
    let more = false;
    for (const row of rows) {
      const value = (row[index] ?? '').trim();
      if (values.has(value)) continue;
      if (values.size < DIMENSION_VALUE_LIMIT) values.add(value);
      else more = true;
    }
    return {
      name,
      from: options.kind === 'purchases' ? ('purchase' as const) : ('customer' as const),
      values: [...values].sort(),
      more,
    };
  });
  return { columns, dimensions };
}
