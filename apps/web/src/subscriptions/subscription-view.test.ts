import { describe, expect, it } from 'vitest';
import {
  cohortDefinition,
  DEFAULT_SUBSCRIPTION_VIEW,
  movementsDefinition,
  rateDefinition,
  subscriptionViewFromParams,
  withViewFiscalYearStart,
  withViewPeriod,
  writeSubscriptionView,
} from './subscription-view.ts';

const read = (query: string) => subscriptionViewFromParams(new URLSearchParams(query));

describe('the subscription dashboard’s URL', () => {
  it('is empty for the defaults: by month, UTC, all customers, the latest period', () => {
    expect(read('')).toEqual({ view: DEFAULT_SUBSCRIPTION_VIEW, ignored: [] });
    expect(writeSubscriptionView(new URLSearchParams(), DEFAULT_SUBSCRIPTION_VIEW).toString()).toBe('');
  });

  it('round-trips every field and keeps other parameters', () => {
    const view = {
      period: 'quarter' as const,
      timeZone: 'Europe/Paris',
      by: ['region'],
      from: '2024-Q1',
      to: '2024-12-31',
      at: '2024-Q2',
      target: 30,
    };
    const params = writeSubscriptionView(new URLSearchParams('view=table'), view);
    expect(params.get('view')).toBe('table');
    expect(subscriptionViewFromParams(params)).toEqual({ view, ignored: [] });
  });

  it('leaves a wrong value at its default and says why', () => {
    const { view, ignored } = read('period=fortnight&tz=Europe/Paris&target=120&at=March&from=2024-13');
    expect(view).toEqual({ ...DEFAULT_SUBSCRIPTION_VIEW, timeZone: 'Europe/Paris' });
    expect(ignored).toEqual([
      'period=fortnight: use all, day, week, month, quarter, year',
      'from=2024-13: use a period such as 2024-03 or a date 2024-03-15',
      'at=March: not a period label such as 2024-03',
      'target=120: use a percentage from 0 to 100',
    ]);
  });

  it('drops the chosen period and turns labels into days when the unit changes', () => {
    expect(
      withViewPeriod(
        { ...DEFAULT_SUBSCRIPTION_VIEW, from: '2024-03', to: '2024-04', at: '2024-04' },
        'quarter',
      ),
    ).toEqual({
      ...DEFAULT_SUBSCRIPTION_VIEW,
      period: 'quarter',
      from: '2024-03-01',
      to: '2024-04-30',
    });
  });

  it('asks the API for the bridge and for both rates against the SaaS benchmark', () => {
    const view = { ...DEFAULT_SUBSCRIPTION_VIEW, by: ['region'], from: '2024-02', target: 30 };
    expect(movementsDefinition(view, false)).toEqual({
      period: 'month',
      timeZone: 'UTC',
      by: [],
      from: '2024-02',
    });
    expect(movementsDefinition(view, true).by).toEqual(['region']);
    expect(rateDefinition(view, 'upgrade')).toEqual({
      metric: 'subscription-upsell-rate',
      rule: 'upgrade',
      eligible: 'existing',
      period: 'month',
      timeZone: 'UTC',
      by: [],
      from: '2024-02',
      industry: 'saas',
      target: 0.3,
    });
  });

  it('asks for the cohorts under the subscription upsell rate’s rule, segments kept, no target', () => {
    const view = { ...DEFAULT_SUBSCRIPTION_VIEW, by: ['region'], from: '2024-02', to: '2024-04', target: 30 };
    expect(cohortDefinition(view)).toEqual({
      metric: 'subscription-upsell-rate',
      rule: 'expansion',
      period: 'month',
      timeZone: 'UTC',
      by: ['region'],
      from: '2024-02',
      to: '2024-04',
    });
  });
});

describe('fiscal quarters and years', () => {
  it('reads fy and fiscal labels from the URL, writes them back and sends them to the API', () => {
    const { view, ignored } = read('period=quarter&fy=4&from=FY2025-Q1&at=FY2025-Q2');
    expect(ignored).toEqual([]);
    expect(view).toMatchObject({ fiscalYearStart: 4, from: 'FY2025-Q1', at: 'FY2025-Q2' });
    expect(writeSubscriptionView(new URLSearchParams(), view).get('fy')).toBe('4');
    expect(movementsDefinition(view, false).fiscalYearStart).toBe(4);
    expect(rateDefinition(view, 'expansion').fiscalYearStart).toBe(4);
    expect(cohortDefinition(view).fiscalYearStart).toBe(4);
    expect(read('fy=0').ignored).toEqual(['fy=0: use the month the fiscal year starts in, 1 to 12']);
  });

  it('drops the chosen period and keeps the days of from/to when the fiscal year start changes', () => {
    const view = {
      ...DEFAULT_SUBSCRIPTION_VIEW,
      period: 'quarter' as const,
      from: 'FY2025-Q1',
      at: 'FY2025-Q2',
      fiscalYearStart: 4,
    };
    const calendar = withViewFiscalYearStart(view, undefined);
    expect(calendar).toEqual({ ...DEFAULT_SUBSCRIPTION_VIEW, period: 'quarter', from: '2024-04-01' });
  });
});
