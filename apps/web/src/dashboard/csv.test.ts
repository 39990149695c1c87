import type { MetricRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import type { ComparedRow } from './api-types.ts';
import { comparisonCsv, csvCell, metricRowsCsv, toCsv } from './csv.ts';

const row = (overrides: Partial<MetricRow> = {}): MetricRow => ({
  period: '2024-Q1',
  segment: {},
  numerator: 12,
  denominator: 100,
  rate: 0.12,
  ci95: [0.07, 0.1981],
  band: 'moderate',
  revenue: null,
  ...overrides,
});

describe('csvCell', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('quotes commas, quotes and newlines after the prefix', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves numbers, booleans and plain text alone, and empties null', () => {
    expect(csvCell(-0.05)).toBe('-0.05');
    expect(csvCell(true)).toBe('true');
    expect(csvCell('online')).toBe('online');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and one line per row', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, '=y'],
        ],
      ),
    ).toBe("a,b\n1,x\n,'=y\n");
  });
});

describe('metricRowsCsv', () => {
  it('writes a column per segment dimension and escapes segment values', () => {
    const csv = metricRowsCsv(
      [
        row({
          segment: { channel: '=cmd|calc' },
          change: {
            previousPeriod: '2023-Q4',
            previousRate: 0.1,
            difference: 0.02,
            pValue: 0.5,
            significant: false,
          },
          revenue: { total: 100, upsell: 25, upsellShare: 0.25 },
        }),
      ],
      ['channel'],
    );
    const [header, line] = csv.split('\n');
    expect(header).toBe(
      // The CLI's --format csv columns (docs/cli.md).
      'period,channel,numerator,denominator,rate,ci95_low,ci95_high,band,previous_rate,change,change_p_value,' +
        'benchmark,benchmark_difference,target,target_difference,revenue,upsell_revenue,upsell_revenue_share',
    );
    expect(line).toBe("2024-Q1,'=cmd|calc,12,100,0.12,0.07,0.1981,moderate,0.1,0.02,0.5,,,,,100,25,0.25");
  });
});

describe('comparisonCsv', () => {
  it('writes both rates and the differences, empty where a side has no row', () => {
    const rows: ComparedRow[] = [
      {
        period: '2024-Q1',
        segment: { region: 'EU' },
        a: row(),
        b: row({ numerator: 20, rate: 0.2 }),
        difference: 0.08,
        numeratorDifference: 8,
        denominatorDifference: 0,
      },
      {
        period: '2024-Q2',
        segment: { region: 'EU' },
        a: null,
        b: row({ period: '2024-Q2' }),
        difference: null,
        numeratorDifference: null,
        denominatorDifference: null,
      },
    ];
    expect(comparisonCsv(rows).split('\n')).toEqual([
      'period,region,a_numerator,a_denominator,a_rate,b_numerator,b_denominator,b_rate,difference,numerator_difference,denominator_difference',
      '2024-Q1,EU,12,100,0.12,20,100,0.2,0.08,8,0',
      '2024-Q2,EU,,,,12,100,0.12,,,',
      '',
    ]);
  });
});
