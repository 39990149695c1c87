import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { DefinitionsPage } from './definitions-page.tsx';

const monthly = {
  id: 'd1',
  name: 'monthly by channel',
  description: 'What the board sees',
  definition: {
    metric: 'customer-upsell-rate',
    rule: 'tier',
    eligible: 'existing',
    period: 'month',
    timeZone: 'Europe/Paris',
    by: ['channel'],
    target: 0.2,
  },
  createdAt: '2024-04-01T08:00:00.000Z',
  updatedAt: '2024-04-02T08:00:00.000Z',
};

describe('DefinitionsPage', () => {
  it('shows a viewer the saved definitions, read only', async () => {
    renderWithApi(<DefinitionsPage />, {
      role: 'viewer',
      responses: { 'definition.list': [monthly] },
      path: '/definitions?edit=new',
    });
    const row = within(await screen.findByRole('table')).getAllByRole('row')[1]!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Customer upsell rate',
      'tier',
      'existing',
      'month',
      'Europe/Paris',
      'channel',
      expect.stringMatching(/^2 Apr 2024, /),
    ]);
    expect(screen.queryByRole('link', { name: 'New definition' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
  });

  it('creates a definition from form controls', async () => {
    const { calls } = renderWithApi(<DefinitionsPage />, {
      role: 'analyst',
      path: '/definitions?edit=new',
      responses: {
        'definition.list': [],
        'definition.create': (input: object) => ({ ...monthly, ...input }),
      },
    });
    await userEvent.type(screen.getByLabelText('Name'), 'weekly active');
    await userEvent.selectOptions(screen.getByLabelText('Metric'), 'customer-cross-sell-rate');
    await userEvent.selectOptions(screen.getByLabelText('Rule (which later line is an upsell)'), 'price');
    await userEvent.selectOptions(screen.getByLabelText('Eligible customers'), 'active');
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'week');
    const zone = screen.getByLabelText('Time zone');
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Mars/Base');
    expect(zone).toHaveAccessibleDescription(expect.stringContaining('“Mars/Base” is not a time zone'));
    expect(screen.getByRole('button', { name: 'Save definition' })).toBeDisabled();
    await userEvent.clear(zone);
    await userEvent.type(zone, 'America/New_York');
    await userEvent.type(screen.getByLabelText('Segment by (optional)'), 'region, channel');
    await userEvent.click(screen.getByRole('button', { name: 'Save definition' }));
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(calls.find((call) => call.path === 'definition.create')?.input).toEqual({
      name: 'weekly active',
      definition: {
        metric: 'customer-cross-sell-rate',
        rule: 'price',
        eligible: 'active',
        period: 'week',
        timeZone: 'America/New_York',
        by: ['region', 'channel'],
      },
    });
  });

  it('edits a definition, keeping the fields the form does not show', async () => {
    const { calls } = renderWithApi(<DefinitionsPage />, {
      role: 'analyst',
      responses: { 'definition.list': [monthly], 'definition.update': monthly },
      path: '/definitions',
    });
    await userEvent.click(await screen.findByRole('link', { name: 'Edit monthly by channel' }));
    expect(window.location.search).toBe('?edit=d1');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Paris');
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'quarter');
    await userEvent.clear(screen.getByLabelText('Description (optional)'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('definition.update'));
    expect(calls.find((call) => call.path === 'definition.update')?.input).toEqual({
      id: 'd1',
      name: 'monthly by channel',
      description: null,
      definition: { ...monthly.definition, period: 'quarter' },
    });
  });

  it('deletes a definition after a confirmation', async () => {
    const { calls } = renderWithApi(<DefinitionsPage />, {
      role: 'admin',
      responses: { 'definition.list': [monthly], 'definition.delete': null },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete monthly by channel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete definition' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.find((call) => call.path === 'definition.delete')?.input).toEqual({ id: 'd1' });
  });
});
