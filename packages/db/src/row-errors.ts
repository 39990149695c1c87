import { UpsellError } from '@upsell/core';
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import { isUuid } from './is-uuid.ts';
import type { Db } from './open-database.ts';
import { datasetFiles, rowErrors } from './schema.ts';

/** A rejected row (or one bad field of it), as the readers report it (a core `RowIssue` fits). */
export interface RowErrorInput {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column. */
  column: number;
  columnName?: string | null;
  reason: string;
}

/** A stored row error, with the file it belongs to (shaped like a core `RowIssue`). */
export interface StoredRowError {
  fileId: string;
  /** The file's name as the uploader gave it. */
  file: string;
  line: number;
  column: number;
  columnName?: string;
  reason: string;
}

/** Rows per INSERT: enough to make a statement's cost negligible, few enough to bound its memory. */
export const ROW_ERROR_BATCH = 5_000;

/**
 * Inserts the errors of one file in batches of {@link ROW_ERROR_BATCH}, however the input is cut.
 * Meant to run inside the transaction that commits the file.
 */
export async function insertRowErrors(
  db: Db,
  fileId: string,
  errors: AsyncIterable<RowErrorInput[]> | Iterable<RowErrorInput[]>,
): Promise<number> {
  let pending: RowErrorInput[] = [];
  let inserted = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    // Four array parameters instead of five per row: PostgreSQL parses and plans a short
    // statement, which on PGlite is several times faster than a 25,000-parameter VALUES list.
    await db.execute(sql`
      insert into ${rowErrors} (file_id, line, "column", column_name, reason)
      select ${fileId}::uuid, * from unnest(
        ${sql.param(pending.map((e) => e.line))}::int[],
        ${sql.param(pending.map((e) => e.column))}::int[],
        ${sql.param(pending.map((e) => e.columnName ?? null))}::text[],
        ${sql.param(pending.map((e) => e.reason))}::text[]
      )`);
    inserted += pending.length;
    pending = [];
  };
  for await (const batch of errors) {
    for (const error of batch) {
      pending.push(error);
      if (pending.length === ROW_ERROR_BATCH) await flush();
    }
  }
  await flush();
  return inserted;
}

/**
 * One page of a dataset's row errors (or one file's), in file order, then line and column, with
 * how many there are in all.
 *
 * @example
 * const { total, rows } = await listRowErrors(db, { datasetId, offset: 0, limit: 100 });
 */
export async function listRowErrors(
  db: Db,
  options: { datasetId: string; fileId?: string; offset: number; limit: number },
): Promise<{ total: number; rows: StoredRowError[] }> {
  const { datasetId, fileId, offset, limit } = options;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(limit) || limit < 0) {
    throw new UpsellError('INVALID_ARGUMENT', `listRowErrors: offset and limit must be whole numbers >= 0`);
  }
  if (!isUuid(datasetId) || (fileId !== undefined && !isUuid(fileId))) return { total: 0, rows: [] };
  const conditions: SQL[] = [eq(datasetFiles.datasetId, datasetId)];
  if (fileId !== undefined) conditions.push(eq(rowErrors.fileId, fileId));
  const where = and(...conditions);
  const [counted] = await db
    .select({ total: count() })
    .from(rowErrors)
    .innerJoin(datasetFiles, eq(rowErrors.fileId, datasetFiles.id))
    .where(where);
  const rows = await db
    .select({
      fileId: rowErrors.fileId,
      file: datasetFiles.fileName,
      line: rowErrors.line,
      column: rowErrors.column,
      columnName: rowErrors.columnName,
      reason: rowErrors.reason,
    })
    .from(rowErrors)
    .innerJoin(datasetFiles, eq(rowErrors.fileId, datasetFiles.id))
    .where(where)
    .orderBy(asc(datasetFiles.sequence), asc(rowErrors.line), asc(rowErrors.column), asc(rowErrors.id))
    .offset(offset)
    .limit(limit);
  return {
    total: counted?.total ?? 0,
    rows: rows.map(({ columnName, ...row }) => (columnName === null ? row : { ...row, columnName })),
  };
}
