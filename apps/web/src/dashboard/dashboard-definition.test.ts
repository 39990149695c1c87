import { DEFINITION_DEFAULTS, DefinitionSchema } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import {
  type DashboardDefinition,
  DEFAULT_DEFINITION,
  definitionFromSearchParams,
  fromDefinitionInput,
  sameDefinition,
  toDefinitionInput,
  withPeriod,
  writeDefinition,
} from './dashboard-definition.ts';

const FULL: DashboardDefinition = {
  metric: 'purchase-upsell-rate',
  rule: 'tier',
  eligible: 'existing',
  period: 'month',
  timeZone: 'Europe/Paris',
  by: ['channel', 'region'],
  from: '2024-01',
  to: '2024-06-15',
  industry: 'saas',
  target: 12.5,
  benchmark: 30,
};

describe('definitionFromSearchParams and writeDefinition', () => {
  it('give every default for an empty query, and write nothing for the defaults', () => {
    expect(definitionFromSearchParams(new URLSearchParams())).toEqual({
      definition: DEFAULT_DEFINITION,
      ignored: [],
    });
    expect(writeDefinition(new URLSearchParams(), DEFAULT_DEFINITION).toString()).toBe('');
  });

  it('round-trip a definition with every field set', () => {
    const params = writeDefinition(new URLSearchParams(), FULL);
    expect(params.toString()).toBe(
      'metric=purchase-upsell-rate&rule=tier&eligible=existing&period=month&tz=Europe%2FParis' +
        '&by=channel&by=region&from=2024-01&to=2024-06-15&industry=saas&target=12.5&benchmark=30',
    );
    expect(definitionFromSearchParams(new URLSearchParams(params.toString()))).toEqual({
      definition: FULL,
      ignored: [],
    });
  });

  it('keep other parameters and replace only the ones of their prefix', () => {
    const start = new URLSearchParams('view=table&a.period=year&b.period=month');
    const next = writeDefinition(start, { ...DEFAULT_DEFINITION, metric: 'customer-cross-sell-rate' }, 'a.');
    expect(next.toString()).toBe('view=table&b.period=month&a.metric=customer-cross-sell-rate');
    expect(definitionFromSearchParams(next, 'a.').definition.period).toBe('quarter');
    expect(definitionFromSearchParams(next, 'b.').definition.period).toBe('month');
  });

  it('ignore wrong values, keep the default and say why', () => {
    const { definition, ignored } = definitionFromSearchParams(
      new URLSearchParams('period=fortnight&target=120&from=last+spring&metric=customer-upsell-rate'),
    );
    expect(definition).toEqual(DEFAULT_DEFINITION);
    expect(ignored).toEqual([
      'period=fortnight: use day, week, month, quarter, year, all',
      'from=last spring: use a period such as 2024-Q1 or a date 2024-02-15',
      'target=120: use a percentage from 0 to 100',
    ]);
  });

  describe('edge cases', () => {
    it('drop a benchmark without an industry, both when reading and writing', () => {
      const { definition, ignored } = definitionFromSearchParams(new URLSearchParams('benchmark=30'));
      expect(definition.benchmark).toBeUndefined();
      expect(ignored).toEqual([
        'benchmark=30: a benchmark replaces an industry figure: choose an industry too',
      ]);
      expect(
        writeDefinition(new URLSearchParams(), { ...DEFAULT_DEFINITION, benchmark: 30 }).toString(),
      ).toBe('');
    });

    it('keep dimension names with commas and skip blanks and repeats', () => {
      const params = new URLSearchParams('by=a%2Cb&by=&by=c&by=a%2Cb');
      expect(definitionFromSearchParams(params).definition.by).toEqual(['a,b', 'c']);
    });

    it('keep at most 8 dimensions', () => {
      const params = new URLSearchParams([...'abcdefghij'].map((name) => ['by', name]));
      const { definition, ignored } = definitionFromSearchParams(params);
      expect(definition.by).toEqual([...'abcdefgh']);
      expect(ignored).toHaveLength(1);
    });

    it('refuse a time zone that is not a zone name', () => {
      expect(definitionFromSearchParams(new URLSearchParams('tz=<script>')).definition.timeZone).toBe('UTC');
      expect(
        definitionFromSearchParams(new URLSearchParams('tz=America/Argentina/Buenos_Aires')).definition
          .timeZone,
      ).toBe('America/Argentina/Buenos_Aires');
    });
  });
});

describe('DEFAULT_DEFINITION', () => {
  it('is the core’s defaults, which the API’s schema gives an empty definition', () => {
    expect(DEFAULT_DEFINITION).toEqual(DEFINITION_DEFAULTS);
    expect(DEFAULT_DEFINITION).toEqual(DefinitionSchema.parse({}));
  });
});

describe('toDefinitionInput and fromDefinitionInput', () => {
  it('turn percentages into the fractions the API validates, and back', () => {
    const input = toDefinitionInput(FULL);
    expect(input).toMatchObject({ target: 0.125, industry: 'saas', benchmarks: { saas: 0.3 } });
    expect(DefinitionSchema.parse(input)).toMatchObject({ period: 'month', by: ['channel', 'region'] });
    expect(fromDefinitionInput(input)).toEqual(FULL);
  });

  it('convert as the CLI does: the same typed percentage gives the API the same fraction', () => {
    for (const target of [20, 12.5, 0.3, 22.3, 0.1 + 0.2]) {
      expect(toDefinitionInput({ ...DEFAULT_DEFINITION, target }).target).toBe(target / 100);
    }
  });

  it('give back a typed percentage with no float noise from a saved fraction', () => {
    for (const target of [0.3, 22.3, 7, 99.99]) {
      expect(fromDefinitionInput(toDefinitionInput({ ...DEFAULT_DEFINITION, target })).target).toBe(target);
    }
  });

  it('read a saved definition that has only some fields', () => {
    expect(fromDefinitionInput({ period: 'year', target: 0.07 })).toEqual({
      ...DEFAULT_DEFINITION,
      period: 'year',
      target: 7,
    });
  });

  it('compare definitions by what they compute', () => {
    expect(sameDefinition(FULL, { ...FULL, by: ['channel', 'region'] })).toBe(true);
    expect(sameDefinition(FULL, { ...FULL, target: 13 })).toBe(false);
  });
});

describe('withPeriod', () => {
  it('turns a from/to label of the old unit into the days it covers', () => {
    const next = withPeriod({ ...DEFAULT_DEFINITION, from: '2024-Q1', to: '2024-Q2' }, 'month');
    expect(next).toMatchObject({ period: 'month', from: '2024-01-01', to: '2024-06-30' });
  });

  it('keeps dates as they are', () => {
    const next = withPeriod({ ...DEFAULT_DEFINITION, from: '2024-02-15' }, 'week');
    expect(next.from).toBe('2024-02-15');
  });
});
