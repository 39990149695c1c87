import {
  type ColumnMapping,
  createTimeZoneOffsets,
  type Definition,
  mapColumns,
  normaliseColumnName,
  PURCHASE_FIELDS,
  purchaseRunDefinition,
  type ResolvedRule,
  resolveRule,
  UpsellError,
} from '@upsell/core';
import { resolveSegmentation, type SegmentSource } from '@upsell/core/internal';
import { SqlSourceError } from './sql-source-error.ts';
import type { CompileRateOptions, SqlColumn, SqlTable } from './types.ts';

/** A customers table as the statement reads it. */
export interface CustomersPlan {
  table: SqlTable;
  idColumn: SqlColumn;
  attributes: SqlColumn[];
}

/** A catalog table as the statement reads it. */
export interface CatalogPlan {
  table: SqlTable;
  productColumn: SqlColumn;
  tierColumn: SqlColumn;
  familyColumn: SqlColumn | undefined;
}

/** Everything decided before writing SQL: the definition, the columns of each field, the rule. */
export interface PurchaseSourcePlan {
  definition: Definition;
  /** The zone's canonical IANA name (`Europe/Paris`), checked. */
  timeZone: string;
  rule: ResolvedRule;
  mapping: ColumnMapping;
  columns: readonly SqlColumn[];
  segmentation: SegmentSource[];
  position: SqlColumn | undefined;
  customers: CustomersPlan | undefined;
  catalog: CatalogPlan | undefined;
  hasAmounts: boolean;
}

const findColumn = (table: SqlTable, names: readonly string[]) => {
  const wanted = names.map(normaliseColumnName);
  return table.columns.find((column) => wanted.includes(normaliseColumnName(column.name)));
};

const missing = (what: string, names: readonly string[], table: SqlTable): never => {
  throw new UpsellError(
    'MISSING_COLUMN',
    `${what}: no ${names[0]} column (looked for ${names.join(', ')}) among ${table.columns.map((c) => c.name).join(', ')}`,
    { lookedFor: [...names], columns: table.columns.map((c) => c.name) },
  );
};

/**
 * Checks a definition against a source's columns, exactly as a file run would check it against
 * a header: the same column mapping (`--map`, names, aliases), the same rule resolution, the same
 * segments (purchase columns, then customer attributes), the same errors.
 *
 * @example
 * planPurchaseSource({ dialect: 'postgres', definition: { period: 'month' }, purchases }).rule // 'tier'
 */
export function planPurchaseSource(options: CompileRateOptions): PurchaseSourcePlan {
  const definition = purchaseRunDefinition(options.definition);
  const timeZone = createTimeZoneOffsets(definition.timeZone).timeZone;
  const { purchases } = options;
  if (purchases.relation.kind === 'parquet' && options.dialect !== 'duckdb') {
    throw new SqlSourceError(
      'INVALID_SOURCE',
      'Parquet files are read through DuckDB: use the duckdb dialect',
    );
  }
  const columns = purchases.columns;
  const mapping = mapColumns(
    columns.map((c) => c.name),
    options.map ?? {},
  );

  let position: SqlColumn | undefined;
  if (options.position !== undefined) {
    position = columns.find((c) => c.name === options.position) ?? findColumn(purchases, [options.position]);
    if (position === undefined) {
      throw new UpsellError(
        'UNKNOWN_COLUMN',
        `no position column "${options.position}" among ${columns.map((c) => c.name).join(', ')}`,
        { column: options.position, columns: columns.map((c) => c.name) },
      );
    }
    if (!['integer', 'decimal', 'float', 'timestamp', 'timestamptz', 'date'].includes(position.type)) {
      throw new SqlSourceError(
        'UNSUPPORTED_COLUMN_TYPE',
        `position column "${position.name}" has type ${position.type}; it needs numbers (a line number or a load sequence)`,
        { column: position.name, type: position.type },
      );
    }
  }

  let customers: CustomersPlan | undefined;
  if (options.customers) {
    const names = ['customer_id', ...PURCHASE_FIELDS.customer_id.aliases];
    const idColumn =
      findColumn(options.customers, names) ?? missing('customers table', names, options.customers);
    customers = {
      table: options.customers,
      idColumn,
      attributes: options.customers.columns.filter((c) => c !== idColumn && c.name.trim() !== ''),
    };
  }

  let catalog: CatalogPlan | undefined;
  if (options.catalog) {
    const productNames = ['product_id', ...PURCHASE_FIELDS.product_id.aliases];
    const familyNames = ['family', ...PURCHASE_FIELDS.family.aliases];
    catalog = {
      table: options.catalog,
      productColumn:
        findColumn(options.catalog, productNames) ?? missing('catalog table', productNames, options.catalog),
      tierColumn:
        findColumn(options.catalog, ['tier']) ?? missing('catalog table', ['tier'], options.catalog),
      familyColumn: findColumn(options.catalog, familyNames),
    };
  }

  const fields = mapping.fields;
  const rule = resolveRule(definition.rule, {
    kind: fields.kind !== undefined,
    tier: fields.tier !== undefined || catalog !== undefined,
    amount: fields.amount !== undefined,
  });
  const segmentation = resolveSegmentation(
    definition.by,
    mapping,
    (customers?.attributes ?? []).map((c) => c.name.trim()),
  );
  return {
    definition,
    timeZone,
    rule,
    mapping,
    columns,
    segmentation,
    position,
    customers,
    catalog,
    hasAmounts: fields.amount !== undefined,
  };
}
