import { fireEvent, render, screen } from '@testing-library/react';
import type { MetricResult, MrrMovementsResult } from '@upsell/core';
import { describe, expect, it, vi } from 'vitest';
import { metricRow } from './testing/fixtures.ts';
import { WhatIfPanel } from './whatif-panel.tsx';

// The example (docs/metrics.md, "What a target is worth"): seven months of 12,500
// eligible and 1,000 upsold (8%), $5,000,000 of upsell revenue in all: at 22%, 1,750 more a
// month worth $1,250,000, $15,000,000 a year.
const REVENUE = [700_000, 700_000, 700_000, 725_000, 725_000, 725_000, 725_000];
const RESULT: Pick<MetricResult, 'metric' | 'definition' | 'rows'> = {
  metric: 'customer-upsell-rate',
  definition: { rule: 'tier', eligible: 'all', period: 'month', timeZone: 'UTC', by: [] },
  rows: REVENUE.map((upsell, i) =>
    metricRow(`2025-0${i + 1}`, 1_000, 12_500, { revenue: { total: upsell, upsell, upsellShare: 1 } }),
  ),
};

const figure = (className: string) => document.querySelector(`.${className}`) as HTMLElement;

describe('WhatIfPanel', () => {
  it('shows what 8% -> 22% is worth a year and in the latest month, with intervals and assumptions', () => {
    render(<WhatIfPanel result={RESULT} target={22} currency="USD" onTargetChange={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'What a target is worth' })).toBeInTheDocument();
    expect(
      screen.getByText(
        /Customer upsell rate observed at 8\.0% over Jan 2025 to Jul 2025; at 22\.0% it would add \$15,000,000\.00 of upsell revenue a year\./,
      ),
    ).toBeInTheDocument();
    expect(figure('whatif-year').dataset.value).toBe('15000000');
    expect(figure('whatif-year').textContent).toMatch(
      /\+\$15,000,000\.00\s*95% CI \$14,740,45\d\.\d\d to \$15,259,54\d\.\d\d/,
    );
    expect(figure('whatif-period').textContent).toMatch(
      /^Jul 2025 \(month\)\+\$1,250,000\.00\s*12,500 eligible, 8\.0% upsold/,
    );
    expect(figure('whatif-value').textContent).toMatch(/\$714\.29/);
    expect(screen.getByText('Assumptions')).toBeInTheDocument();
    expect(screen.getByText(/x 12 months a year/)).toBeInTheDocument();
  });

  it('moves the target with the slider', () => {
    const onTargetChange = vi.fn();
    render(<WhatIfPanel result={RESULT} target={22} currency="USD" onTargetChange={onTargetChange} />);
    const slider = screen.getByRole('slider', { name: 'Target rate' });
    expect(slider).toHaveAttribute('aria-valuetext', '22.0%');
    fireEvent.change(slider, { target: { value: '30' } });
    expect(onTargetChange).toHaveBeenCalledWith(30);
  });

  it('says plainly that a target below the observed rate is a loss', () => {
    render(<WhatIfPanel result={RESULT} target={5} currency="USD" onTargetChange={vi.fn()} />);
    expect(figure('whatif-year').dataset.value).toBe('-3214285.71'); // 375 fewer a month x 5,000/7 x 12
    expect(
      screen.getByText(/at 5\.0% it would lose \$3,214,285\.71 of upsell revenue a year\./),
    ).toBeInTheDocument();
    expect(screen.getByText(/the projection is a loss/)).toBeInTheDocument();
  });

  it('shows a subscription rate in expansion MRR added per year and as ARR', () => {
    const causes = { upgrade: 0, downgrade: 0, add_on: 0, cancellation: 0, quantity: 0, price: 0 };
    const bridgeRow = (period: string, expansion: number) => ({
      period,
      segment: {},
      mrr_start: 0,
      new: 0,
      reactivation: 0,
      expansion,
      contraction: 0,
      churn: 0,
      mrr_end: 0,
      expansion_by_cause: causes,
      contraction_by_cause: causes,
      customers_start: 10,
      customers_end: 10,
      new_customers: 0,
      churned_customers: 0,
      reactivated_customers: 0,
      nrr: null,
      grr: null,
      logo_retention: null,
      arpa: null,
      quick_ratio: null,
    });
    const movements: MrrMovementsResult = {
      metric: 'mrr-movements',
      definition: { period: 'month', timeZone: 'UTC', currency: 'USD', by: [] },
      rows: [bridgeRow('2025-01', 40), bridgeRow('2025-02', 35)],
      input: { rows: 0, accepted: 0, rejected: 0 },
    };
    const rate = {
      metric: 'subscription-upsell-rate' as const,
      definition: { ...RESULT.definition, rule: 'expansion' as const, eligible: 'existing' as const },
      rows: [metricRow('2025-01', 2, 10), metricRow('2025-02', 1, 10)],
    };
    // $75 / 3 upsold = $25 of MRR; at 30%, 1 and 2 more: mean $37.50 a month x 12 = $450; ARR x 12.
    render(
      <WhatIfPanel result={rate} movements={movements} target={30} currency="USD" onTargetChange={vi.fn()} />,
    );
    expect(figure('whatif-year').textContent).toMatch(/^Extra MRR added per year\+\$450\.00/);
    expect(figure('whatif-arr').textContent).toMatch(/^As ARR\+\$5,400\.00/);
    expect(figure('whatif-value').textContent).toMatch(/^Expansion MRR per upsold customer\$25\.00/);
  });

  it('says why there is no projection without amounts', () => {
    const rows = RESULT.rows.map((row) => ({ ...row, revenue: null }));
    render(<WhatIfPanel result={{ ...RESULT, rows }} target={22} currency="USD" onTargetChange={vi.fn()} />);
    expect(screen.getByText(/No projection: the input has no amounts/)).toBeInTheDocument();
    expect(document.querySelector('.whatif-year')).toBeNull();
  });
});
