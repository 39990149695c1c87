import { describe, expect, it } from 'vitest';
import { workedExample } from '../test/helpers.ts';
import { buildDrillDown } from './drill-down.ts';
import { buildMetricResult } from './metric-result.ts';
import { runMetric } from './run-metric.ts';

// 20 of 100 customers upsold in February (tier 1 -> 2): the spec's first worked example.
function drillDownOf(metric: 'customer-upsell-rate' | 'purchase-upsell-rate', page = {}) {
  const definition = { period: 'month' as const, metric, timeZone: 'Europe/Paris' };
  const output = runMetric([workedExample(20, 100)], { definition, explain: { period: '2024-02' } });
  const result = buildMetricResult(output.counters, output);
  return buildDrillDown(
    {
      definition: output.definition,
      result,
      explanation: output.explanation,
      period: '2024-02',
      segment: {},
      files: ['worked.csv'],
    },
    page,
  );
}

describe('buildDrillDown', () => {
  it('lists the row with its numerator customers first, times in the zone, files by name', () => {
    const drill = drillDownOf('customer-upsell-rate');
    expect(drill.row).toMatchObject({ numerator: 20, denominator: 100 });
    expect(drill.total).toBe(100);
    expect(drill.customers!.filter((c) => c.inNumerator)).toHaveLength(20);
    expect(drill.customers!.slice(0, 20).every((c) => c.inNumerator)).toBe(true);
    const c0 = drill.customers!.find((c) => c.customerId === 'c0')!;
    expect(c0.initialOrderAt).toBe('2024-01-10T00:00:00+01:00');
    expect(c0.lines).toEqual([
      expect.objectContaining({
        file: 'worked.csv',
        productId: 'pro',
        tier: 2,
        amount: null,
        movement: 'upsell',
      }),
    ]);
  });

  it('pages and searches: total counts the matches before the page', () => {
    const page = drillDownOf('customer-upsell-rate', { offset: 15, limit: 10 });
    expect(page.offset).toBe(15);
    expect(page.customers!.map((c) => c.inNumerator)).toEqual([
      ...Array(5).fill(true),
      ...Array(5).fill(false),
    ]);
    const found = drillDownOf('customer-upsell-rate', { search: 'C1' });
    // c1, c10..c19 (c100 does not exist): 11 customers, any case.
    expect(found.total).toBe(11);
    expect(found.customers!.every((c) => c.customerId.startsWith('c1'))).toBe(true);
  });

  it('gives lines, not customers, for the purchase up-sell rate', () => {
    const drill = drillDownOf('purchase-upsell-rate');
    expect(drill.customers).toBeUndefined();
    expect(drill.total).toBe(20);
    expect(drill.lines!.every((l) => l.movement === 'upsell')).toBe(true);
  });

  it('lists the upsell lines of the purchase up-sell rate first, each group in its order, page by page', () => {
    const output = runMetric([workedExample(20, 100)], {
      definition: { period: 'month', metric: 'purchase-upsell-rate' },
      explain: { period: '2024-02' },
    });
    const [upsell] = output.explanation.lines;
    const line = (n: number, movement: 'upsell' | 'repeat' | 'initial') => ({
      ...upsell!,
      line: n,
      movement,
    });
    const input = {
      definition: output.definition,
      result: buildMetricResult(output.counters, output),
      explanation: {
        customers: [],
        lines: [
          line(2, 'repeat'),
          line(3, 'upsell'),
          line(4, 'initial'),
          line(5, 'upsell'),
          line(6, 'repeat'),
        ],
      },
      period: '2024-02',
      segment: {},
      files: ['worked.csv'],
    };
    expect(buildDrillDown(input).lines!.map((l) => `${l.line} ${l.movement}`)).toEqual([
      '3 upsell',
      '5 upsell',
      '2 repeat',
      '4 initial',
      '6 repeat',
    ]);
    expect(buildDrillDown(input, { offset: 1, limit: 2 }).lines!.map((l) => l.line)).toEqual([5, 2]);
  });

  it('gives a null row for a period without one', () => {
    const output = runMetric([workedExample(2, 5)], {
      definition: { period: 'month' },
      explain: { period: '2023-05' },
    });
    const drill = buildDrillDown({
      definition: output.definition,
      result: buildMetricResult(output.counters, output),
      explanation: output.explanation,
      period: '2023-05',
      segment: {},
      files: [],
    });
    expect(drill).toMatchObject({ row: null, total: 0, customers: [] });
  });
});

describe('the explanation behind a drill-down', () => {
  const definitionOf = (metric: 'customer-upsell-rate' | 'purchase-upsell-rate') => ({
    period: 'month' as const,
    metric,
    timeZone: 'Europe/Paris',
  });

  it('gathers the customers for a customer rate and the lines for the purchase up-sell rate, not both', () => {
    const customers = runMetric([workedExample(20, 100)], {
      definition: definitionOf('customer-upsell-rate'),
      explain: { period: '2024-02' },
    }).explanation;
    expect(customers.customers).toHaveLength(100);
    expect(customers.lines).toEqual([]);
    const lines = runMetric([workedExample(20, 100)], {
      definition: definitionOf('purchase-upsell-rate'),
      explain: { period: '2024-02' },
    }).explanation;
    expect(lines.customers).toEqual([]);
    expect(lines.lines.length).toBeGreaterThan(0);
  });

  it('stops with LIMIT_EXCEEDED once more customers and lines than the limit are behind the row', () => {
    const run = (limit: number) =>
      runMetric([workedExample(20, 100)], {
        definition: definitionOf('customer-upsell-rate'),
        explain: { period: '2024-02', limit },
      });
    const all = run(1_000_000).explanation;
    const gathered = all.customers.length + all.customers.reduce((sum, c) => sum + c.lines.length, 0);
    expect(run(gathered).explanation).toEqual(all);
    expect(() => run(gathered - 1)).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', message: expect.stringContaining('more than') }),
    );
  });
});
