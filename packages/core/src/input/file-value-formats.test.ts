import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { createMetricRun } from '../metric-run.ts';
import { mapColumns } from './column-mapping.ts';
import { fileValueFormats } from './file-value-formats.ts';
import type { RowIssue } from './row-issue.ts';

const HEADER = ['customer_id', 'Order Date', 'product_id', 'amount'];
const mapping = mapColumns(HEADER);

describe('fileValueFormats', () => {
  it('detects the date and number formats and the currency from the sample', () => {
    const sample = [
      ['a', '25/12/2024', 'p', '1.234,50 EUR'],
      ['b', '03/07/2024', 'p', '12,50 EUR'],
      ['c', '', 'p', ''],
    ];
    expect(fileValueFormats({ mapping, sample })).toEqual({ date: 'dmy', number: 'comma', currency: 'EUR' });
  });

  it('keeps the defaults without a sample, or when no format reads every value', () => {
    expect(fileValueFormats({ mapping })).toEqual({ date: 'iso', number: 'point' });
    const sample = [
      ['a', '25/12/2024', 'p', '1'],
      ['b', '12/25/2024', 'p', '2'],
    ];
    expect(fileValueFormats({ mapping, sample })).toEqual({ date: 'iso', number: 'point' });
  });

  it('lets the chosen formats win over the sample', () => {
    const sample = [['a', '03/07/2024', 'p', '1,234']];
    expect(fileValueFormats({ mapping, sample, chosen: { date: 'mdy', number: 'comma' } })).toEqual({
      date: 'mdy',
      number: 'comma',
    });
  });

  it('takes the currency named most often in the sample', () => {
    const sample = [
      ['a', '2024-01-01', 'p', '$1'],
      ['b', '2024-01-01', 'p', '2 EUR'],
      ['c', '2024-01-01', 'p', '3 EUR'],
    ];
    expect(fileValueFormats({ mapping, sample }).currency).toBe('EUR');
  });

  it('throws AMBIGUOUS_FORMAT naming the file, the column, both readings and examples', () => {
    const sample = [
      ['a', '03/07/2024', 'p', '1'],
      ['b', '11/12/2024', 'p', '2'],
    ];
    const error = errorOf(() => fileValueFormats({ mapping, sample, fileName: 'purchases.csv' }));
    expect(error.code).toBe('AMBIGUOUS_FORMAT');
    expect(error.message).toBe(
      'purchases.csv: the dates in column "Order Date" fit both day-first and month-first (e.g. 03/07/2024, 11/12/2024)',
    );
    expect(error.details).toEqual({
      field: 'purchased_at',
      column: 'Order Date',
      choices: ['dmy', 'mdy'],
      examples: ['03/07/2024', '11/12/2024'],
      file: 'purchases.csv',
    });
  });

  it('throws AMBIGUOUS_FORMAT for amounts like 1,234 alone', () => {
    const sample = [['a', '2024-01-01', 'p', '1,234']];
    const error = errorOf(() => fileValueFormats({ mapping, sample }));
    expect(error.message).toBe(
      'the numbers in column "amount" fit both decimal point and decimal comma (e.g. 1,234)',
    );
    expect(error.details).toMatchObject({ field: 'amount', choices: ['point', 'comma'] });
  });
});

