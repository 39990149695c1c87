import { MrrMovementsResultSchema } from '@upsell/core';
import { workedExampleBridge } from '@upsell/test-support/worked-example';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../terminal.ts';
import { mrrCsvReporter, mrrJsonReporter, mrrTableReporter } from './mrr-reporters.ts';

// The spec's worked example, worked by hand once (@upsell/test-support).
const WORKED_EXAMPLE_BRIDGE = workedExampleBridge();

const plain: Terminal = { out: () => {}, err: () => {}, color: false, progress: false };

describe('mrr reporters on the worked example of SUBSCRIPTIONS.md', () => {
  it('the fixture is a bridge the schema accepts', () => {
    expect(MrrMovementsResultSchema.parse(WORKED_EXAMPLE_BRIDGE)).toEqual(WORKED_EXAMPLE_BRIDGE);
  });

  it('json prints the result exactly, as the API returns it', () => {
    expect(JSON.parse(mrrJsonReporter(WORKED_EXAMPLE_BRIDGE, plain))).toEqual(WORKED_EXAMPLE_BRIDGE);
  });

  it('the table has one line per period with the bridge, customers and retention', () => {
    const lines = mrrTableReporter(WORKED_EXAMPLE_BRIDGE, plain).split('\n');
    expect(lines[0]).toBe('MRR movements (USD)');
    expect(lines).toContain('Input: 8 rows read, 8 accepted, 0 rejected');
    const march = lines.find((line) => line.startsWith('2024-03 '))!.split(/\s{2,}/);
    // Period, start, new, reactivation, expansion, contraction, churn, end, customers, NRR, GRR, logo churn, ARPA.
    expect(march).toEqual([
      '2024-03',
      '30.00',
      '0.00',
      '0.00',
      '45.00',
      '0.00',
      '0.00',
      '75.00',
      '3 -> 3',
      '250.0%',
      '100.0%',
      '0.0%',
      '25.00',
    ]);
    const january = lines.find((line) => line.startsWith('2024-01 '))!.split(/\s{2,}/);
    // No start cohort: retention and the quick ratio are blank, not 0.
    expect(january).toEqual([
      '2024-01',
      '0.00',
      '30.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '30.00',
      '0 -> 3',
      '10.00',
    ]);
  });

  it('the table splits expansion by cause for the periods that have one', () => {
    const text = mrrTableReporter(WORKED_EXAMPLE_BRIDGE, plain);
    const causes = text.slice(text.indexOf('By cause'));
    expect(causes.split('\n')[1]).toMatch(
      /^Period\s+Movement\s+upgrade\s+downgrade\s+add_on\s+cancellation\s+quantity\s+price\s+Total$/,
    );
    const march = causes.split('\n').filter((line) => line.startsWith('2024-'));
    expect(march).toHaveLength(1);
    expect(march[0]!.split(/\s+/)).toEqual([
      '2024-03',
      'expansion',
      '20.00',
      '0.00',
      '5.00',
      '0.00',
      '20.00',
      '0.00',
      '45.00',
    ]);
  });

  it('csv has every figure in its own column, absent ratios empty', () => {
    const [header, january, february] = mrrCsvReporter(WORKED_EXAMPLE_BRIDGE, plain).split('\n');
    expect(header).toBe(
      'period,mrr_start,new,reactivation,expansion,contraction,churn,mrr_end,expansion_upgrade,expansion_downgrade,expansion_add_on,expansion_cancellation,expansion_quantity,expansion_price,contraction_upgrade,contraction_downgrade,contraction_add_on,contraction_cancellation,contraction_quantity,contraction_price,customers_start,customers_end,new_customers,churned_customers,reactivated_customers,nrr,grr,logo_retention,arpa,quick_ratio',
    );
    expect(january).toBe('2024-01,0,30,0,0,0,0,30,0,0,0,0,0,0,0,0,0,0,0,0,0,3,3,0,0,,,,10,');
    expect(february).toBe(
      '2024-02,30,10,0,0,0,10,30,0,0,0,0,0,0,0,0,0,0,0,0,3,3,1,1,0,0.666667,0.666667,0.666667,10,1',
    );
  });

  it('csv keeps a negative cause a number and segments in their columns', () => {
    const [row] = WORKED_EXAMPLE_BRIDGE.rows;
    const result = {
      ...WORKED_EXAMPLE_BRIDGE,
      definition: { ...WORKED_EXAMPLE_BRIDGE.definition, by: ['channel'] },
      rows: [
        {
          ...row!,
          segment: { channel: '=web' },
          expansion_by_cause: { ...row!.expansion_by_cause, downgrade: -5 },
        },
      ],
    };
    const [header, line] = mrrCsvReporter(result, plain).split('\n');
    expect(header!.startsWith('period,channel,mrr_start,')).toBe(true);
    expect(line!.split(',').slice(0, 2)).toEqual(['2024-01', "'=web"]);
    expect(line!.split(',')[10]).toBe('-5');
  });

  it('says so when there are no rows', () => {
    expect(mrrTableReporter({ ...WORKED_EXAMPLE_BRIDGE, rows: [] }, plain)).toContain('(no rows:');
  });
});
