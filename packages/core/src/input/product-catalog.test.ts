import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { createProductCatalogReader } from './product-catalog.ts';
import type { RowIssue } from './row-issue.ts';

describe('createProductCatalogReader', () => {
  it('reads tiers and families by product, finding columns by alias', () => {
    const reader = createProductCatalogReader(['SKU', 'Tier', 'Product Line'], 'catalog.csv');
    const issues: RowIssue[] = [];
    expect(reader.add(['PRO-M', '2', 'pro'], 2, issues)).toBe(true);
    expect(reader.add(['BASIC', ' 1 ', ''], 3, issues)).toBe(true);
    expect(reader.catalog.tiers).toEqual(
      new Map([
        ['PRO-M', 2],
        ['BASIC', 1],
      ]),
    );
    expect(reader.catalog.families).toEqual(new Map([['PRO-M', 'pro']]));
    expect(issues).toEqual([]);
  });

  it('reports a repeated product with the line it first appears on, and a tier that is not a whole number', () => {
    const reader = createProductCatalogReader(['product_id', 'tier'], 'catalog.csv');
    const issues: RowIssue[] = [];
    reader.add(['A', '1'], 2, issues);
    expect(reader.add(['A', '2'], 3, issues)).toBe(false);
    expect(reader.add(['B', 'gold'], 4, issues)).toBe(false);
    expect(issues).toEqual([
      {
        file: 'catalog.csv',
        line: 3,
        column: 1,
        columnName: 'product_id',
        reason: 'product A already appears on line 2',
      },
      {
        file: 'catalog.csv',
        line: 4,
        column: 2,
        columnName: 'tier',
        reason: 'tier "gold" is not a whole number >= 0 (1 = entry level)',
      },
    ]);
  });

  it('accepts a product again after a row of it was rejected for its tier', () => {
    const reader = createProductCatalogReader(['product_id', 'tier'], 'catalog.csv');
    const issues: RowIssue[] = [];
    expect(reader.add(['A', 'gold'], 2, issues)).toBe(false);
    expect(reader.add(['A', '2'], 3, issues)).toBe(true);
    expect(reader.catalog.tiers.get('A')).toBe(2);
  });

  it('needs a product and a tier column', () => {
    expect(errorOf(() => createProductCatalogReader(['sku', 'price'], 'c.csv')).code).toBe('MISSING_COLUMN');
  });
});
