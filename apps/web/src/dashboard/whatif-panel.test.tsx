import { fireEvent, render, screen } from '@testing-library/react';
import type { MetricResult } from '@upsell/core';
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
        /Customer upsell rate observed at 8\.0% over Jan 2025 to Jul 2025; at 22\.0% the upsell revenue would change by \+\$15,000,000\.00 a year\./,
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
    expect(screen.getByText(/the projection is a loss/)).toBeInTheDocument();
  });

  it('says why there is no projection without amounts', () => {
    const rows = RESULT.rows.map((row) => ({ ...row, revenue: null }));
    render(<WhatIfPanel result={{ ...RESULT, rows }} target={22} currency="USD" onTargetChange={vi.fn()} />);
    expect(screen.getByText(/No projection: the input has no amounts/)).toBeInTheDocument();
    expect(document.querySelector('.whatif-year')).toBeNull();
  });
});
