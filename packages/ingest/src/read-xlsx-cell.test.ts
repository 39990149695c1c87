import { describe, expect, it } from 'vitest';
import {
  isDateFormat,
  numberText,
  serialToDate,
  shownDecimals,
  wallClockText,
  xlsxCellText,
} from './read-xlsx-cell.ts';

describe('wallClockText', () => {
  it('writes a date at midnight as the date alone', () => {
    expect(wallClockText(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
  });

  it('writes a time of day without an offset, milliseconds only when there are some', () => {
    expect(wallClockText(new Date(Date.UTC(2024, 2, 7, 14, 5)))).toBe('2024-03-07T14:05:00');
    expect(wallClockText(new Date(Date.UTC(2024, 2, 7, 0, 0, 1, 250)))).toBe('2024-03-07T00:00:01.250');
  });

  it('gives an invalid date no text', () => {
    expect(wallClockText(new Date(Number.NaN))).toBe('');
  });
});

describe('numberText', () => {
  it('drops the binary noise past 15 significant digits', () => {
    expect(numberText(19.990000000000002)).toBe('19.99');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(3 * 1.1)).toBe('3.3');
  });

  it('keeps whole numbers and exact decimals as they are', () => {
    expect(numberText(45359)).toBe('45359');
    expect(numberText(1234.5)).toBe('1234.5');
    expect(numberText(-0.25)).toBe('-0.25');
    expect(numberText(123456789012345)).toBe('123456789012345');
  });
});

describe('isDateFormat', () => {
  it('knows date and time formats', () => {
    for (const format of ['yyyy-mm-dd', 'mm-dd-yy', 'd/m/yyyy h:mm', '[h]:mm:ss', 'dd"."mm"."yyyy']) {
      expect(isDateFormat(format), format).toBe(true);
    }
  });

  it('does not take number formats, quoted text or colours for dates', () => {
    for (const format of ['General', '0.00', '#,##0.00 "days"', '[Red]0.00', '0\\h', undefined, '']) {
      expect(isDateFormat(format), String(format)).toBe(false);
    }
  });
});

describe('shownDecimals', () => {
  it('counts the decimals a number format fixes', () => {
    expect(shownDecimals('0.00')).toBe(2);
    expect(shownDecimals('#,##0.000')).toBe(3);
    expect(shownDecimals('[$€-407] #,##0.00;[Red]-#,##0.00')).toBe(2);
    expect(shownDecimals('0.00" EUR"')).toBe(2);
  });

  it('leaves General, whole numbers, percentages and scientific notation alone', () => {
    for (const format of ['General', '0', '#,##0', '0.00%', '0.00E+00', '"a.b"0', undefined]) {
      expect(shownDecimals(format), String(format)).toBeUndefined();
    }
  });
});

describe('serialToDate', () => {
  it('reads serial days of the 1900 system with the fraction as the time of day', () => {
    // 2024-03-07 is 19,789 days after 1970-01-01, itself day 25,569: serial 45,358; .75 of a day is 18:00.
    expect(serialToDate(45358.75, false).toISOString()).toBe('2024-03-07T18:00:00.000Z');
  });

  it('reads serial days of the 1904 system, 1,462 days later', () => {
    expect(serialToDate(45358 - 1462, true).toISOString()).toBe('2024-03-07T00:00:00.000Z');
  });
});

describe('xlsxCellText', () => {
  it('reads each kind of cell value as the text it stands for', () => {
    const cases: [unknown, string | undefined, string][] = [
      [null, undefined, ''],
      ['C-17', undefined, 'C-17'],
      [12.5, undefined, '12.5'],
      [45359, undefined, '45359'],
      [true, undefined, 'TRUE'],
      [new Date(Date.UTC(2024, 2, 7)), 'dd/mm/yyyy', '2024-03-07'],
      [{ formula: 'B2*2', result: 39.980000000000004 }, undefined, '39.98'],
      [{ formula: '100/3', result: 33.333333333333336 }, '#,##0.00', '33.33'],
      [33.333333333333336, undefined, '33.3333333333333'],
      [2.5, '0', '2.5'],
      [0.125, '0.0%', '0.125'],
      [{ formula: 'B2+1', result: 45359 }, 'yyyy-mm-dd', '2024-03-08'],
      [{ sharedFormula: 'C2', result: 'pro' }, undefined, 'pro'],
      [{ formula: 'NOW()' }, undefined, ''],
      [{ formula: 'VLOOKUP(A2,X:Y,2)', result: { error: '#N/A' } }, undefined, '#N/A'],
      [{ error: '#DIV/0!' }, undefined, '#DIV/0!'],
      [{ richText: [{ text: 'Pro ' }, { text: 'yearly' }] }, undefined, 'Pro yearly'],
      [{ text: 'site', hyperlink: 'https://example.com' }, undefined, 'site'],
    ];
    for (const [value, numFmt, text] of cases) {
      expect(xlsxCellText({ value, numFmt }, false), JSON.stringify(value)).toBe(text);
    }
  });

  it('reads a line break inside a cell as a space, so that each row stays one line', () => {
    expect(xlsxCellText({ value: 'North\r\nEast\nWest' }, false)).toBe('North East West');
  });
});
