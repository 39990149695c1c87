import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api.tsx';
import { DatasetsPage } from './datasets-page.tsx';

const shop = {
  id: 'id-shop',
  name: 'shop',
  version: 3,
  createdAt: '2024-04-01T00:00:00.000Z',
  rows: 12345,
  accepted: 12340,
  rejected: 5,
  customers: 678,
  columns: [],
  dateRange: { first: '2024-01-05T10:00:00.000Z', last: '2024-03-31T23:00:00.000Z' },
  tiers: [],
  families: [],
  dimensions: [],
  files: [],
};
const empty = {
  ...shop,
  id: 'id-empty',
  name: 'empty',
  version: 0,
  rows: 0,
  accepted: 0,
  rejected: 0,
  customers: 0,
  dateRange: null,
};

const headline = {
  metric: 'customer-upsell-rate',
  latest: {
    period: '2024-Q1',
    rate: 0.0512,
    numerator: 320,
    denominator: 6250,
    ci95: [0.046, 0.057],
    band: 'weak',
    uncertain: false,
  },
  trend: [
    { period: '2023-Q3', rate: 0.041 },
    { period: '2023-Q4', rate: 0.055 },
    { period: '2024-Q1', rate: 0.0512 },
  ],
};

const connected = {
  ...shop,
  id: 'id-warehouse',
  name: 'warehouse',
  version: 0,
  rejected: 0,
  customers: 0,
  source: {
    kind: 'postgres',
    location: 'postgres://reader:***@db.internal:5432/shop',
    table: 'sales.purchases',
    map: {},
    position: null,
    customersTable: null,
    catalogTable: null,
    ttlSeconds: 600,
    lastReadAt: '2024-04-02T09:30:00.000Z',
    rows: 12345,
    latestPurchaseAt: '2024-03-31T23:00:00.000Z',
    updatedAt: '2024-04-01T00:00:00.000Z',
  },
};

