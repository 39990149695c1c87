import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SHOP } from '../dashboard/testing/fixtures.ts';
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

describe('DatasetDashboard', () => {
  it('opens the subscription dashboard for a subscription dataset', async () => {
    renderWithApi(ui, { responses: { 'dataset.byId': SAAS } });
    expect(await screen.findByText('subscription dashboard')).toBeInTheDocument();
  });

  it('keeps the purchase dashboard for purchases, and while the summary is on its way', async () => {
    renderWithApi(ui, { responses: { 'dataset.byId': { ...SHOP, kind: 'purchases' } } });
    expect(screen.getByText('purchase dashboard')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText('purchase dashboard')).toBeInTheDocument();
  });
});
