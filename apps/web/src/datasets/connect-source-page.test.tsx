import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api.tsx';
import { ConnectSourcePage } from './connect-source-page.tsx';

describe('ConnectSourcePage', () => {
  it('tells non-admins that only admins connect sources, and shows no form', async () => {
    renderWithApi(<ConnectSourcePage />, { role: 'analyst' });
    expect(await screen.findByText(/Only admins connect sources/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect' })).toBeNull();
  });

  it('sends the source with its mapping and time, the optional names left out when empty', async () => {
    const { calls } = renderWithApi(<ConnectSourcePage />, {
      role: 'admin',
      responses: { 'source.create': { name: 'warehouse' } },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Dataset name'), 'warehouse');
    await user.type(screen.getByLabelText('Source URL'), 'postgres://reader:pw@db/shop');
    await user.type(screen.getByLabelText('Table or view'), 'sales.purchases');
    await user.type(screen.getByLabelText('Column mapping (optional)'), 'customer_id=client');
    const ttl = screen.getByLabelText('Read again after (seconds)');
    await user.clear(ttl);
    await user.type(ttl, '60');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(calls.some((call) => call.path === 'source.create')).toBe(true));
    expect(calls.find((call) => call.path === 'source.create')?.input).toEqual({
      name: 'warehouse',
      url: 'postgres://reader:pw@db/shop',
      table: 'sales.purchases',
      map: { customer_id: 'client' },
      ttlSeconds: 60,
    });
  });

  it('needs no table for Parquet files, and names a mapping line it cannot read', async () => {
    renderWithApi(<ConnectSourcePage />, { role: 'admin' });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Dataset name'), 'files');
    await user.type(screen.getByLabelText('Source URL'), 'parquet:exports/*.parquet');
    expect((screen.getByLabelText(/Table \(none/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(false);
    await user.type(screen.getByLabelText('Column mapping (optional)'), 'client');
    expect(screen.getByText(/line 1: write field=Column/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the server's reason when the source cannot be read", async () => {
    renderWithApi(<ConnectSourcePage />, {
      role: 'admin',
      responses: {
        'source.create': apiError(
          'UNPROCESSABLE_CONTENT',
          'the source could not be read: relation "orders" does not exist',
          {
            upsellCode: 'SOURCE_FAILED',
          },
        ),
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Dataset name'), 'w');
    await user.type(screen.getByLabelText('Source URL'), 'postgres://reader:pw@db/shop');
    await user.type(screen.getByLabelText('Table or view'), 'orders');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText(/relation "orders" does not exist/)).toBeTruthy();
  });
});
