import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DashboardPage } from '../dashboard/dashboard-page.tsx';
import { metricResult, QUARTERS, SHOP } from '../dashboard/testing/fixtures.ts';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { DatasetDashboard } from './dataset-dashboard.tsx';
import { SAAS } from './testing/worked-example.ts';

const ui = (
  <DatasetDashboard
    name="x"
    purchases={<p>purchase dashboard</p>}
    subscriptions={<p>subscription dashboard</p>}
  />
);

/** A summary answered when the test says so: the kind is unknown until then. */
function heldSummary<T>() {
  let answer: (summary: T) => void = () => {};
  const summary = new Promise<T>((resolve) => {
    answer = resolve;
  });
  return { summary: () => summary, answer: (value: T) => answer(value) };
}

/** The real purchase dashboard behind the switch, so its queries are the ones counted. */
const withPurchaseDashboard = (prefetch?: () => void) => (
  <DatasetDashboard
    name="x"
    purchases={<DashboardPage name="x" />}
    subscriptions={<p>subscription dashboard</p>}
    prefetch={prefetch}
  />
);

const PURCHASE_RESPONSES = {
  'definition.list': [],
  'target.list': [],
  'metric.query': () => metricResult(QUARTERS),
};

describe('DatasetDashboard', () => {
  it('opens the subscription dashboard for a subscription dataset', async () => {
    renderWithApi(ui, { responses: { 'dataset.byId': SAAS } });
    expect(await screen.findByText('subscription dashboard')).toBeInTheDocument();
  });

  it('opens the purchase dashboard for purchases', async () => {
    renderWithApi(ui, { responses: { 'dataset.byId': { ...SHOP, kind: 'purchases' } } });
    expect(await screen.findByText('purchase dashboard')).toBeInTheDocument();
  });

  it('shows neither page while the summary is on its way, only that the dataset is loading', async () => {
    const held = heldSummary<typeof SHOP>();
    renderWithApi(ui, { responses: { 'dataset.byId': held.summary } });
    expect(screen.getByRole('status')).toHaveTextContent('Loading the dataset x…');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText('purchase dashboard')).not.toBeInTheDocument();
    expect(screen.queryByText('subscription dashboard')).not.toBeInTheDocument();
    held.answer(SHOP);
    expect(await screen.findByText('purchase dashboard')).toBeInTheDocument();
  });

  it('asks no purchase metric of a subscription dataset, even while its summary is on its way', async () => {
    const held = heldSummary<typeof SAAS>();
    const { calls } = renderWithApi(withPurchaseDashboard(), {
      responses: { ...PURCHASE_RESPONSES, 'dataset.byId': held.summary },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    held.answer(SAAS);
    expect(await screen.findByText('subscription dashboard')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.map((c) => c.path)).toEqual(['dataset.byId']);
  });

  it('asks for the purchase numbers once the summary says purchases, its code loading meanwhile', async () => {
    const held = heldSummary<typeof SHOP>();
    const prefetch = vi.fn();
    const { calls } = renderWithApi(withPurchaseDashboard(prefetch), {
      responses: { ...PURCHASE_RESPONSES, 'dataset.byId': held.summary },
      path: '/datasets/x',
    });
    await waitFor(() => expect(prefetch).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.path)).toEqual(['dataset.byId']);
    held.answer(SHOP);
    await waitFor(() => expect(calls.map((c) => c.path)).toContain('metric.query'));
    expect(await screen.findByRole('heading', { name: 'Latest period: Q3 2024' })).toBeInTheDocument();
  });
});
