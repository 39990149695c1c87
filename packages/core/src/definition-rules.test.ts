import { describe, expect, it } from 'vitest';
import { errorOf } from '../test/helpers.ts';
import { DefinitionSchema } from './definition.ts';
import {
  benchmarkLacksIndustry,
  checkReportedRange,
  DEFINITION_DEFAULTS,
  fractionToPercent,
  isPercent,
  MAX_SEGMENT_COLUMNS,
  percentToFraction,
} from './definition-rules.ts';

describe('DEFINITION_DEFAULTS', () => {
  it('is what the schema makes of an empty definition', () => {
    expect(DefinitionSchema.parse({})).toEqual(DEFINITION_DEFAULTS);
  });

  it('gives every parsed definition a segment list of its own', () => {
    const a = DefinitionSchema.parse({});
    a.by.push('channel');
    expect(DefinitionSchema.parse({}).by).toEqual([]);
    expect(DEFINITION_DEFAULTS.by).toEqual([]);
  });
});

describe('MAX_SEGMENT_COLUMNS', () => {
  it('is the most segment columns the schema accepts', () => {
    const by = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect(DefinitionSchema.safeParse({ by: by(MAX_SEGMENT_COLUMNS) }).success).toBe(true);
    expect(DefinitionSchema.safeParse({ by: by(MAX_SEGMENT_COLUMNS + 1) }).success).toBe(false);
  });
});

describe('isPercent', () => {
  it.each([0, 12.5, 100])('accepts %d', (value) => expect(isPercent(value)).toBe(true));
  it.each([-0.1, 100.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (value) =>
    expect(isPercent(value)).toBe(false),
  );
});

describe('percentToFraction and fractionToPercent', () => {
  it('turn 20 into 0.2 and 12.5 into 0.125, and back', () => {
    expect(percentToFraction(20)).toBe(0.2);
    expect(percentToFraction(12.5)).toBe(0.125);
    expect(fractionToPercent(0.2)).toBe(20);
    expect(fractionToPercent(0.125)).toBe(12.5);
  });

  it('bound a fraction by the bounds of a percentage', () => {
    expect([percentToFraction(0), percentToFraction(100)]).toEqual([0, 1]);
  });

  it('keep float noise out of a percentage shown: 0.07 is 7, 0.1 + 0.2 percent is 0.3', () => {
    expect(0.07 * 100).not.toBe(7);
    expect(fractionToPercent(0.07)).toBe(7);
    expect(fractionToPercent(percentToFraction(0.1 + 0.2))).toBe(0.3);
  });

  it('give back every percentage of up to 4 decimals as it was typed', () => {
    for (let i = 0; i <= 1_000_000; i++) {
      const percent = Number((i / 10_000).toFixed(4));
      if (fractionToPercent(percentToFraction(percent)) !== percent) {
        expect.fail(`${percent} came back as ${fractionToPercent(percentToFraction(percent))}`);
      }
    }
  });

  it('divide plainly, as the CLI always has (its --target numbers stay the same)', () => {
    expect(percentToFraction(12.3)).toBe(12.3 / 100);
    expect(percentToFraction(0.3)).toBe(0.3 / 100);
  });
});

describe('benchmarkLacksIndustry', () => {
  it('is true for a benchmark without an industry', () => {
    expect(benchmarkLacksIndustry({ benchmark: 30 })).toBe(true);
    expect(benchmarkLacksIndustry({ benchmark: '30', industry: undefined })).toBe(true);
  });

  it('is false with an industry, or without a benchmark', () => {
    expect(benchmarkLacksIndustry({ benchmark: 30, industry: 'saas' })).toBe(false);
    expect(benchmarkLacksIndustry({})).toBe(false);
    expect(benchmarkLacksIndustry({ industry: 'retail' })).toBe(false);
  });
});

describe('checkReportedRange', () => {
  it('accepts from before to, from equal to to, and open ends', () => {
    expect(() => checkReportedRange({ from: '2024-01', to: '2024-03' }, 1, 3)).not.toThrow();
    expect(() => checkReportedRange({ from: '2024-01', to: '2024-01' }, 1, 1)).not.toThrow();
    expect(() =>
      checkReportedRange({ to: '2024-01' }, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY),
    ).not.toThrow();
  });

  it('throws INVALID_DEFINITION for from after to, naming both', () => {
    const error = errorOf(() => checkReportedRange({ from: '2024-Q3', to: '2024-Q1' }, 3, 1));
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.details).toEqual({ field: 'from', from: '2024-Q3', to: '2024-Q1' });
    expect(error.message).toBe('the first period reported (from 2024-Q3) is after the last (to 2024-Q1)');
  });
});
