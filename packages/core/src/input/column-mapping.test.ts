import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { mapColumns, normaliseColumnName, PURCHASE_FIELD_NAMES, parseColumnMap } from './column-mapping.ts';

describe('mapColumns', () => {
  it('finds every field under its own name', () => {
    const header = [...PURCHASE_FIELD_NAMES];
    const { fields } = mapColumns(header);
    for (const [index, field] of header.entries()) expect(fields[field]).toBe(index);
  });

  it('matches aliases ignoring case: Customer ID, Order_Date, SKU', () => {
    expect(mapColumns(['Customer ID', 'Order_Date', 'SKU']).fields).toEqual({
      customer_id: 0,
      purchased_at: 1,
      product_id: 2,
    });
  });

  it('treats spaces and hyphens as underscores: Order Date and Purchase-Date are purchased_at', () => {
    expect(mapColumns(['customer', 'Order Date', 'sku']).fields.purchased_at).toBe(1);
    expect(mapColumns(['customer', 'Purchase-Date', 'sku']).fields.purchased_at).toBe(1);
  });

  it('matches the optional fields by alias: Qty, Revenue, Product Line, Type, OrderID', () => {
    const { fields } = mapColumns([
      'client_id',
      'timestamp',
      'item',
      'Qty',
      'Revenue',
      'Product Line',
      'Type',
      'OrderID',
    ]);
    expect(fields).toEqual({
      customer_id: 0,
      purchased_at: 1,
      product_id: 2,
      quantity: 3,
      amount: 4,
      family: 5,
      kind: 6,
      order_id: 7,
    });
  });

  it('leaves optional fields out when the header lacks them', () => {
    const { fields } = mapColumns(['customer', 'date', 'sku']);
    expect(fields.amount).toBeUndefined();
    expect(fields.tier).toBeUndefined();
    expect(Object.keys(fields)).toEqual(['customer_id', 'purchased_at', 'product_id']);
  });

  it('lets an explicit map win over an alias, leaving the alias column as a dimension', () => {
    const mapping = mapColumns(['Client', 'customer', 'date', 'sku'], { customer_id: 'Client' });
    expect(mapping.fields.customer_id).toBe(0);
    expect([...mapping.dimensions]).toEqual([['customer', 1]]);
  });

  it('matches the explicit map ignoring case', () => {
    expect(mapColumns(['CLIENT', 'date', 'sku'], { customer_id: 'client' }).fields.customer_id).toBe(0);
  });

  it('makes every other column a dimension, by its trimmed name', () => {
    const mapping = mapColumns(['customer', 'date', 'sku', 'Channel', ' Region ']);
    expect([...mapping.dimensions]).toEqual([
      ['Channel', 3],
      ['Region', 4],
    ]);
  });

  it('returns the header it was given', () => {
    const header = ['customer', 'date', 'sku'];
    expect(mapColumns(header).header).toBe(header);
  });

  it('maps each field to the same column name whatever the column order', () => {
    const header = ['customer', 'date', 'sku', 'qty', 'revenue', 'channel'];
    const reference = mapColumns(header);
    fc.assert(
      fc.property(fc.shuffledSubarray(header, { minLength: header.length }), (shuffled) => {
        const mapping = mapColumns(shuffled);
        for (const field of PURCHASE_FIELD_NAMES) {
          const at = mapping.fields[field];
          const was = reference.fields[field];
          expect(at === undefined ? undefined : shuffled[at]).toBe(
            was === undefined ? undefined : header[was],
          );
        }
        expect([...mapping.dimensions.keys()]).toEqual(['channel']);
      }),
    );
  });
});

