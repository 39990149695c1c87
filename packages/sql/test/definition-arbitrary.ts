import type { DefinitionInput } from '@upsell/core';
import fc from 'fast-check';
import type { PurchaseCase } from './purchase-case.ts';

/**
 * The segmentations a case allows: none, its `channel` column, its customers' `region`, both,
 * and the product by a field alias (`product`, whatever the column is called).
 */
function segmentations(purchaseCase: PurchaseCase): string[][] {
  const channel = purchaseCase.columns.some((c) => c.key === 'channel');
  const region = purchaseCase.customers !== undefined;
  const options: string[][] = [[], [], ['product']];
  if (channel) options.push(['channel'], ['channel']);
  if (region) options.push(['region'], ['region']);
  if (channel && region) options.push(['channel', 'region']);
  return options;
}

/**
 * Definitions of the three purchase metrics over a case: every rule (an explicit rule whose
 * column the case lacks too, which both sides must refuse alike), eligibility, period unit,
 * UTC or Europe/Paris, calendar or fiscal quarters and years, with and without segments, now and
 * then a reported range.
 *
 * @example
 * fc.sample(definitionArbitrary(purchaseCase), 1)[0] // { metric: 'customer-upsell-rate', rule: 'tier', ... }
 */
export function definitionArbitrary(purchaseCase: PurchaseCase): fc.Arbitrary<DefinitionInput> {
  return fc
    .record({
      metric: fc.constantFrom('customer-upsell-rate', 'purchase-upsell-rate', 'customer-cross-sell-rate'),
      rule: fc.constantFrom('auto', 'auto', 'flag', 'tier', 'price', 'additional'),
      eligible: fc.constantFrom('all', 'existing', 'active'),
      period: fc.constantFrom('all', 'day', 'week', 'month', 'quarter', 'year'),
      timeZone: fc.constantFrom('UTC', 'Europe/Paris'),
      // Fiscal quarters and years now and then, from any month (a January start too).
      fiscalYearStart: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined, freq: 2 }),
      by: fc.constantFrom(...segmentations(purchaseCase)),
      range: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        fc.constantFrom(['2024-02-15', '2024-10-31'], ['2024-03-31', undefined], [undefined, '2024-06-30']),
      ),
    })
    .map(({ range, fiscalYearStart, ...definition }) => {
      const input: DefinitionInput = { ...definition } as DefinitionInput;
      if (fiscalYearStart !== undefined) input.fiscalYearStart = fiscalYearStart;
      if (range !== undefined && definition.period !== 'all') {
        if (range[0] !== undefined) input.from = range[0];
        if (range[1] !== undefined) input.to = range[1];
      }
      return input;
    });
}
