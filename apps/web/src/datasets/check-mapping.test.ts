import { describe, expect, it } from 'vitest';
import { checkMapping } from './check-mapping.ts';

describe('checkMapping', () => {
  it('turns the chosen columns into the import map', () => {
    expect(
      checkMapping(['Client', 'Date', 'SKU', 'Channel'], ['customer_id', 'purchased_at', 'product_id', '']),
    ).toEqual({
      columnErrors: [undefined, undefined, undefined, undefined],
      errors: [],
      map: { customer_id: 'Client', purchased_at: 'Date', product_id: 'SKU' },
      valid: true,
    });
  });

  it('refuses a field chosen for two columns, on the second', () => {
    const check = checkMapping(
      ['Client', 'Buyer', 'Date', 'SKU'],
      ['customer_id', 'customer_id', 'purchased_at', 'product_id'],
    );
    expect(check.valid).toBe(false);
    expect(check.columnErrors).toEqual([
      undefined,
      'customer_id is already read from “Client”: a field comes from one column only.',
      undefined,
      undefined,
    ]);
  });

  it('asks for each required field that has no column', () => {
    const check = checkMapping(['Client', 'Date', 'SKU'], ['', 'purchased_at', '']);
    expect(check.errors).toEqual([
      'Choose the column that holds customer_id (required).',
      'Choose the column that holds product_id (required).',
    ]);
  });

  it('refuses to leave out a column the server would read by its name anyway', () => {
    const check = checkMapping(
      ['Client', 'Date', 'SKU', 'qty'],
      ['customer_id', 'purchased_at', 'product_id', ''],
    );
    expect(check.columnErrors[3]).toMatch(/reads “qty” as quantity by its name/);
  });

  it('refuses a column whose name another column shares', () => {
    const check = checkMapping(
      ['Client', 'Date', 'SKU', 'sku'],
      ['customer_id', 'purchased_at', 'product_id', ''],
    );
    expect(check.columnErrors[2]).toMatch(/Two columns are called “SKU”/);
  });

  it('words two columns that could both be a field in the form’s terms, with no CLI flag', () => {
    const check = checkMapping(
      ['Client', 'Date', 'SKU', 'total', 'price'],
      ['customer_id', 'purchased_at', 'product_id', '', ''],
    );
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual([
      'columns "total" and "price" could both be amount: map one of them as amount.',
    ]);
  });
});
