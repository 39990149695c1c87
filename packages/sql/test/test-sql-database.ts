import type { SqlColumnType, SqlDialect, SqlStatement, SqlTable } from '../src/index.ts';
import { sqlColumnType } from '../src/index.ts';
import { type CaseColumnKey, type Cell, POSITION_COLUMN, type PurchaseCase } from './purchase-case.ts';

/** A case's tables in a database, as the compiler is given them (columns as the database describes them). */
export interface LoadedCase {
  purchases: SqlTable;
  /** The column holding the input order; none for Parquet files, whose order is theirs. */
  position?: string;
  customers?: SqlTable;
  catalog?: SqlTable;
  /** Drops the case's tables. */
  drop(): Promise<void>;
}

/** A real database that tests load cases into and run statements on. */
export interface TestSqlDatabase {
  dialect: SqlDialect;
  /**
   * Creates the case's tables, named `<prefix>_purchases`, `<prefix>_customers` and
   * `<prefix>_catalog` (or exactly `names` when given), and inserts its rows.
   */
  load(purchaseCase: PurchaseCase, prefix: string, names?: CaseTableNames): Promise<LoadedCase>;
  /** Runs a statement with its parameters bound; rows as plain objects. */
  query(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Table names of a loaded case. */
export interface CaseTableNames {
  purchases: string;
  customers: string;
  catalog: string;
}

/** What a table to create holds: columns with their database types, and rows of cells. */
export interface TableToCreate {
  name: string;
  columns: { name: string; type: string }[];
  rows: Cell[][];
}

/** The database type of a case column in a dialect. */
function columnType(dialect: SqlDialect, key: CaseColumnKey | 'pos', purchaseCase: PurchaseCase): string {
  const pg = dialect === 'postgres';
  if (key === 'pos') return pg ? 'integer' : 'INTEGER';
  if (purchaseCase.timeMode === 'text') return pg ? 'text' : 'VARCHAR';
  switch (key) {
    case 'purchased_at':
      return {
        timestamp: pg ? 'timestamp' : 'TIMESTAMP',
        timestamptz: pg ? 'timestamptz' : 'TIMESTAMPTZ',
        date: pg ? 'date' : 'DATE',
      }[purchaseCase.timeMode];
    case 'tier':
      return pg ? 'integer' : 'INTEGER';
    case 'amount':
      if (purchaseCase.floatNumbers) return pg ? 'double precision' : 'DOUBLE';
      return pg ? 'numeric(18,4)' : 'DECIMAL(18,4)';
    case 'quantity':
      if (purchaseCase.floatNumbers) return pg ? 'double precision' : 'DOUBLE';
      return pg ? 'numeric(12,4)' : 'DECIMAL(12,4)';
    default:
      return pg ? 'text' : 'VARCHAR';
  }
}

/**
 * The tables of a case in a dialect: purchases with the `pos` column, and the customers and
 * catalog tables when the case has them.
 *
 * @example
 * caseTables('postgres', purchaseCase, names)[0].columns[0] // { name: 'pos', type: 'integer' }
 */
export function caseTables(
  dialect: SqlDialect,
  purchaseCase: PurchaseCase,
  names: CaseTableNames,
): TableToCreate[] {
  const pg = dialect === 'postgres';
  const text = pg ? 'text' : 'VARCHAR';
  const tables: TableToCreate[] = [
    {
      name: names.purchases,
      columns: [
        { name: POSITION_COLUMN, type: columnType(dialect, 'pos', purchaseCase) },
        ...purchaseCase.columns.map((c) => ({
          name: c.name,
          type: columnType(dialect, c.key, purchaseCase),
        })),
      ],
      rows: purchaseCase.rows.map((row) => [
        String(row.pos),
        ...purchaseCase.columns.map((c) => row.cells[c.key] ?? null),
      ]),
    },
  ];
  if (purchaseCase.customers) {
    const { idColumn, attributes, rows } = purchaseCase.customers;
    tables.push({
      name: names.customers,
      columns: [idColumn, ...attributes].map((name) => ({ name, type: text })),
      rows: rows.map((row) => [row.id, ...row.values]),
    });
  }
  if (purchaseCase.catalog) {
    const { hasFamily, rows } = purchaseCase.catalog;
    tables.push({
      name: names.catalog,
      columns: [
        { name: 'product_id', type: text },
        { name: 'tier', type: pg ? 'integer' : 'INTEGER' },
        ...(hasFamily ? [{ name: 'family', type: text }] : []),
      ],
      rows: rows.map((row) => [row.product, String(row.tier), ...(hasFamily ? [row.family] : [])]),
    });
  }
  return tables;
}

/** A name as a quoted identifier (test-side, so the loader does not lean on the compiler's quoting). */
export const quoteName = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The CREATE TABLE and parameterised INSERT of a table; every value is bound as text and cast
 * to the column's type by the database.
 *
 * @example
 * tableStatements(table).create // 'CREATE TABLE "t" ("pos" integer, ...)'
 */
export function tableStatements(table: TableToCreate): { create: string; inserts: SqlStatement[] } {
  const create = `CREATE TABLE ${quoteName(table.name)} (${table.columns
    .map((c) => `${quoteName(c.name)} ${c.type}`)
    .join(', ')})`;
  const inserts: SqlStatement[] = [];
  const perStatement = 200;
  for (let start = 0; start < table.rows.length; start += perStatement) {
    const params: (string | null)[] = [];
    const tuples = table.rows.slice(start, start + perStatement).map(
      (row) =>
        `(${row
          .map((value, i) => {
            params.push(value);
            return `CAST($${params.length} AS ${table.columns[i]!.type})`;
          })
          .join(', ')})`,
    );
    inserts.push({
      text: `INSERT INTO ${quoteName(table.name)} (${table.columns.map((c) => quoteName(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`,
      params: params as (string | number)[],
    });
  }
  return { create, inserts };
}

/** A table as the compiler is given it: its name and its columns typed from the database's type names. */
export function describedTable(
  dialect: SqlDialect,
  name: string,
  columns: readonly { name: string; typeName: string }[],
): SqlTable {
  // A plain name as it is; any other written quoted, so that dots and quotes stay part of it.
  const relationName = /^[a-z_][a-z0-9_]*$/.test(name) ? name : quoteName(name);
  return {
    relation: { kind: 'table', name: relationName },
    columns: columns.map((c) => ({
      name: c.name,
      type: sqlColumnType(dialect, c.typeName) as SqlColumnType,
    })),
  };
}
