import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSampleCustomers } from './generate-sample-customers.ts';
import type { SampleOptions } from './sample-options.ts';
import { sampleCustomersText, sampleRows } from './sample-rows.test-support.ts';

const HEADER = 'customer_id,region,industry,size\n';

function customerIds(options: SampleOptions): string[] {
  return sampleCustomersText(options)
    .split('\n')
    .slice(1, -1)
    .map((line) => line.split(',')[0]!);
}

function purchasingIds(options: SampleOptions): string[] {
  return [...new Set(sampleRows(options).map((r) => r.customerId))].sort();
}

describe('generateSampleCustomers', () => {
  it('lists exactly the customers who appear in the purchases', () => {
    const options = { rows: 20_000, seed: 8 };
    expect(customerIds(options)).toEqual(purchasingIds(options));
  });

  it('writes a region, industry and size for every customer', () => {
    const lines = sampleCustomersText({ rows: 5000, seed: 8 }).split('\n').slice(1, -1);
    for (const line of lines) {
      expect(line).toMatch(
        /^C\d{6},(na|emea|apac|latam),(retail|saas|consumer_goods|manufacturing|healthcare|finance),(small|mid|enterprise)$/,
      );
    }
  });

  it('gives byte-identical output for the same seed and different output for another', () => {
    const text = sampleCustomersText({ rows: 5000, seed: 8 });
    expect(sampleCustomersText({ rows: 5000, seed: 8 })).toBe(text);
    expect(sampleCustomersText({ rows: 5000, seed: 9 })).not.toBe(text);
  });

  it('checks the options when called', () => {
    expect(() => generateSampleCustomers({ rows: 1, seed: 1, months: -1 })).toThrow(
      /^generateSampleCustomers: months/,
    );
  });

  describe('edge cases', () => {
    it('writes only the header for 0 rows', () => {
      expect([...generateSampleCustomers({ rows: 0, seed: 1 })]).toEqual([HEADER]);
    });

    it('writes one customer for 1 row', () => {
      expect(customerIds({ rows: 1, seed: 1 })).toEqual(['C000001']);
    });
  });

  it('agrees with the purchases for any small sample', () => {
    fc.assert(
      fc.property(
        fc.nat(300),
        fc.integer(),
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        (rows, seed, customers) => {
          const options = { rows, seed, customers };
          return JSON.stringify(customerIds(options)) === JSON.stringify(purchasingIds(options));
        },
      ),
      { numRuns: 100 },
    );
  });
});
