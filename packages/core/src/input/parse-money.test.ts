import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoney, parseQuantityAs, plainDecimal } from './parse-money.ts';

describe('parseMoney', () => {
  it.each([
    ['1,234.50', 'point', 12_345_000],
    ['1 234.50', 'point', 12_345_000],
    ["1'234.50", 'point', 12_345_000],
    ['1234.5', 'point', 12_345_000],
    ['1,234,567', 'point', 12_345_670_000],
    ['1.234,50', 'comma', 12_345_000],
    ['1 234,50', 'comma', 12_345_000],
    ['1\u00a0234,50', 'comma', 12_345_000],
    ['1234,5', 'comma', 12_345_000],
    ['1.234.567', 'comma', 12_345_670_000],
    ['0,0001', 'comma', 1],
  ] as const)('reads %s with a %s as %i units', (text, format, units) => {
    expect(parseMoney(text, format)).toEqual({ units });
  });

  it('reads thousands without decimals in either format', () => {
    expect(parseMoney('1,234', 'point').units).toBe(12_340_000);
    expect(parseMoney('1.234', 'comma').units).toBe(12_340_000);
    expect(parseMoney('1 234', 'point').units).toBe(12_340_000);
    expect(parseMoney('1 234', 'comma').units).toBe(12_340_000);
  });

  it('reads 1.234 as one and a bit with a point and as twelve hundred with a comma', () => {
    expect(parseMoney('1.234', 'point').units).toBe(12_340);
    expect(parseMoney('1.234', 'comma').units).toBe(12_340_000);
    expect(parseMoney('1,234', 'comma').units).toBe(12_340);
  });

  it.each([
    ['$12.50', 'point', 'USD'],
    ['12.50$', 'point', 'USD'],
    ['USD 12.50', 'point', 'USD'],
    ['12,50 EUR', 'comma', 'EUR'],
    ['€ 12,50', 'comma', 'EUR'],
    ['12,50€', 'comma', 'EUR'],
    ['£12.50', 'point', 'GBP'],
    ['¥12.50', 'point', 'JPY'],
    ['CHF 12.50', 'point', 'CHF'],
  ] as const)('reads %s as 12.50 in %s', (text, format, currency) => {
    expect(parseMoney(text, format)).toEqual({ units: 125_000, currency });
  });

  it('says a negative amount is negative, in either format and beside a currency', () => {
    expect(parseMoney('-12.50', 'point')).toEqual({ units: Number.NaN, negative: true });
    expect(parseMoney('-1.234,50', 'comma')).toEqual({ units: Number.NaN, negative: true });
    expect(parseMoney('$-12.50', 'point')).toEqual({ units: Number.NaN, currency: 'USD', negative: true });
  });

  it.each([
    ['a decimal comma under point', '12,50', 'point'],
    ['a decimal point under comma', '12.50', 'comma'],
    ['groups that are not of three', '1,23.50', 'point'],
    ['two kinds of thousands separator', '1,234 567.00', 'point'],
    ['5 decimals', '1.23456', 'point'],
    ['a point without digits after it', '12.', 'point'],
    ['a point without digits before it', '.5', 'point'],
    ['a lowercase code', 'eur 12,50', 'comma'],
    ['a currency on both sides', '$12.50 USD', 'point'],
    ['a currency alone', 'EUR', 'comma'],
    ['an exponent', '1e3', 'point'],
    ['a plus sign', '+1', 'point'],
    ['an empty text', '', 'point'],
  ] as const)('refuses %s (%s)', (_, text, format) => {
    expect(parseMoney(text, format).units).toBeNaN();
    expect(parseMoney(text, format).negative).toBeUndefined();
  });

  it('reads back any amount written in each format, with or without separators and a currency (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_999_999 }),
        fc.constantFrom('point', 'comma'),
        fc.boolean(),
        fc.constantFrom('', '$', 'EUR'),
        (units, format, grouped, currency) => {
          const whole = String(Math.floor(units / 10_000));
          const fraction = String(units % 10_000).padStart(4, '0');
          const thousands = format === 'point' ? ',' : '.';
          const groups = grouped ? whole.replace(/\B(?=(\d{3})+$)/g, thousands) : whole;
          const text = `${groups}${format === 'point' ? '.' : ','}${fraction}`;
          const written = currency === '$' ? `$${text}` : currency === 'EUR' ? `${text} EUR` : text;
          const money = parseMoney(written, format);
          expect(money.units).toBe(units);
          expect(money.currency).toBe(currency === '' ? undefined : currency === '$' ? 'USD' : 'EUR');
        },
      ),
    );
  });
});

describe('plainDecimal', () => {
  it('gives the digits with a point, thousands separators dropped', () => {
    expect(plainDecimal('1.234,50', 'comma')).toBe('1234.50');
    expect(plainDecimal('1,234', 'point')).toBe('1234');
    expect(plainDecimal('12', 'comma')).toBe('12');
  });
});

describe('parseQuantityAs', () => {
  it('reads quantities in the file number format', () => {
    expect(parseQuantityAs('2', 'comma')).toBe(2);
    expect(parseQuantityAs('2,5', 'comma')).toBe(2.5);
    expect(parseQuantityAs('2.5', 'point')).toBe(2.5);
    expect(parseQuantityAs('1,000', 'point')).toBe(1000);
    expect(parseQuantityAs('2.5', 'comma')).toBeNaN();
    expect(parseQuantityAs('-2', 'point')).toBeNaN();
  });
});