describe('mapColumns errors', () => {
  it('throws AMBIGUOUS_COLUMN when two columns could be the same field, naming both', () => {
    const error = errorOf(() => mapColumns(['customer_id', 'Customer', 'date', 'sku']));
    expect(error.code).toBe('AMBIGUOUS_COLUMN');
    expect(error.details).toEqual({
      field: 'customer_id',
      columns: ['customer_id', 'Customer', 'date', 'sku'],
      candidates: ['customer_id', 'Customer'],
    });
    expect(error.message).toBe('columns "customer_id" and "Customer" could both be customer_id');
  });

  it('throws AMBIGUOUS_COLUMN for an optional field too: total and price could both be amount', () => {
    const error = errorOf(() => mapColumns(['customer', 'date', 'sku', 'total', 'price']));
    expect(error.code).toBe('AMBIGUOUS_COLUMN');
    expect(error.details).toMatchObject({ field: 'amount', candidates: ['total', 'price'] });
  });

  it('resolves an ambiguity with an explicit map, the other column becoming a dimension', () => {
    const mapping = mapColumns(['customer', 'date', 'sku', 'total', 'price'], { amount: 'total' });
    expect(mapping.fields.amount).toBe(3);
    expect([...mapping.dimensions.keys()]).toEqual(['price']);
  });

  it('throws MISSING_COLUMN for a required field, naming the field and every alias it looked for', () => {
    const error = errorOf(() => mapColumns(['customer', 'sku']));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.details).toEqual({
      field: 'purchased_at',
      columns: ['customer', 'sku'],
      lookedFor: ['purchased_at', 'date', 'order_date', 'created_at', 'timestamp', 'purchase_date'],
    });
    expect(error.message).toBe(
      'no purchased_at column: looked for "purchased_at", "date", "order_date", "created_at", "timestamp", "purchase_date" in the header (customer, sku)',
    );
  });

  it('does not take Client for customer_id without a map (only client_id is an alias)', () => {
    expect(errorOf(() => mapColumns(['Client', 'date', 'sku'])).code).toBe('MISSING_COLUMN');
  });

  it('throws UNKNOWN_COLUMN when the map names a column the header lacks', () => {
    const error = errorOf(() => mapColumns(['customer', 'date', 'sku'], { amount: 'Revenue' }));
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.details).toEqual({
      field: 'amount',
      column: 'Revenue',
      columns: ['customer', 'date', 'sku'],
    });
    expect(error.message).toContain('no column "Revenue"');
  });

  it('starts a message with the file name when one is given', () => {
    const error = errorOf(() => mapColumns(['customer', 'sku'], {}, { file: 'orders.csv' }));
    expect(error.message.startsWith('orders.csv: ')).toBe(true);
    expect(error.details?.file).toBe('orders.csv');
  });
});

describe('parseColumnMap', () => {
  it('reads field=Column entries', () => {
    expect(parseColumnMap(['customer_id=Client', 'amount=Net Total'])).toEqual({
      customer_id: 'Client',
      amount: 'Net Total',
    });
  });

  it('normalises the field name and trims the column', () => {
    expect(parseColumnMap(['Customer ID = Client '])).toEqual({ customer_id: 'Client' });
  });

  it('splits at the first equals sign only', () => {
    expect(parseColumnMap(['kind=a=b'])).toEqual({ kind: 'a=b' });
  });

  it('lets the last entry for a field win', () => {
    expect(parseColumnMap(['customer_id=A', 'customer_id=B'])).toEqual({ customer_id: 'B' });
  });

  it('reads no entries as an empty map', () => {
    expect(parseColumnMap([])).toEqual({});
  });

  it.each([
    ['no equals sign', 'customer_id'],
    ['no field', '=Client'],
    ['no column', 'customer_id='],
    ['a blank column', 'customer_id=  '],
  ])('throws INVALID_ARGUMENT for an entry with %s (%j)', (_why, entry) => {
    const error = errorOf(() => parseColumnMap([entry]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('field=Column');
    expect(error.details).toEqual({ entry });
  });

  it('throws INVALID_ARGUMENT for an unknown field, listing the fields', () => {
    const error = errorOf(() => parseColumnMap(['colour=Paint']));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('"colour" is not a purchase field');
    expect(error.message).toContain(PURCHASE_FIELD_NAMES.join(', '));
    expect(error.details).toEqual({
      entry: 'colour=Paint',
      field: 'colour',
      candidates: PURCHASE_FIELD_NAMES,
    });
  });

  // Bug: `field in PURCHASE_FIELDS` also finds Object.prototype's properties.
  it('throws INVALID_ARGUMENT for a field name inherited from Object.prototype (constructor)', () => {
    expect(errorOf(() => parseColumnMap(['constructor=X'])).code).toBe('INVALID_ARGUMENT');
  });
});

describe('edge cases', () => {
  it('throws MISSING_COLUMN for an empty header', () => {
    expect(errorOf(() => mapColumns([])).code).toBe('MISSING_COLUMN');
  });

  it('treats a name repeated in the header as ambiguous', () => {
    expect(errorOf(() => mapColumns(['customer', 'date', 'sku', 'date'])).code).toBe('AMBIGUOUS_COLUMN');
  });

  it('ignores blank column names for dimensions', () => {
    expect(mapColumns(['customer', 'date', 'sku', '', '  ']).dimensions.size).toBe(0);
  });

  it('matches a header with surrounding spaces', () => {
    expect(mapColumns([' customer ', 'date ', ' sku']).fields).toEqual({
      customer_id: 0,
      purchased_at: 1,
      product_id: 2,
    });
  });

  it('normalises names by trimming, lowercasing and turning runs of spaces and hyphens into one underscore', () => {
    expect(normaliseColumnName('  Order - Date ')).toBe('order_date');
  });
});
