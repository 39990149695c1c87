import { UpsellError } from '../errors.ts';
import { normaliseColumnName, PURCHASE_FIELDS } from './column-mapping.ts';
import { createKeyedRowChecker } from './keyed-row-checker.ts';
import type { RowIssue } from './row-issue.ts';
import { rowIssueAt } from './row-issue-at.ts';
import { listNames, shortenText } from './shorten-text.ts';

/** Tiers (and optionally families) of products, for purchase files without those columns. */
export interface ProductCatalog {
  tiers: Map<string, number>;
  families: Map<string, string>;
}

/** Reads the rows of one catalog file into a {@link ProductCatalog}. */
export interface ProductCatalogReader {
  catalog: ProductCatalog;
  /** Adds one row; returns false and reports the issue when the row is bad. */
  add(fields: readonly string[], line: number, issues: RowIssue[]): boolean;
}

const find = (header: readonly string[], names: readonly string[]) =>
  header.findIndex((name) => names.includes(normaliseColumnName(name)));

/**
 * Starts a product catalog from its header: a `product_id` column (or an alias), a `tier`
 * column, and optionally a `family` column (or an alias).
 *
 * @example
 * const reader = createProductCatalogReader(['sku', 'tier', 'family'], 'catalog.csv');
 * reader.add(['PRO-M', '2', 'pro'], 2, issues);
 */
export function createProductCatalogReader(
  header: readonly string[],
  fileName?: string,
): ProductCatalogReader {
  const where = fileName ?? 'catalog';
  const productColumn = find(
    header,
    ['product_id', ...PURCHASE_FIELDS.product_id.aliases].map(normaliseColumnName),
  );
  const tierColumn = find(header, ['tier']);
  const familyColumn = find(header, ['family', ...PURCHASE_FIELDS.family.aliases].map(normaliseColumnName));
  if (productColumn < 0 || tierColumn < 0) {
    throw new UpsellError(
      'MISSING_COLUMN',
      `${where}: a catalog needs a product_id column (or product, sku, item) and a tier column; the header is (${listNames(header)})`,
    );
  }
  const catalog: ProductCatalog = { tiers: new Map(), families: new Map() };
  const rows = createKeyedRowChecker(header, fileName, productColumn, 'product_id', 'product');
  return {
    catalog,
    add(fields, line, issues) {
      const product = rows.check(fields, line, issues);
      if (product === undefined) return false;
      const tierText = fields[tierColumn]!.trim();
      if (!/^\d+$/.test(tierText)) {
        issues.push(
          rowIssueAt(
            header,
            fileName,
            line,
            tierColumn,
            `tier "${shortenText(tierText)}" is not a whole number >= 0 (1 = entry level)`,
          ),
        );
        return false;
      }
      rows.accept(product, line);
      catalog.tiers.set(product, Number(tierText));
      const family = familyColumn >= 0 ? fields[familyColumn]!.trim() : '';
      if (family !== '') catalog.families.set(product, family);
      return true;
    },
  };
}