describe('DatasetsPage', () => {
  it('shows where a connected dataset lives and when it was last read, with no import for it', async () => {
    renderWithApi(<DatasetsPage />, {
      role: 'admin',
      responses: { 'dataset.list': [connected, shop], 'dataset.headline': headline },
    });
    const table = await screen.findByRole('table');
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first!).getByText('postgres://reader:***@db.internal:5432/shop')).toBeTruthy();
    expect(within(first!).getByText('sales.purchases')).toBeTruthy();
    expect(within(first!).getByText(/^read /)).toBeTruthy();
    expect(within(first!).queryByRole('link', { name: /Append|Import/ })).toBeNull();
    expect(within(second!).getByRole('link', { name: /Append/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Connect a source' }).getAttribute('href')).toBe(
      '/datasets/connect',
    );
  });

  it('offers connecting a source to admins only', async () => {
    renderWithApi(<DatasetsPage />, {
      role: 'analyst',
      responses: { 'dataset.list': [shop], 'dataset.headline': headline },
    });
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: 'Connect a source' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Upload a file' })).toBeTruthy();
  });

  it('lists each dataset with its rows, customers, dates and version, linking to its dashboard', async () => {
    renderWithApi(<DatasetsPage />, {
      role: 'viewer',
      responses: { 'dataset.list': [shop, empty], 'dataset.headline': headline },
    });
    const table = await screen.findByRole('table');
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first!).getByRole('link', { name: 'shop' })).toHaveAttribute('href', '/datasets/shop');
    // The latest rate is a column of its own since issue 10 (it comes first: what people look for).
    await within(first!).findByText('5.1%');
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      '5.1% weakCustomer upsell rate, 2024-Q1: 320 of 6,250 customers',
      '12,345',
      '5',
      '678',
      '5 Jan 2024 – 31 Mar 2024',
      '3',
    ]);
    expect(second).toHaveTextContent('no purchases yet');
  });

  it('titles the rate column for both kinds and gives a subscription dataset its own headline', async () => {
    const saas = { ...shop, id: 'id-saas', name: 'saas', kind: 'subscriptions', customers: 4 };
    const subscriptionHeadline = {
      metric: 'subscription-upsell-rate',
      latest: {
        ...headline.latest,
        period: '2024-03',
        rate: 2 / 3,
        numerator: 2,
        denominator: 3,
        uncertain: true,
        band: 'strong',
      },
      trend: [{ period: '2024-03', rate: 2 / 3 }],
    };
    renderWithApi(<DatasetsPage />, {
      role: 'viewer',
      responses: {
        'dataset.list': [{ ...shop, kind: 'purchases' }, saas],
        'dataset.headline': (input: { id: string }) =>
          input.id === 'id-saas' ? subscriptionHeadline : headline,
      },
    });
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Latest upsell rate' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'From – to' })).toBeInTheDocument();
    const [, first, second] = within(table).getAllByRole('row');
    await within(second!).findByText('66.7%');
    expect(within(second!).getAllByRole('cell')[0]).toHaveTextContent(
      '66.7% strong, uncertain (few customers)Subscription upsell rate, 2024-03: 2 of 3 subscribers',
    );
    await within(first!).findByText('5.1%');
    expect(within(first!).getAllByRole('cell')[0]).toHaveTextContent(
      'Customer upsell rate, 2024-Q1: 320 of 6,250 customers',
    );
  });

  it('hides uploading and deleting from a viewer', async () => {
    renderWithApi(<DatasetsPage />, { role: 'viewer', responses: { 'dataset.list': [shop] } });
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: 'Upload a file' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Append/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('lets an analyst upload and append, but not delete', async () => {
    renderWithApi(<DatasetsPage />, { role: 'analyst', responses: { 'dataset.list': [shop, empty] } });
    await screen.findByRole('table');
    expect(screen.getByRole('link', { name: 'Upload a file' })).toHaveAttribute('href', '/datasets/new');
    expect(screen.getByRole('link', { name: 'Append a file to shop' })).toHaveAttribute(
      'href',
      '/datasets/shop/append',
    );
    expect(screen.getByRole('link', { name: 'Import a file to empty' })).toHaveAttribute(
      'href',
      '/datasets/empty/append',
    );
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('says what to do when there are no datasets', async () => {
    renderWithApi(<DatasetsPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    expect(await screen.findByText('No datasets yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Upload a CSV or NDJSON export/ })).toHaveAttribute(
      'href',
      '/datasets/new',
    );
    expect(screen.getAllByText('pnpm start')).not.toHaveLength(0);
  });

  it('shows a failure with what to do, and tries again', async () => {
    let calls = 0;
    renderWithApi(<DatasetsPage />, {
      role: 'viewer',
      responses: {
        'dataset.list': () => (++calls === 1 ? apiError('UNAUTHORIZED', 'The token was revoked') : [shop]),
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the datasets');
    expect(alert).toHaveTextContent('The token was revoked');
    expect(alert).toHaveTextContent('sign out and sign in again');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'shop' })).toBeInTheDocument();
  });

  it('deletes a dataset only once the admin types its name in the dialog', async () => {
    let datasets = [shop, empty];
    const { calls } = renderWithApi(<DatasetsPage />, {
      role: 'admin',
      responses: {
        'dataset.list': () => datasets,
        'dataset.delete': (input: { id: string }) => {
          datasets = datasets.filter((d) => d.name !== input.id);
          return null;
        },
      },
    });
    const opener = await screen.findByRole('button', { name: 'Delete dataset shop' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('alertdialog', { name: 'Delete the dataset “shop”?' });
    const typed = within(dialog).getByLabelText('Type shop to confirm');
    expect(typed).toHaveFocus();
    const confirm = within(dialog).getByRole('button', { name: 'Delete dataset' });
    expect(confirm).toBeDisabled();
    await userEvent.type(typed, 'sho');
    expect(confirm).toBeDisabled();
    await userEvent.type(typed, 'p');
    await userEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.filter((call) => call.path === 'dataset.delete')).toEqual([
      { path: 'dataset.delete', input: { id: 'shop' } },
    ]);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'shop' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'empty' })).toBeInTheDocument();
  });

  it('closes the delete dialog on Escape, deleting nothing, and gives focus back', async () => {
    const { calls } = renderWithApi(<DatasetsPage />, {
      role: 'admin',
      responses: { 'dataset.list': [shop] },
    });
    const opener = await screen.findByRole('button', { name: 'Delete dataset shop' });
    await userEvent.click(opener);
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(calls.map((call) => call.path)).not.toContain('dataset.delete');
  });

  it('keeps the delete dialog open with the server’s reason when deleting fails', async () => {
    renderWithApi(<DatasetsPage />, {
      role: 'admin',
      responses: {
        'dataset.list': [shop],
        'dataset.delete': apiError('FORBIDDEN', 'This needs the admin role'),
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete dataset shop' }));
    await userEvent.type(screen.getByLabelText('Type shop to confirm'), 'shop{Enter}');
    const dialog = screen.getByRole('alertdialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This needs the admin role');
  });

  it("shows each dataset's latest rate with its band and a sparkline, asking nothing for one without purchases", async () => {
    const { calls } = renderWithApi(<DatasetsPage />, {
      role: 'viewer',
      responses: { 'dataset.list': [shop, empty], 'dataset.headline': headline },
    });
    const table = await screen.findByRole('table');
    const [, first, second] = within(table).getAllByRole('row');
    expect(await within(first!).findByText('weak')).toHaveClass('band-weak');
    expect(first!.querySelector('svg.sparkline polyline')?.getAttribute('points')?.split(' ')).toHaveLength(
      3,
    );
    expect(within(second!).getAllByText('no purchases yet')).toHaveLength(2);
    expect(calls.filter((call) => call.path === 'dataset.headline').map((call) => call.input)).toEqual([
      { id: 'id-shop' },
    ]);
  });

  it('says a latest rate from few customers is uncertain instead of colouring its band', async () => {
    const few = {
      ...headline,
      latest: {
        ...headline.latest,
        rate: 0.2,
        numerator: 2,
        denominator: 10,
        band: 'strong',
        uncertain: true,
      },
    };
    renderWithApi(<DatasetsPage />, { responses: { 'dataset.list': [shop], 'dataset.headline': few } });
    const band = await screen.findByText(/strong, uncertain \(few customers\)/);
    expect(band).toHaveClass('band-uncertain');
    expect(band).not.toHaveClass('band-strong');
  });

  it('keeps the list when a headline cannot be computed', async () => {
    renderWithApi(<DatasetsPage />, {
      responses: { 'dataset.list': [shop], 'dataset.headline': apiError('INTERNAL_SERVER_ERROR', 'boom') },
    });
    expect(await screen.findByText('not available')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'shop' })).toBeInTheDocument();
  });
});
