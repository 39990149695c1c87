import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api.tsx';
import { DashboardPage } from './dashboard-page.tsx';
import { drillDownPages, EMPTY, metricResult, metricRow, QUARTERS, SHOP } from './testing/fixtures.ts';

interface QueryInput {
  dataset: string;
  definition: { metric: string; by: string[]; period: string };
}

/** `metric.query` answering by metric and segmenting. */
function metricQuery(input: QueryInput) {
  if (input.definition.metric === 'purchase-upsell-rate')
    return metricResult([metricRow('2024-Q3', 50, 1000)], { metric: 'purchase-upsell-rate' });
  if (input.definition.by.length > 0)
    return metricResult(
      [
        metricRow('2024-Q3', 30, 100, { segment: { channel: 'online' } }),
        metricRow('2024-Q3', 4, 100, { segment: { channel: 'partner' } }),
        metricRow('2024-Q3', 2, 100, { segment: { channel: 'sales' } }),
      ],
      { by: input.definition.by },
    );
  return metricResult(QUARTERS);
}

const RESPONSES = {
  'dataset.byId': SHOP,
  'definition.list': [],
  'target.list': [],
  'metric.query': metricQuery,
  'metric.customers': drillDownPages(30, 5),
};

describe('DashboardPage', () => {
  it('computes the definition in the URL and shows the latest period', async () => {
    const { calls } = renderWithApi(<DashboardPage name="shop" />, {
      responses: RESPONSES,
      path: '/datasets/shop?eligible=existing&tz=Europe%2FParis',
    });
    expect(await screen.findByRole('heading', { name: 'Latest period: Q3 2024' })).toBeInTheDocument();
    const queries = calls
      .filter((c) => c.path === 'metric.query')
      .map((c) => (c.input as QueryInput).definition);
    expect(queries).toContainEqual({
      metric: 'customer-upsell-rate',
      rule: 'auto',
      eligible: 'existing',
      period: 'quarter',
      timeZone: 'Europe/Paris',
      by: [],
    });
    expect(screen.getByText('36 of 300 customers')).toBeInTheDocument();
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      /Customer upsell rate by quarter, Q1 2024 to Q3 2024/,
    );
  });

  it('puts the numbers first and says the definition in one line, with the rule the server resolved', async () => {
    renderWithApi(<DashboardPage name="shop" />, { responses: RESPONSES, path: '/datasets/shop' });
    const heading = await screen.findByRole('heading', { name: 'Latest period: Q3 2024' });
    const line = screen.getByText('Customer upsell rate, tier rule, all customers, by quarter, UTC');
    expect(line.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Definition' })).not.toBeInTheDocument();
    expect(screen.getByText(/3 Jan 2024 to 28 Sept? 2024|Jan 3, 2024 to Sep 28, 2024/)).toBeInTheDocument();
  });

  it('opens the definition form from Edit, and applies a change to the line and the URL', async () => {
    renderWithApi(<DashboardPage name="shop" />, { responses: RESPONSES, path: '/datasets/shop' });
    await screen.findByRole('heading', { name: 'Latest period: Q3 2024' });
    const edit = screen.getByRole('button', { name: 'Edit the definition' });
    expect(edit).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(edit);
    expect(screen.getByRole('form', { name: 'Definition' })).toBeInTheDocument();
    const done = screen.getByRole('button', { name: 'Done editing the definition' });
    expect(done).toHaveAttribute('aria-expanded', 'true');
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'month');
    expect(window.location.search).toBe('?period=month');
    expect(screen.getByText(/Customer upsell rate, .*, all customers, by month, UTC/)).toBeInTheDocument();
    await userEvent.click(done);
    expect(screen.queryByRole('form', { name: 'Definition' })).not.toBeInTheDocument();
  });

  it('names the saved target that applies when the target is left empty', async () => {
    renderWithApi(<DashboardPage name="shop" />, {
      responses: {
        ...RESPONSES,
        'target.list': [
          {
            id: 't1',
            metric: 'customer-upsell-rate',
            segment: { channel: 'online' },
            rate: 0.3,
            createdAt: '',
            updatedAt: '',
          },
          { id: 't2', metric: 'customer-upsell-rate', segment: {}, rate: 0.15, createdAt: '', updatedAt: '' },
        ],
      },
      path: '/datasets/shop',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit the definition' }));
    expect(await screen.findByText('Empty: the saved target, 15.0%.')).toBeInTheDocument();
  });

  it('says a dataset without purchases needs an upload, with a link for analysts', async () => {
    renderWithApi(<DashboardPage name="empty" />, {
      role: 'analyst',
      responses: { ...RESPONSES, 'dataset.byId': EMPTY },
      path: '/datasets/empty',
    });
    expect(await screen.findByText('No purchases in empty yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Upload purchases' })).toHaveAttribute(
      'href',
      '/datasets/empty/append',
    );
  });

  it('tells a viewer who can upload, and offers no upload link', async () => {
    renderWithApi(<DashboardPage name="empty" />, {
      role: 'viewer',
      responses: { ...RESPONSES, 'dataset.byId': EMPTY },
      path: '/datasets/empty',
    });
    expect(await screen.findByText(/An analyst or admin needs to upload/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /append|upload/i })).not.toBeInTheDocument();
  });

  it('says what to do when the definition is refused, and resets it', async () => {
    renderWithApi(<DashboardPage name="shop" />, {
      responses: {
        ...RESPONSES,
        'metric.query': (input: QueryInput) =>
          input.definition.period === 'day'
            ? apiError('BAD_REQUEST', 'Unknown time zone "Mars/Base"', { upsellCode: 'INVALID_TIME_ZONE' })
            : metricQuery(input),
      },
      path: '/datasets/shop?period=day&tz=Mars/Base',
    });
    expect(await screen.findByText('Could not compute the numbers')).toBeInTheDocument();
    expect(screen.getByText('Unknown time zone "Mars/Base"')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'reset the definition to its defaults' }));
    expect(window.location.search).toBe('');
    expect(await screen.findByRole('heading', { name: 'Latest period: Q3 2024' })).toBeInTheDocument();
  });

  it('says when the dataset does not exist', async () => {
    renderWithApi(<DashboardPage name="nope" />, {
      responses: { ...RESPONSES, 'dataset.byId': apiError('NOT_FOUND', 'No dataset "nope"') },
      path: '/datasets/nope',
    });
    expect(await screen.findByText('No dataset "nope"')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the datasets' })).toBeInTheDocument();
  });

  it('opens the drill-down from a row of the trend table, by keyboard', async () => {
    const { calls } = renderWithApi(<DashboardPage name="shop" />, {
      responses: RESPONSES,
      path: '/datasets/shop',
    });
    await screen.findByRole('heading', { name: 'Latest period: Q3 2024' });
    await userEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
    const button = screen.getByRole('button', { name: 'Customers behind Q2 2024' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(
      await screen.findByRole('dialog', { name: 'Customers behind Q2 2024, All customers' }),
    ).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'metric.customers')?.input).toMatchObject({
      period: '2024-Q2',
      segment: {},
    });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('breaks down by a dimension chosen in one click, sortable by name', async () => {
    renderWithApi(<DashboardPage name="shop" />, { responses: RESPONSES, path: '/datasets/shop' });
    await userEvent.click(await screen.findByRole('button', { name: /channel/ }));
    expect(window.location.search).toBe('?by=channel');
    expect(await screen.findByRole('heading', { name: 'By channel' })).toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'By channel' });
    await userEvent.click(within(section).getByRole('button', { name: 'Table' }));
    const segments = () =>
      within(section)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.children[1]?.textContent);
    expect(segments()).toEqual(['online', 'partner', 'sales']);
    await userEvent.selectOptions(within(section).getByLabelText('Sort by'), 'name');
    await userEvent.click(within(section).getByRole('button', { name: /Reverse it/ }));
    expect(segments()).toEqual(['sales', 'partner', 'online']);
  });
});
