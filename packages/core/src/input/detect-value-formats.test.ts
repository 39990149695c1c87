import { describe, expect, it } from 'vitest';
import { detectDateFormat, detectNumberFormat } from './detect-value-formats.ts';

describe('detectDateFormat', () => {
  it('takes ISO when every value is ISO, though every format reads ISO values', () => {
    expect(detectDateFormat(['2024-03-07', '2024-12-11T10:00:00Z'])).toEqual({
      kind: 'found',
      format: 'iso',
    });
  });

  it('takes day-first when one day is over 12 and every value reads day-first', () => {
    expect(detectDateFormat(['03/07/2024', '25/12/2024'])).toEqual({ kind: 'found', format: 'dmy' });
  });

  it('takes month-first when one day is over 12 in the second place', () => {
    expect(detectDateFormat(['03/07/2024 2:05 PM', '12/25/2024 9:00 AM'])).toEqual({
      kind: 'found',
      format: 'mdy',
    });
  });

  it('takes year-first for 2024/03/07', () => {
    expect(detectDateFormat(['2024/03/07', '2024/12/11'])).toEqual({ kind: 'found', format: 'ymd' });
  });

  it('takes serial days for spreadsheet numbers', () => {
    expect(detectDateFormat(['45358', '45358.5'])).toEqual({ kind: 'found', format: 'serial' });
  });

  it('says day-first and month-first both fit when every day is 12 or less, with values read differently', () => {
    expect(detectDateFormat(['03/07/2024', '05/05/2024', '11/12/2024'])).toEqual({
      kind: 'ambiguous',
      choices: ['dmy', 'mdy'],
      examples: ['03/07/2024', '11/12/2024'],
    });
  });

  it('does not call dates ambiguous that read the same both ways (day = month)', () => {
    expect(detectDateFormat(['05/05/2024', '2024-03-07']).kind).toBe('found');
  });

  it('says unknown when no format reads every value', () => {
    expect(detectDateFormat(['25/12/2024', '12/25/2024'])).toEqual({ kind: 'unknown' });
    expect(detectDateFormat(['yesterday'])).toEqual({ kind: 'unknown' });
  });

  it('lets values that no format reads have no say, so a typo does not sink a US export', () => {
    expect(detectDateFormat(['1/15/2024', '13/45/2024', 'yesterday', '2/3/2024'])).toEqual({
      kind: 'found',
      format: 'mdy',
    });
    expect(detectDateFormat(['03/07/2024', 'soon', '04/08/2024'])).toMatchObject({ kind: 'ambiguous' });
    expect(detectNumberFormat(['12,50 EUR', 'n/a', '3,10 EUR'])).toEqual({ kind: 'found', format: 'comma' });
  });

  it('gives at most three examples', () => {
    const values = ['01/02/2024', '02/03/2024', '03/04/2024', '04/05/2024'];
    expect(detectDateFormat(values)).toMatchObject({ examples: values.slice(0, 3) });
  });
});

describe('detectNumberFormat', () => {
  it('takes a decimal point for 1,234.50 and a decimal comma for 1.234,50', () => {
    expect(detectNumberFormat(['1,234.50', '12'])).toEqual({ kind: 'found', format: 'point' });
    expect(detectNumberFormat(['1.234,50', '12'])).toEqual({ kind: 'found', format: 'comma' });
    expect(detectNumberFormat(['12,50 EUR', '€ 3'])).toEqual({ kind: 'found', format: 'comma' });
  });

  it('takes the default decimal point when every value is a whole number, which reads the same either way', () => {
    expect(detectNumberFormat(['12', '1 234', '7'])).toEqual({ kind: 'found', format: 'point' });
  });

  it('says 1,234 alone is ambiguous: 1234 with a point, 1.234 with a comma', () => {
    expect(detectNumberFormat(['1,234', '12'])).toEqual({
      kind: 'ambiguous',
      choices: ['point', 'comma'],
      examples: ['1,234'],
    });
  });

  it('reads past a minus sign, leaving negative amounts to be reported row by row', () => {
    expect(detectNumberFormat(['-12,50', '3'])).toEqual({ kind: 'found', format: 'comma' });
  });

  it('says unknown when the values mix formats', () => {
    expect(detectNumberFormat(['12,50', '12.50'])).toEqual({ kind: 'unknown' });
  });
});
