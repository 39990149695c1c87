import type { MrrMovementsRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { mrrRowsCsv } from './mrr-csv.ts';
import { MARCH_BY_REGION, WORKED_EXAMPLE_ROWS } from './testing/worked-example.ts';

describe('mrrRowsCsv', () => {
  it('writes March of the worked example with its causes flattened, as the CLI does', () => {
    const lines = mrrRowsCsv([WORKED_EXAMPLE_ROWS[2] as MrrMovementsRow], [])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(
      'period,mrr_start,new,reactivation,expansion,contraction,churn,mrr_end,' +
        'expansion_upgrade,expansion_downgrade,expansion_add_on,expansion_cancellation,expansion_quantity,expansion_price,' +
        'contraction_upgrade,contraction_downgrade,contraction_add_on,contraction_cancellation,contraction_quantity,contraction_price,' +
        'customers_start,customers_end,new_customers,churned_customers,reactivated_customers,nrr,grr,logo_retention,arpa,quick_ratio',
    );
    expect(lines[1]).toBe('2024-03,30,0,0,45,0,0,75,20,0,5,0,20,0,0,0,0,0,0,0,3,3,0,0,0,2.5,1,1,25,');
  });

  it('puts each segment’s value in its column', () => {
    const lines = mrrRowsCsv(MARCH_BY_REGION.rows, ['region']).trimEnd().split('\n');
    expect(lines[0]?.startsWith('period,region,mrr_start')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '2024-03,EU,20',
      '2024-03,US,10',
    ]);
  });
});
