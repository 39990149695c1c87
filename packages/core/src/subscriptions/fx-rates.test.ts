import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import type { RowIssue } from '../input/row-issue.ts';
import { daysFromCivil } from '../time/civil-date.ts';
import { createFxRatesReader, decimalToRational, noFxRates } from './fx-rates.ts';
import { rational } from './rational.ts';

const day = (text: string) => {
  const [y, m, d] = text.split('-').map(Number);
  return daysFromCivil(y!, m!, d!);
};

function rates(rows: string[][], header = ['date', 'currency', 'rate']) {
  const reader = createFxRatesReader(header, { reportingCurrency: 'USD', fileName: 'fx.csv' });
  const issues: RowIssue[] = [];
  const accepted = rows.map((row, i) => reader.add(row, i + 2, issues));
  return { fx: reader.finish(), issues, accepted };
}

describe('decimalToRational', () => {
  it('reads a decimal exactly', () => {
    expect(decimalToRational('1.0845')).toEqual(rational(10845n, 10000n));
    expect(decimalToRational('2')).toEqual(rational(2n));
    expect(decimalToRational('0.000001')).toEqual(rational(1n, 1_000_000n));
  });
});

describe('createFxRatesReader', () => {
  const { fx } = rates([
    ['2024-02-01', 'EUR', '1.20'],
    ['2024-01-01', 'EUR', '1.10'],
    ['2024-01-15', 'gbp', '1.25'],
  ]);

  it('gives the latest rate dated on or before the day, whatever the row order', () => {
    expect(fx.rateOn('EUR', day('2024-01-01'))).toEqual(rational(11n, 10n));
    expect(fx.rateOn('EUR', day('2024-01-31'))).toEqual(rational(11n, 10n));
    expect(fx.rateOn('EUR', day('2024-02-01'))).toEqual(rational(6n, 5n));
    expect(fx.rateOn('EUR', day('2030-01-01'))).toEqual(rational(6n, 5n));
  });

  it('has no rate before the first one, nor for a currency without rates', () => {
    expect(fx.rateOn('EUR', day('2023-12-31'))).toBeNull();
    expect(fx.rateOn('JPY', day('2024-06-01'))).toBeNull();
  });

  it('reads currency codes in any case and lists the currencies', () => {
    expect(fx.rateOn('GBP', day('2024-01-15'))).toEqual(rational(5n, 4n));
    expect(fx.currencies).toEqual(['EUR', 'GBP']);
  });

  it('gives 1 for the reporting currency, with or without rates', () => {
    expect(fx.rateOn('USD', day('1999-01-01'))).toEqual(rational(1n));
    expect(noFxRates('USD').rateOn('USD', 0)).toEqual(rational(1n));
    expect(noFxRates('USD').rateOn('EUR', 0)).toBeNull();
  });

  it('finds its columns by alias, in any order', () => {
    const { fx: other } = rates([['EUR', '0.9', '2024-01-01']], ['Code', 'Exchange Rate', 'Day']);
    expect(other.rateOn('EUR', day('2024-01-02'))).toEqual(rational(9n, 10n));
  });

  it('reports each bad cell with its line, column and reason', () => {
    const { issues, accepted } = rates([
      ['2024-01-01', 'EUR', '1.1'],
      ['soon', 'EURO', '-1'],
      ['2024-01-01', 'EUR', '1.2'],
      ['2024-01-02', 'EUR', '0'],
      ['2024-01-02', 'EUR'],
    ]);
    expect(accepted).toEqual([true, false, false, false, false]);
    expect(issues.map((i) => [i.line, i.column, i.reason])).toEqual([
      [3, 1, 'date "soon" is not a date'],
      [3, 2, 'currency "EURO" is not an ISO 4217 code such as EUR'],
      [3, 3, 'rate "-1" is not a decimal number > 0 (units of USD per 1 unit of the currency)'],
      [4, 1, 'a rate for EUR on 2024-01-01 is already given on line 2'],
      [5, 3, 'rate "0" is not a decimal number > 0 (units of USD per 1 unit of the currency)'],
      [6, 3, 'expected 3 fields as in the header, found 2'],
    ]);
    expect(issues[0]).toMatchObject({ file: 'fx.csv', columnName: 'date' });
  });

  it('refuses a header without a rate column', () => {
    const error = errorOf(() => createFxRatesReader(['date', 'currency'], { reportingCurrency: 'USD' }));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.details).toMatchObject({ field: 'rate' });
  });

  it('reads day-first dates and decimal commas when told', () => {
    const reader = createFxRatesReader(['date', 'currency', 'rate'], {
      reportingCurrency: 'EUR',
      formats: { date: 'dmy', number: 'comma' },
    });
    const issues: RowIssue[] = [];
    expect(reader.add(['05/02/2024', 'USD', '0,9'], 2, issues)).toBe(true);
    const fx = reader.finish();
    expect(fx.rateOn('USD', day('2024-02-04'))).toBeNull();
    expect(fx.rateOn('USD', day('2024-02-05'))).toEqual(rational(9n, 10n));
  });
});
