import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api.tsx';
import { TokensPage } from './tokens-page.tsx';

// The signed-in token (renderWithApi signs in as `test-admin-token`, of id `test-admin-token-id`).
const adminRow = {
  id: 'test-admin-token-id',
  name: 'first admin',
  role: 'admin',
  prefix: '',
  createdAt: '2024-04-01T08:00:00.000Z',
  lastUsedAt: '2024-04-02T09:30:00.000Z',
  revokedAt: null,
};
const ciRow = { ...adminRow, id: 't2', name: 'ci job', role: 'viewer', prefix: 'ups_ab12', lastUsedAt: null };
const oldRow = { ...ciRow, id: 't3', name: 'old laptop', revokedAt: '2024-04-03T00:00:00.000Z' };
const otherAdminRow = { ...adminRow, id: 't4', name: 'second admin', prefix: 'ups_cd34' };

describe('TokensPage', () => {
  it('lists every token with its role, prefix, dates and whether it is revoked', async () => {
    renderWithApi(<TokensPage />, { role: 'admin', responses: { 'token.list': [adminRow, ciRow, oldRow] } });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('ci job');
    expect(rows[2]).toHaveTextContent('ups_ab12…');
    expect(rows[2]).toHaveTextContent('never');
    expect(within(rows[3]!).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
    expect(within(rows[2]!).getByRole('button', { name: 'Revoke ci job' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('you are signed in with it');
    expect(rows[1]).toHaveTextContent('chosen by hand (not shown)');
    expect(rows[2]).not.toHaveTextContent('you are signed in with it');
  });

  it('shows a new token once, with a copy button and a warning, and never again', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { calls } = renderWithApi(<TokensPage />, {
      role: 'admin',
      responses: {
        'token.list': [adminRow],
        'token.create': { token: 'ups_secret-token-value-123456789', row: { ...ciRow, name: 'ci job' } },
      },
    });
    await userEvent.type(await screen.findByLabelText('Name (who or what uses it)'), 'ci job');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'viewer');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByLabelText('The new token');
    expect(shown).toHaveValue('ups_secret-token-value-123456789');
    expect(screen.getByText(/this is the only time it is shown/)).toBeInTheDocument();
    expect(calls.find((call) => call.path === 'token.create')?.input).toEqual({
      name: 'ci job',
      role: 'viewer',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('ups_secret-token-value-123456789');
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'I have copied it: hide the token' }));
    expect(screen.queryByDisplayValue('ups_secret-token-value-123456789')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('ups_secret-token-value-123456789');
    expect(screen.getByRole('button', { name: 'Create token' })).toBeInTheDocument();
  });

  it('revokes a token after confirmation, and shows why the server refused', async () => {
    const { calls } = renderWithApi(<TokensPage />, {
      role: 'admin',
      responses: {
        // A stale list: the second admin was revoked elsewhere, so the server refuses.
        'token.list': [adminRow, otherAdminRow, ciRow],
        'token.revoke': (input: { id: string }) =>
          input.id === adminRow.id
            ? apiError(
                'CONFLICT',
                'This is the last admin token: create another admin token before revoking it',
              )
            : { ...ciRow, revokedAt: '2024-04-05T00:00:00.000Z' },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke ci job' }));
    await userEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke token' }),
    );
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.find((call) => call.path === 'token.revoke')?.input).toEqual({ id: 't2' });

    await userEvent.click(screen.getByRole('button', { name: 'Revoke first admin' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('You are signed in with this token: revoking it signs you out.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This is the last admin token');
  });

  it('offers no revoke control on the signed-in token when it is the last admin token, and says why', async () => {
    renderWithApi(<TokensPage />, { role: 'admin', responses: { 'token.list': [adminRow, ciRow, oldRow] } });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).queryByRole('button')).not.toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Not revocable: the last admin token');
    expect(screen.getByText(/You are signed in with the only admin token/)).toBeInTheDocument();
    expect(within(rows[2]!).getByRole('button', { name: 'Revoke ci job' })).toBeInTheDocument();
  });

  it('offers revoking the signed-in admin token when another admin token is active', async () => {
    renderWithApi(<TokensPage />, {
      role: 'admin',
      responses: {
        'token.list': [
          adminRow,
          otherAdminRow,
          { ...otherAdminRow, id: 't5', revokedAt: adminRow.createdAt },
        ],
      },
    });
    expect(await screen.findByRole('button', { name: 'Revoke first admin' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke second admin' })).toBeInTheDocument();
    expect(screen.queryByText(/You are signed in with the only admin token/)).not.toBeInTheDocument();
  });

  it('shows nothing of the tokens to an analyst', () => {
    const { calls } = renderWithApi(<TokensPage />, { role: 'analyst' });
    expect(screen.getByText(/Only admins manage tokens/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
