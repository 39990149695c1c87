import type { PurchaseField } from '@upsell/core';

/**
 * How a case's purchase table stores `purchased_at` (and its other values): `timestamp` and `date`
 * columns hold wall-clock times in the report's zone, `timestamptz` instants, and `text` holds
 * every column as text (ISO 8601 times with and without offsets, amounts as written), as a
 * staging table loaded from a CSV would.
 */
export type TimeMode = 'timestamp' | 'timestamptz' | 'date' | 'text';

/** The columns a purchase table may have: the purchase fields and one dimension, `channel`. */
export type CaseColumnKey =
  | 'customer_id'
  | 'purchased_at'
  | 'product_id'
  | 'order_id'
  | 'kind'
  | 'tier'
  | 'family'
  | 'amount'
  | 'quantity'
  | 'channel';

/** One column of a case's purchase table: what it holds and its name in the header. */
export interface CaseColumn {
  key: CaseColumnKey;
  name: string;
}

/**
 * One cell: text the database reads into the column's type, or null (SQL NULL). The engine reads
 * the same text, and an empty cell for null, as a CSV would hold it.
 */
export type Cell = string | null;

/** One purchase row: its input position (`pos`, the order of the CSV the engine reads) and cells. */
export interface CaseRow {
  pos: number;
  cells: Partial<Record<CaseColumnKey, Cell>>;
}

/** A customers table: its id column's name, attribute names, and rows of cells. */
export interface CaseCustomers {
  idColumn: string;
  attributes: string[];
  rows: { id: string; values: Cell[] }[];
}

/** A product catalog: product_id, tier and (optionally) family of each product. */
export interface CaseCatalog {
  hasFamily: boolean;
  rows: { product: string; tier: number; family: string }[];
}

/**
 * A purchase table with everything a definition runs on: columns, rows in the order they are
 * inserted (not their `pos` order), a mapping of fields to columns the header alone would not
 * find, and optional customers and catalog tables.
 */
export interface PurchaseCase {
  timeMode: TimeMode;
  /** Amounts and quantities in `double precision` (DOUBLE) columns rather than `numeric`. */
  floatNumbers?: boolean;
  columns: CaseColumn[];
  rows: CaseRow[];
  map: Partial<Record<PurchaseField, string>>;
  customers?: CaseCustomers;
  catalog?: CaseCatalog;
}

/** The name of the column holding the input order, in every loaded table. */
export const POSITION_COLUMN = 'pos';
