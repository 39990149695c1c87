import {
  computeMetric,
  type DefinitionInput,
  mapColumns,
  parseColumnMap,
  parseSubscriptionColumnMap,
  resolveRule,
  UpsellError,
} from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { describeUpsellError } from './describe-upsell-error.ts';

function described(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof UpsellError) return describeUpsellError(error);
    throw error;
  }
  throw new Error('expected the call to throw');
}

const small = {
  header: ['customer_id', 'purchased_at', 'product_id', 'tier'],
  rows: [['c1', '2024-01-10', 'basic', '1']],
};
const run = (definition: DefinitionInput, explain?: { period: string; segment?: Record<string, string> }) =>
  computeMetric([small], explain === undefined ? { definition } : { definition, explain });

// The CLI's stderr as it was when the core still wrote the flags into its messages.
describe('describeUpsellError adds the flags that fix a core error', () => {
  it('names --map for a missing required column', () => {
    expect(described(() => mapColumns(['customer', 'sku'], {}, { file: 'a.csv' }))).toBe(
      'a.csv: no purchased_at column: looked for "purchased_at", "date", "order_date", "created_at", "timestamp", "purchase_date" in the header (customer, sku); map one with --map purchased_at=<column>',
    );
  });

  it('names --map to choose between two columns', () => {
    expect(described(() => mapColumns(['customer', 'client_id', 'date', 'sku']))).toBe(
      'columns "customer" and "client_id" could both be customer_id: choose one with --map customer_id=<column>',
    );
  });

  it('starts with the --map entry whose column the header lacks', () => {
    expect(
      described(() => mapColumns(['customer', 'date', 'sku'], { amount: 'Revenue' }, { file: 'a.csv' })),
    ).toBe('a.csv: --map amount=Revenue: no column "Revenue" in the header (customer, date, sku)');
  });

  it('words a malformed --map entry', () => {
    expect(described(() => parseColumnMap(['customer_id']))).toBe(
      '--map "customer_id": write it as field=Column, e.g. customer_id=Client',
    );
    expect(described(() => parseColumnMap(['colour=Paint']))).toBe(
      '--map "colour=Paint": "colour" is not a purchase field; fields are customer_id, purchased_at, product_id, amount, quantity, tier, family, kind, order_id',
    );
  });

  it('words an unknown --map field of subscription history with the subscription fields', () => {
    expect(described(() => parseSubscriptionColumnMap(['colour=Paint']))).toBe(
      '--map "colour=Paint": "colour" is not a subscription field; fields are customer_id, subscription_id, plan_id, starts_at, ends_at, event, effective_at, amount, interval, interval_count, quantity, currency, tier, family',
    );
  });

  it('names --map and --rule additional when rule auto finds nothing to go by', () => {
    expect(described(() => resolveRule('auto', { kind: false, tier: false, amount: false }))).toBe(
      'rule auto: the input has no kind, tier or amount column to tell an upsell by; map one with --map, or use --rule additional (any purchase after the initial order)',
    );
  });

  it('names --map for the column a rule needs', () => {
    expect(described(() => resolveRule('price', { kind: false, tier: true, amount: false }))).toBe(
      'rule price needs an amount column; map one with --map amount=<column>',
    );
  });

  it('names --segment and --by for a segment the definition is not segmented by', () => {
    expect(described(() => run({ period: 'month' }, { period: '2024-01', segment: { channel: 'x' } }))).toBe(
      '--segment channel: the definition is not segmented by channel (add --by channel)',
    );
  });

  it('names --segment for a segment column without a value', () => {
    expect(described(() => run({ period: 'month', by: ['tier'] }, { period: '2024-01' }))).toBe(
      '--segment: give a value for tier=<value>',
    );
  });

  it('names --from and --to when they are reversed', () => {
    expect(described(() => run({ period: 'month', from: '2024-03', to: '2024-01' }))).toBe(
      '--from 2024-03 is after --to 2024-01',
    );
  });

  it('keeps the message of an error it has no remedy for', () => {
    const error = new UpsellError('INVALID_ARGUMENT', 'no server: give --server <url> or set UPSELL_SERVER');
    expect(describeUpsellError(error)).toBe(error.message);
    expect(described(() => run({ by: ['region'] }))).toMatch(/^cannot segment by "region"/);
  });
});

describe('describeUpsellError on a column that reads two ways', () => {
  const header = ['customer_id', 'Order Date', 'product_id', 'amount'];

  it('names --date-format with each reading for dates', () => {
    expect(
      described(() =>
        computeMetric([{ header, rows: [['a', '03/07/2024', 'p', '1']], fileName: 'p.csv' }], {
          definition: {},
        }),
      ),
    ).toBe(
      'p.csv: the dates in column "Order Date" fit both day-first and month-first (e.g. 03/07/2024): add --date-format dmy or --date-format mdy',
    );
  });

  it('names --number-format with each reading for amounts', () => {
    expect(
      described(() =>
        computeMetric([{ header, rows: [['a', '2024-03-07', 'p', '1,234']] }], { definition: {} }),
      ),
    ).toBe(
      'the numbers in column "amount" fit both decimal point and decimal comma (e.g. 1,234): add --number-format point or --number-format comma',
    );
  });
});
