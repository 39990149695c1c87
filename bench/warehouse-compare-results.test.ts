import { describe, expect, it } from 'vitest';
import { compareResultJson } from './warehouse-compare-results.ts';

const print = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const row = (period: string, channel: string, numerator: number, denominator: number) => ({
  period,
  segment: { channel },
  numerator,
  denominator,
});
const result = (...rows: ReturnType<typeof row>[]) => ({
  metric: 'customer-upsell-rate',
  definition: { rule: 'tier', period: 'month', by: ['channel'] },
  rows,
});

describe('compareResultJson', () => {
  it('finds nothing when the printed results are byte-identical', () => {
    const text = print(result(row('2024-01', 'online', 1, 4), row('2024-01', 'sales', 0, 2)));
    expect(compareResultJson(text, text)).toEqual([]);
  });

  it('names the row that differs by period and segment, with both sides', () => {
    const engine = print(result(row('2024-01', 'online', 1, 4), row('2024-02', 'online', 2, 5)));
    const sql = print(result(row('2024-01', 'online', 1, 4), row('2024-02', 'online', 3, 5)));
    expect(compareResultJson(engine, sql)).toEqual([
      {
        where: '2024-02 {"channel":"online"}',
        expected: JSON.stringify(row('2024-02', 'online', 2, 5)),
        actual: JSON.stringify(row('2024-02', 'online', 3, 5)),
      },
    ]);
  });

  it('names rows only one side has, and a top-level field that differs', () => {
    const engine = print(result(row('2024-01', 'online', 1, 4)));
    const sql = print({ ...result(row('2024-01', 'partner', 0, 1)), definition: { rule: 'flag' } });
    expect(
      compareResultJson(engine, sql).map((d) => [d.where, d.expected === undefined, d.actual === undefined]),
    ).toEqual([
      ['definition', false, false],
      ['2024-01 {"channel":"online"}', false, true],
      ['2024-01 {"channel":"partner"}', true, false],
    ]);
  });

  it('says the bytes differ when every value agrees but the text does not', () => {
    const value = result(row('2024-01', 'online', 1, 4));
    expect(compareResultJson(print(value), JSON.stringify(value))).toEqual([
      { where: 'bytes', expected: undefined, actual: undefined },
    ]);
  });
});
