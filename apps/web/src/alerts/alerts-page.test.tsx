import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { AlertsPage } from './alerts-page.tsx';

const shop = { id: 'd1', name: 'shop', kind: 'purchases' };
const saas = { id: 'd2', name: 'saas', kind: 'subscriptions' };
const rule = {
  id: 'r1',
  name: 'Quarter below target',
  datasetId: 'd1',
  definition: { metric: 'customer-upsell-rate', period: 'quarter', target: 0.2 },
  condition: 'below-target',
  threshold: null,
  url: 'https://hooks.example.com/upsell',
  createdAt: '2024-04-01T08:00:00.000Z',
};
const firing = {
  id: 'f1',
  ruleId: 'r1',
  key: 'r1:below-target:2024-Q2:%5B%5D',
  condition: 'below-target',
  period: '2024-Q2',
  segment: {},
  message: '2024-Q2: 9.8% is below the target 20%',
  datasetVersion: 3,
  status: 'delivered',
  attempts: 3,
  nextAttemptAt: null,
  deliveredAt: '2024-04-01T08:01:00.000Z',
  createdAt: '2024-04-01T08:00:00.000Z',
};
const attempt = (n: number, status: string, httpStatus: number, error: string | null) => ({
  id: `a${n}`,
  firingId: 'f1',
  attempt: n,
  status,
  httpStatus,
  error,
  durationMs: 12,
  createdAt: `2024-04-01T08:0${n}:00.000Z`,
});
const responses = {
  'dataset.list': [shop, saas],
  'alert.list': [rule],
  'alert.firings': [firing],
  'alert.deliveries': [
    attempt(3, 'delivered', 200, null),
    attempt(2, 'failed', 500, 'the receiver answered HTTP 500'),
    attempt(1, 'failed', 500, 'the receiver answered HTTP 500'),
  ],
};

describe('AlertsPage', () => {
  it('lists rules, firings and every delivery attempt with its status, read only for a viewer', async () => {
    renderWithApi(<AlertsPage />, { role: 'viewer', responses, path: '/alerts' });
    const rules = await screen
      .findByRole('table', { name: 'Alert rules' })
      .catch(() => screen.findAllByRole('table'));
    expect(rules).toBeDefined();
    const tables = await screen.findAllByRole('table');
    const [ruleRows, firingRows, deliveryRows] = tables.map((t) => within(t).getAllByRole('row'));
    expect(ruleRows?.[1]).toHaveTextContent('Quarter below target');
    expect(ruleRows?.[1]).toHaveTextContent('shop');
    expect(ruleRows?.[1]).toHaveTextContent('Rate below its target');
    expect(firingRows?.[1]).toHaveTextContent('2024-Q2: 9.8% is below the target 20%');
    expect(within(firingRows![1]!).getByText('delivered')).toHaveClass('status-badge', 'status-delivered');
    expect(deliveryRows).toHaveLength(4);
    expect(within(deliveryRows![2]!).getByText('failed')).toHaveClass('status-failed');
    expect(deliveryRows?.[2]).toHaveTextContent('the receiver answered HTTP 500');
    expect(screen.queryByRole('button', { name: /Send test/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create rule' })).not.toBeInTheDocument();
  });

  it("reads one dataset's alerts from the URL", async () => {
    const { calls } = renderWithApi(<AlertsPage />, {
      role: 'viewer',
      responses,
      path: '/alerts?dataset=shop',
    });
    await screen.findAllByRole('table');
    expect(calls.find((c) => c.path === 'alert.list')?.input).toEqual({ dataset: 'shop' });
    expect(calls.find((c) => c.path === 'alert.firings')?.input).toEqual({ dataset: 'shop', limit: 50 });
  });

  it('sends a test and says what the receiver answered', async () => {
    const { calls } = renderWithApi(<AlertsPage />, {
      role: 'admin',
      path: '/alerts',
      responses: {
        ...responses,
        'alert.test': {
          firing: { ...firing, id: 'f2', condition: 'test' },
          delivery: attempt(1, 'delivered', 204, null),
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Send test of Quarter below target' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Test of “Quarter below target”: delivered (HTTP 204, 12 ms).',
    );
    expect(calls.find((c) => c.path === 'alert.test')?.input).toEqual({ id: 'r1' });
  });

  it('creates an NRR rule on a subscription dataset, the threshold in percent, and shows the secret once', async () => {
    const { calls } = renderWithApi(<AlertsPage />, {
      role: 'admin',
      path: '/alerts',
      responses: {
        ...responses,
        'alert.create': {
          rule: { ...rule, id: 'r2', name: 'NRR', datasetId: 'd2', condition: 'nrr-below', threshold: 0.9 },
          secret: 'whsec_shown-once',
        },
      },
    });
    await userEvent.type(await screen.findByLabelText('Name'), 'NRR');
    await within(screen.getByLabelText('Dataset')).findByRole('option', { name: 'saas' });
    await userEvent.selectOptions(screen.getByLabelText('Dataset'), 'saas');
    await userEvent.selectOptions(screen.getByLabelText('Condition'), 'nrr-below');
    await userEvent.type(screen.getByLabelText('Threshold (%)'), '90');
    await userEvent.type(screen.getByLabelText('Webhook URL'), 'https://hooks.example.com/nrr');
    await userEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(calls.map((c) => c.path)).toContain('alert.create'));
    expect(calls.find((c) => c.path === 'alert.create')?.input).toEqual({
      name: 'NRR',
      dataset: 'saas',
      condition: 'nrr-below',
      definition: { period: 'month', metric: 'subscription-upsell-rate' },
      url: 'https://hooks.example.com/nrr',
      threshold: 0.9,
    });
    expect(await screen.findByLabelText('The signing secret')).toHaveValue('whsec_shown-once');
    await userEvent.click(screen.getByRole('button', { name: 'I have copied it: hide the secret' }));
    expect(screen.queryByDisplayValue('whsec_shown-once')).not.toBeInTheDocument();
  });

  it('offers NRR and GRR only for a subscription dataset, and deletes a rule after a confirmation', async () => {
    const { calls } = renderWithApi(<AlertsPage />, {
      role: 'admin',
      path: '/alerts',
      responses: { ...responses, 'alert.delete': null },
    });
    const select = await screen.findByLabelText('Dataset');
    await within(select).findByRole('option', { name: 'shop' });
    await userEvent.selectOptions(select, 'shop');
    const options = within(screen.getByLabelText('Condition'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).not.toContain('NRR below a threshold');
    await userEvent.click(await screen.findByRole('button', { name: /Delete rule Quarter below target/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete rule' }));
    await waitFor(() => expect(calls.find((c) => c.path === 'alert.delete')?.input).toEqual({ id: 'r1' }));
  });
});