describe('a metric run with value formats', () => {
  const read = (rows: string[][], formats?: { date?: 'dmy' | 'mdy'; number?: 'comma' }) => {
    const issues: RowIssue[] = [];
    const run = createMetricRun({
      definition: { period: 'all', rule: 'price' },
      onIssue: (issue) => issues.push(issue),
      ...(formats === undefined ? {} : { formats }),
    });
    const file = run.addFile(HEADER, 'p.csv', rows);
    rows.forEach((row, i) => {
      file.push(row, i + 2, i);
    });
    return { output: run.finish(), issues, formats: file.formats };
  };

  it('reads European dates and amounts it detected, and reports the currency', () => {
    const { output, issues, formats } = read([
      ['a', '25/12/2023', 'p', '1.234,50 EUR'],
      ['a', '03/01/2024 14:05', 'q', '2.000,00 EUR'],
    ]);
    expect(issues).toEqual([]);
    expect(formats).toEqual({ date: 'dmy', number: 'comma', currency: 'EUR' });
    expect(output.accounting).toEqual({ rows: 2, accepted: 2, rejected: 0 });
    expect(output.currency).toBe('EUR');
  });

  it('words a bad date in the format in use', () => {
    const { issues } = read([['a', '13/25/2024', 'p', '1']], { date: 'mdy' });
    expect(issues[0]!.reason).toBe(
      'purchased_at "13/25/2024" is not a month-first date (e.g. 03/07/2024 for 7 March 2024)',
    );
    const dmy = read([['a', '31/04/2024', 'p', '1']], { date: 'dmy' });
    expect(dmy.issues[0]!.reason).toBe(
      'purchased_at "31/04/2024" is not a day-first date (e.g. 07/03/2024 for 7 March 2024)',
    );
  });

  it('words a bad amount in the format in use', () => {
    const { issues } = read([['a', '2024-01-01', 'p', '12.50']], { number: 'comma' });
    expect(issues[0]!.reason).toBe(
      'amount "12.50" is not a decimal number >= 0 with at most 4 decimals and a decimal comma (e.g. 19,99 or 1.234,50)',
    );
  });

  it('rejects an amount in another currency than the file, naming both', () => {
    const { output, issues } = read([
      ['a', '2024-01-01', 'p', '12.50 EUR'],
      ['b', '2024-01-01', 'p', '12.50 USD'],
      ['c', '2024-01-01', 'p', '3 EUR'],
      ['d', '2024-01-01', 'p', '4'],
    ]);
    expect(issues.map((i) => [i.line, i.reason])).toEqual([
      [3, 'amount "12.50 USD" is in USD; this file\'s amounts are in EUR'],
    ]);
    expect(output.accounting).toEqual({ rows: 4, accepted: 3, rejected: 1 });
  });

  it('rejects a currency in a file whose sample named none', () => {
    const issues: RowIssue[] = [];
    const run = createMetricRun({
      definition: { period: 'all', rule: 'price' },
      onIssue: (i) => issues.push(i),
    });
    const file = run.addFile(HEADER, 'p.csv', [['a', '2024-01-01', 'p', '1']]);
    file.push(['a', '2024-01-01', 'p', '$5'], 2, 2);
    expect(issues[0]!.reason).toBe('amount "$5" is in USD; this file\'s amounts name no currency');
  });

  it('reports no currency when two files name different ones', () => {
    const run = createMetricRun({ definition: { period: 'all', rule: 'price' } });
    const a = run.addFile(HEADER, 'a.csv', [['a', '2024-01-01', 'p', '$1']]);
    a.push(['a', '2024-01-01', 'p', '$1'], 2, 2);
    run.addFile(HEADER, 'b.csv', [['b', '2024-01-01', 'p', '£1']]);
    expect(run.finish().currency).toBeUndefined();
  });

  it('throws AMBIGUOUS_FORMAT from addFile unless the format is chosen', () => {
    const rows = [['a', '03/07/2024', 'p', '1']];
    const run = createMetricRun({ definition: { period: 'all' } });
    expect(errorOf(() => run.addFile(HEADER, 'p.csv', rows)).code).toBe('AMBIGUOUS_FORMAT');
    expect(read(rows, { date: 'dmy' }).output.accounting.accepted).toBe(1);
  });
});

describe('formats chosen for one file', () => {
  it('win over the run formats and the sample, the others staying as chosen for the run', () => {
    const run = createMetricRun({ definition: { period: 'all' }, formats: { number: 'comma' } });
    const file = run.addFile(HEADER, 'p.csv', [['a', '03/07/2024', 'p', '1']], { date: 'mdy' });
    expect(file.formats).toEqual({ date: 'mdy', number: 'comma' });
  });
});
