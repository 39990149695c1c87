import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { createCustomerTableReader, UNKNOWN_VALUE } from './customer-table.ts';
import type { RowIssue } from './row-issue.ts';

describe('createCustomerTableReader', () => {
  it('takes every column but customer_id as an attribute, with trimmed names', () => {
    const reader = createCustomerTableReader(['customer_id', ' Region ', 'industry']);
    expect(reader.table.attributes).toEqual(['Region', 'industry']);
  });

  it('stores the trimmed attribute values of a customer', () => {
    const reader = createCustomerTableReader(['customer_id', 'region', 'industry']);
    const issues: RowIssue[] = [];
    expect(reader.add([' c1 ', ' EU ', 'retail'], 2, issues)).toBe(true);
    expect(reader.table.values.get('c1')).toEqual(['EU', 'retail']);
    expect(issues).toEqual([]);
  });

  it('matches the customer column the way purchase headers match: Client ID is client_id', () => {
    const reader = createCustomerTableReader(['Region', 'Client ID'], 'c.csv');
    expect(reader.table.attributes).toEqual(['Region']);
  });

  it('finds the customer column anywhere, by an alias and ignoring case', () => {
    const reader = createCustomerTableReader(['region', 'Customer']);
    reader.add(['EU', 'c1'], 2, []);
    expect(reader.table.attributes).toEqual(['region']);
    expect(reader.table.values.get('c1')).toEqual(['EU']);
  });

  it('uses the customer column it is given instead of the aliases', () => {
    const reader = createCustomerTableReader(['customer_id', 'Account'], undefined, 'account');
    reader.add(['x', 'a1'], 2, []);
    expect(reader.table.attributes).toEqual(['customer_id']);
    expect(reader.table.values.get('a1')).toEqual(['x']);
  });

  it('gives a blank attribute the value (unknown)', () => {
    const reader = createCustomerTableReader(['customer_id', 'region', 'industry']);
    reader.add(['c1', '  ', 'retail'], 2, []);
    expect(UNKNOWN_VALUE).toBe('(unknown)');
    expect(reader.table.values.get('c1')).toEqual(['(unknown)', 'retail']);
  });

  it('throws MISSING_COLUMN, naming the file, when no column is the customer', () => {
    const error = errorOf(() => createCustomerTableReader(['region', 'industry'], 'customers.csv'));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toContain('customers.csv');
    expect(error.message).toContain('region, industry');
  });
});

describe('bad rows', () => {
  it('reports a duplicate customer with the line where it first appeared, keeping the first values', () => {
    const reader = createCustomerTableReader(['customer_id', 'region'], 'customers.csv');
    const issues: RowIssue[] = [];
    reader.add(['c1', 'EU'], 2, issues);
    reader.add(['c2', 'US'], 3, issues);
    expect(reader.add(['c1', 'APAC'], 5, issues)).toBe(false);
    expect(issues).toEqual([
      {
        file: 'customers.csv',
        line: 5,
        column: 1,
        columnName: 'customer_id',
        reason: 'customer c1 already appears on line 2',
      },
    ]);
    expect(reader.table.values.get('c1')).toEqual(['EU']);
  });

  it('sees a duplicate through surrounding spaces', () => {
    const reader = createCustomerTableReader(['customer_id', 'region']);
    const issues: RowIssue[] = [];
    reader.add(['c1', 'EU'], 2, issues);
    expect(reader.add([' c1', 'US'], 3, issues)).toBe(false);
    expect(issues[0]?.reason).toBe('customer c1 already appears on line 2');
  });

  it('reports too few fields at the first missing column', () => {
    const reader = createCustomerTableReader(['customer_id', 'region', 'industry'], 'customers.csv');
    const issues: RowIssue[] = [];
    expect(reader.add(['c1', 'EU'], 4, issues)).toBe(false);
    expect(issues).toEqual([
      {
        file: 'customers.csv',
        line: 4,
        column: 3,
        columnName: 'industry',
        reason: 'expected 3 fields as in the header, found 2',
      },
    ]);
    expect(reader.table.values.size).toBe(0);
  });

  it('reports too many fields at the first extra column, which has no name', () => {
    const reader = createCustomerTableReader(['customer_id', 'region']);
    const issues: RowIssue[] = [];
    expect(reader.add(['c1', 'EU', 'extra'], 2, issues)).toBe(false);
    expect(issues).toEqual([{ line: 2, column: 3, reason: 'expected 2 fields as in the header, found 3' }]);
  });

  it('reports an empty customer id', () => {
    const reader = createCustomerTableReader(['region', 'customer_id']);
    const issues: RowIssue[] = [];
    expect(reader.add(['EU', '  '], 7, issues)).toBe(false);
    expect(issues).toEqual([
      { line: 7, column: 2, columnName: 'customer_id', reason: 'customer_id is empty' },
    ]);
  });
});

describe('edge cases', () => {
  it('reads a file with only the customer column: no attributes', () => {
    const reader = createCustomerTableReader(['customer_id']);
    expect(reader.add(['c1'], 2, [])).toBe(true);
    expect(reader.table.attributes).toEqual([]);
    expect(reader.table.values.get('c1')).toEqual([]);
  });

  it('adds issues to the list it is given without dropping earlier ones', () => {
    const reader = createCustomerTableReader(['customer_id', 'region']);
    const earlier: RowIssue = { line: 1, column: 1, reason: 'earlier' };
    const issues: RowIssue[] = [earlier];
    reader.add(['c1'], 2, issues);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toBe(earlier);
  });

  it('takes the first matching column as the customer when two could be (customer before customer_id)', () => {
    const reader = createCustomerTableReader(['customer', 'customer_id']);
    reader.add(['a', 'b'], 2, []);
    expect(reader.table.attributes).toEqual(['customer_id']);
    expect(reader.table.values.get('a')).toEqual(['b']);
  });
});
