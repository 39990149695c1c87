import { describe, expect, it } from 'vitest';
import type { DefinitionInput } from '../src/definition.ts';
import type { UpsellError } from '../src/errors.ts';
import { mapColumns, parseColumnMap } from '../src/input/column-mapping.ts';
import { resolveRule } from '../src/input/resolve-rule.ts';
import { computeMetric } from '../src/run-metric.ts';
import { errorOf, table, workedExample } from './helpers.ts';

const run = (definition: DefinitionInput, explain?: { period: string; segment?: Record<string, string> }) =>
  computeMetric([workedExample(2, 4)], explain === undefined ? { definition } : { definition, explain });

// Every way a mapping, a rule, a segment or the reported periods can be wrong: what the core
// throws for each must speak of the data, never of a front end's flags.
const CASES: [string, () => unknown, UpsellError['code'], Record<string, unknown>][] = [
  [
    'a mapping entry without =',
    () => parseColumnMap(['customer_id']),
    'INVALID_ARGUMENT',
    { entry: 'customer_id' },
  ],
  [
    'a mapping entry of an unknown field',
    () => parseColumnMap(['colour=Paint']),
    'INVALID_ARGUMENT',
    { entry: 'colour=Paint', field: 'colour' },
  ],
  [
    'a mapped column missing from the header',
    () => mapColumns(['customer', 'date', 'sku'], { amount: 'Revenue' }, { file: 'a.csv' }),
    'UNKNOWN_COLUMN',
    { field: 'amount', column: 'Revenue', file: 'a.csv', columns: ['customer', 'date', 'sku'] },
  ],
  [
    'two columns for one field',
    () => mapColumns(['customer', 'client_id', 'date', 'sku']),
    'AMBIGUOUS_COLUMN',
    { field: 'customer_id', candidates: ['customer', 'client_id'] },
  ],
  [
    'a required field missing',
    () => mapColumns(['customer', 'sku']),
    'MISSING_COLUMN',
    { field: 'purchased_at', columns: ['customer', 'sku'] },
  ],
  [
    'rule auto with nothing to tell an upsell by',
    () => resolveRule('auto', { kind: false, tier: false, amount: false }),
    'RULE_NEEDS_COLUMN',
    { rule: 'auto', candidates: ['kind', 'tier', 'amount'] },
  ],
  [
    'rule price without amounts',
    () => resolveRule('price', { kind: false, tier: true, amount: false }),
    'RULE_NEEDS_COLUMN',
    { rule: 'price', field: 'amount' },
  ],
  [
    'rule flag in a file without a kind column',
    () =>
      computeMetric([table('customer_id,purchased_at,product_id\nc1,2024-01-01,a')], {
        definition: { rule: 'flag' },
      }),
    'RULE_NEEDS_COLUMN',
    { rule: 'flag', field: 'kind' },
  ],
  [
    'a segment of a column the definition is not segmented by',
    () => run({ period: 'month' }, { period: '2024-02', segment: { channel: 'online' } }),
    'INVALID_ARGUMENT',
    { field: 'segment', column: 'channel', by: [] },
  ],
  [
    'a segment without a value for a segment column',
    () => run({ period: 'month', by: ['tier'] }, { period: '2024-02' }),
    'INVALID_ARGUMENT',
    { field: 'segment', missing: ['tier'], by: ['tier'] },
  ],
  [
    'from after to',
    () => run({ period: 'month', from: '2024-03', to: '2024-01' }),
    'INVALID_DEFINITION',
    { field: 'from', from: '2024-03', to: '2024-01' },
  ],
];

describe('core errors speak the domain', () => {
  it.each(CASES)('%s: carries its code and details', (_case, call, code, details) => {
    const error = errorOf(call);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject(details);
  });

  it.each(CASES)('%s: names no command-line flag', (_case, call) => {
    expect(errorOf(call).message).not.toMatch(/(^|[\s(])--?[a-z]/);
  });

  it('words from after to in the definition’s own terms', () => {
    expect(errorOf(() => run({ period: 'month', from: '2024-03', to: '2024-01' })).message).toBe(
      'the first period reported (from 2024-03) is after the last (to 2024-01)',
    );
  });

  it('words a rule’s missing column without a remedy', () => {
    expect(errorOf(() => resolveRule('tier', { kind: false, tier: false, amount: true })).message).toBe(
      'rule tier needs a tier column',
    );
  });
});
