import { writeFileSync } from 'node:fs';
import type { MetricResult } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

describe('--catalog', () => {
  it('takes tiers and families from a product catalog, so the tier rule works on an export without them', () => {
    const result = runUpsellJson<MetricResult>([
      'rate',
      'examples/no-tiers.csv',
      '--catalog',
      'examples/catalog.csv',
      '--period',
      'all',
      '--format',
      'json',
    ]);
    // ann ANA 1 -> 2 and dan STO 1 -> 3 are upsells; bob goes down, cat buys another family.
    expect(result.definition.rule).toBe('tier');
    expect(result.rows[0]).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
  });

  it('reports a bad catalog row like any other bad row, and stops', () => {
    const temp = makeTempDir();
    const catalog = temp.path('catalog.csv');
    writeFileSync(catalog, 'product_id,tier\nANA-BASIC,1\nANA-PRO,gold\n');
    const { status, stderr } = runUpsell([
      'rate',
      'examples/no-tiers.csv',
      '--catalog',
      catalog,
      '--period',
      'all',
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain(
      `${catalog}:3:2 (tier): tier "gold" is not a whole number >= 0 (1 = entry level)`,
    );
    expect(stderr).toContain('catalog: 1 rejected');
    temp.remove();
  });

  it('names a catalog file that does not exist', () => {
    const { status, stderr } = runUpsell(['rate', 'examples/no-tiers.csv', '--catalog', 'examples/nope.csv']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: examples/nope.csv: no such file\n');
  });
});
