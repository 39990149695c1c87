import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMOUNT_SCALE, formatAmount, parseAmount, parseAmountBytes, parseQuantity } from './parse-decimal.ts';

describe('parseAmount', () => {
  it('keeps amounts in units of 1/10,000: 19.99 is 199,900', () => {
    expect(AMOUNT_SCALE).toBe(10_000);
    expect(parseAmount('19.99')).toBe(199_900);
  });

  it.each([
    ['0', 0],
    ['12', 120_000],
    ['12.5', 125_000],
    ['0.0001', 1],
    ['007', 70_000],
    ['1234567.8912', 12_345_678_912],
  ])('reads %s as %i units', (text, units) => {
    expect(parseAmount(text)).toBe(units);
  });

  it('rejects a decimal point without digits on both sides, like parseQuantity', () => {
    expect(parseAmount('12.')).toBeNaN();
    expect(parseAmount('.5')).toBeNaN();
  });

  it.each([
    ['5 decimals', '1.23456'],
    ['a minus sign', '-1'],
    ['a plus sign', '+1'],
    ['a decimal comma', '1,5'],
    ['an exponent', '1e3'],
    ['a thousands separator', '1,000.00'],
    ['a space inside', '1 000'],
    ['a leading space', ' 1'],
    ['a trailing space', '1 '],
    ['two points', '1.2.3'],
    ['a point alone', '.'],
    ['an empty string', ''],
    ['a currency sign', '$5'],
    ['words', 'ten'],
    ['Infinity', 'Infinity'],
  ])('gives NaN for %s (%j)', (_why, text) => {
    expect(parseAmount(text)).toBeNaN();
  });

  it('round trips every amount through formatAmount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (units) => {
        expect(parseAmount(formatAmount(units))).toBe(units);
      }),
    );
  });

  it('adds exactly: the units of 0.1 + 0.2 are the units of 0.3', () => {
    expect(parseAmount('0.1') + parseAmount('0.2')).toBe(parseAmount('0.3'));
  });
});

describe('formatAmount', () => {
  it.each([
    [199_900, '19.99'],
    [0, '0.00'],
    [120_000, '12.00'],
    [1, '0.0001'],
    [100, '0.01'],
    [1_230, '0.1230'],
    [10, '0.0010'],
    [12_345_678_912, '1234567.8912'],
    [-199_900, '-19.99'],
  ])('writes %i units as %s', (units, text) => {
    expect(formatAmount(units)).toBe(text);
  });
});

describe('parseQuantity', () => {
  it.each([
    ['2', 2],
    ['2.5', 2.5],
    ['0', 0],
  ])('reads %s as %d', (text, quantity) => {
    expect(parseQuantity(text)).toBe(quantity);
  });

  it.each(['-1', '+1', '.5', '12.', '1e3', '1,5', '', ' 2'])('gives NaN for %j', (text) => {
    expect(parseQuantity(text)).toBeNaN();
  });
});

describe('edge cases', () => {
  it('reads the largest exact amount, 900719925474.0991, and rejects one unit more', () => {
    expect(parseAmount('900719925474.0991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseAmount('900719925474.0992')).toBeNaN();
  });

  it('rejects an amount too large to hold exactly', () => {
    expect(parseAmount('1'.repeat(30))).toBeNaN();
  });

  it('accepts exactly 4 decimals', () => {
    expect(parseAmount('0.9999')).toBe(9_999);
  });
});

describe('parseAmountBytes', () => {
  it('reads only its range of a larger buffer', () => {
    const bytes = new TextEncoder().encode('x,19.99,7');
    expect(parseAmountBytes(bytes, 2, 7)).toBe(199_900);
    expect(parseAmountBytes(bytes, 2, 4)).toBe(190_000);
    expect(parseAmountBytes(bytes, 2, 2)).toBeNaN();
  });

  it('agrees with parseAmount on any short ASCII text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.,eE+-]{0,12}$/), (text) => {
        const bytes = new TextEncoder().encode(`9${text}9`);
        expect(parseAmountBytes(bytes, 1, bytes.length - 1)).toEqual(parseAmount(text));
      }),
    );
  });
});
