import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { DashboardPage } from './dashboard-page.tsx';
import { metricResult, metricRow, SHOP } from './testing/fixtures.ts';

// Two quarters of 100 eligible, 10 upsold, $1,000 of upsell revenue each: $100 per upsold customer.
const ROWS = ['2024-Q1', '2024-Q2'].map((period) =>
  metricRow(period, 10, 100, { revenue: { total: 1_000, upsell: 1_000, upsellShare: 1 } }),
);

const RESPONSES = {
  'dataset.byId': { ...SHOP, currency: 'USD' },
  'definition.list': [],
  'target.list': [],
  'metric.query': () => metricResult(ROWS),
};

describe('the what-if panel on the dashboard', () => {
  it('starts at the target kept in the URL, and moving the slider replaces it there', async () => {
    renderWithApi(<DashboardPage name="shop" />, { responses: RESPONSES, path: '/datasets/shop?whatif=30' });
    const slider = await screen.findByRole('slider', { name: 'Target rate' });
    expect(slider).toHaveValue('30');
    // 20 more a quarter x $100 x 4.
    expect((document.querySelector('.whatif-year') as HTMLElement).dataset.value).toBe('8000');
    const entries = window.history.length;
    fireEvent.change(slider, { target: { value: '40' } });
    expect(new URLSearchParams(window.location.search).get('whatif')).toBe('40');
    expect(window.history.length).toBe(entries);
    expect((document.querySelector('.whatif-year') as HTMLElement).dataset.value).toBe('12000');
  });

  it("starts at the definition's target, else at 20%", async () => {
    renderWithApi(<DashboardPage name="shop" />, { responses: RESPONSES, path: '/datasets/shop?target=25' });
    expect(await screen.findByRole('slider', { name: 'Target rate' })).toHaveValue('25');
  });

  it('starts at 20% without a target', async () => {
    renderWithApi(<DashboardPage name="shop" />, { responses: RESPONSES, path: '/datasets/shop' });
    expect(await screen.findByRole('slider', { name: 'Target rate' })).toHaveValue('20');
  });
});
