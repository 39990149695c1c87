import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { mapColumns } from './column-mapping.ts';
import { resolveSegmentation } from './segmentation.ts';

const mapping = mapColumns(['customer', 'date', 'SKU', 'Channel', 'family']);

describe('resolveSegmentation', () => {
  it('finds a dimension column by name, keeping the name as asked', () => {
    expect(resolveSegmentation(['channel'], mapping, [])).toEqual([
      { name: 'channel', from: 'purchase', column: 3 },
    ]);
  });

  it('prefers a column of that very name to a field alias: --by price is the price column when amount is mapped to total', () => {
    const mapped = mapColumns(['customer', 'date', 'sku', 'total', 'price'], { amount: 'total' });
    expect(resolveSegmentation(['price'], mapped, [])).toEqual([
      { name: 'price', from: 'purchase', column: 4 },
    ]);
  });

  it('finds a purchase field by its field name: product_id is the SKU column', () => {
    expect(resolveSegmentation(['product_id'], mapping, [])).toEqual([
      { name: 'product_id', from: 'purchase', column: 2 },
    ]);
  });

  it('finds a purchase field by an alias: product is the SKU column', () => {
    expect(resolveSegmentation(['product'], mapping, [])).toEqual([
      { name: 'product', from: 'purchase', column: 2 },
    ]);
  });

  it('finds the family field', () => {
    expect(resolveSegmentation(['family'], mapping, [])).toEqual([
      { name: 'family', from: 'purchase', column: 4 },
    ]);
  });

  it('finds a customer attribute, case-insensitively', () => {
    expect(resolveSegmentation(['region'], mapping, ['industry', 'Region'])).toEqual([
      { name: 'region', from: 'customer', attribute: 1 },
    ]);
  });

  it('resolves several names in the order asked', () => {
    expect(resolveSegmentation(['Region', 'CHANNEL'], mapping, ['region'])).toEqual([
      { name: 'Region', from: 'customer', attribute: 0 },
      { name: 'CHANNEL', from: 'purchase', column: 3 },
    ]);
  });

  it('prefers a purchase column to a customer attribute of the same name', () => {
    expect(resolveSegmentation(['channel'], mapping, ['channel'])).toEqual([
      { name: 'channel', from: 'purchase', column: 3 },
    ]);
  });

  it('uses a customer attribute named like a field the purchases lack (tier)', () => {
    expect(resolveSegmentation(['tier'], mapping, ['tier'])).toEqual([
      { name: 'tier', from: 'customer', attribute: 0 },
    ]);
  });

  it('gives no sources for no names', () => {
    expect(resolveSegmentation([], mapping, ['region'])).toEqual([]);
  });
});

describe('unknown names', () => {
  it('throws UNKNOWN_COLUMN naming the name and listing dimensions and attributes', () => {
    const error = errorOf(() => resolveSegmentation(['industry'], mapping, ['region']));
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.details).toEqual({ by: 'industry' });
    expect(error.message).toContain('"industry"');
    expect(error.message).toContain('(dimensions: Channel, region)');
  });

  it('says none when there is nothing to segment by', () => {
    const error = errorOf(() =>
      resolveSegmentation(['channel'], mapColumns(['customer', 'date', 'sku']), []),
    );
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.message).toContain('(dimensions: none)');
  });

  it('throws UNKNOWN_COLUMN for a field the purchases lack and no attribute has (amount)', () => {
    expect(errorOf(() => resolveSegmentation(['amount'], mapping, [])).code).toBe('UNKNOWN_COLUMN');
  });
});

describe('edge cases', () => {
  it('matches a name with spaces to a column with underscores: "sales channel" is sales_channel', () => {
    const withUnderscore = mapColumns(['customer', 'date', 'sku', 'sales_channel']);
    expect(resolveSegmentation(['sales channel'], withUnderscore, [])).toEqual([
      { name: 'sales channel', from: 'purchase', column: 3 },
    ]);
  });

  it('follows an explicit map: customer_id mapped to Client segments by the Client column', () => {
    const mapped = mapColumns(['Client', 'date', 'sku'], { customer_id: 'Client' });
    expect(resolveSegmentation(['customer_id'], mapped, [])).toEqual([
      { name: 'customer_id', from: 'purchase', column: 0 },
    ]);
  });
});
