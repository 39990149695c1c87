import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { TargetsPage } from './targets-page.tsx';

const overall = {
  id: 'g1',
  metric: 'customer-upsell-rate',
  segment: {},
  rate: 0.225,
  createdAt: '2024-04-01T08:00:00.000Z',
  updatedAt: '2024-04-01T08:00:00.000Z',
};
const online = { ...overall, id: 'g2', segment: { channel: 'online' }, rate: 0.3 };

describe('TargetsPage', () => {
  it('lists targets in percent, for all customers or a segment, read only for a viewer', async () => {
    renderWithApi(<TargetsPage />, { role: 'viewer', responses: { 'target.list': [overall, online] } });
    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('all customers');
    expect(rows[1]).toHaveTextContent('22.5%');
    expect(rows[2]).toHaveTextContent('channel = online');
    expect(screen.queryByRole('button', { name: 'Set target' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('sets a target for a segment, turning the percent into a fraction', async () => {
    const { calls } = renderWithApi(<TargetsPage />, {
      role: 'admin',
      responses: { 'target.list': [], 'dataset.list': [], 'target.set': online },
    });
    await userEvent.selectOptions(screen.getByLabelText('Metric'), 'purchase-upsell-rate');
    await userEvent.type(screen.getByLabelText('Target rate (%)'), '22.5');
    await userEvent.click(screen.getByRole('button', { name: 'Add a segment condition' }));
    await userEvent.type(screen.getByLabelText('Dimension 1'), 'channel');
    await userEvent.type(screen.getByLabelText('Value 1'), 'online');
    await userEvent.click(screen.getByRole('button', { name: 'Set target' }));
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('target.set'));
    expect(calls.find((call) => call.path === 'target.set')?.input).toEqual({
      metric: 'purchase-upsell-rate',
      segment: { channel: 'online' },
      rate: 0.225,
    });
  });

  it('refuses a rate over 100 percent', async () => {
    renderWithApi(<TargetsPage />, { role: 'admin', responses: { 'target.list': [], 'dataset.list': [] } });
    await userEvent.type(screen.getByLabelText('Target rate (%)'), '120');
    expect(screen.getByLabelText('Target rate (%)')).toHaveAccessibleDescription(
      'A percentage from 0 to 100, e.g. 22.5.',
    );
    expect(screen.getByRole('button', { name: 'Set target' })).toBeDisabled();
  });

  it('deletes a target after a confirmation', async () => {
    const { calls } = renderWithApi(<TargetsPage />, {
      role: 'admin',
      responses: { 'target.list': [online], 'dataset.list': [], 'target.delete': null },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: /Delete target of Customer upsell rate for channel = online/,
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete target' }));
    await waitFor(() =>
      expect(calls.find((call) => call.path === 'target.delete')?.input).toEqual({ id: 'g2' }),
    );
  });
});
