import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { DEFAULT_DEFINITION } from './dashboard-definition.ts';
import { DrillDownDialog } from './drill-down-dialog.tsx';
import { DRILL_PAGE_SIZE } from './drill-down-input.ts';
import { drillCustomer, drillDownPages, metricRow } from './testing/fixtures.ts';

const TARGET = { metric: 'customer-upsell-rate' as const, period: '2024-Q3', segment: { channel: 'online' } };

function open(onClose = vi.fn()) {
  const result = renderWithApi(
    <DrillDownDialog
      dataset="shop"
      definition={{ ...DEFAULT_DEFINITION, by: ['channel'], target: 20 }}
      target={TARGET}
      onClose={onClose}
    />,
    { role: 'viewer', responses: { 'metric.customers': drillDownPages(45, 12) } },
  );
  const customerCalls = () =>
    result.calls.filter((call) => call.path === 'metric.customers').map((call) => call.input);
  return { ...result, customerCalls, onClose };
}

describe('DrillDownDialog', () => {
  it('asks for the row with its period label and segment, and no period unit', async () => {
    const { customerCalls } = open();
    await screen.findByText('c-1');
    expect(customerCalls()).toEqual([
      {
        dataset: 'shop',
        definition: {
          metric: 'customer-upsell-rate',
          rule: 'auto',
          eligible: 'all',
          timeZone: 'UTC',
          target: 0.2,
        },
        period: '2024-Q3',
        segment: { channel: 'online' },
        offset: 0,
        limit: DRILL_PAGE_SIZE,
      },
    ]);
  });

  it('lists numerator customers first, each line with its reason', async () => {
    open();
    const dialog = await screen.findByRole('dialog', { name: 'Customers behind Q3 2024, online' });
    await within(dialog).findByText('c-1');
    const items = within(dialog).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('In the numerator');
    expect(items[0]).toHaveTextContent('tier 2 is above the highest earlier tier 1 in family plan');
    expect(items[0]).toHaveTextContent('Upsell');
    expect(items[12]).toHaveTextContent('Denominator only');
    expect(within(dialog).getByText(/26\.7% — 12 of 45 customers/)).toBeInTheDocument();
  });

  it('pages with offset and limit', async () => {
    const { customerCalls } = open();
    expect(await screen.findByText('1–20 of 45 customers')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('21–40 of 45 customers')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('41–45 of 45 customers')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(customerCalls().map((input) => (input as { offset: number }).offset)).toEqual([0, 20, 40]);
  });

  it('searches as one types, from the first page', async () => {
    const { customerCalls } = open();
    await screen.findByText('1–20 of 45 customers');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('21–40 of 45 customers');
    await userEvent.type(screen.getByLabelText('Search by customer, product or order id'), 'C-4');
    expect(await screen.findByText('1–7 of 7 customers matching “C-4”')).toBeInTheDocument();
    expect(customerCalls().at(-1)).toMatchObject({ search: 'C-4', offset: 0 });
  });

  it('says when nothing matches', async () => {
    open();
    await screen.findByText('1–20 of 45 customers');
    await userEvent.type(screen.getByLabelText('Search by customer, product or order id'), 'zzz{Enter}');
    expect(await screen.findByText('No customers matching “zzz”.')).toBeInTheDocument();
  });

  it('takes focus, and closes on Escape and on Close', async () => {
    const { onClose } = open();
    const heading = await screen.findByRole('heading', { name: 'Customers behind Q3 2024, online' });
    expect(heading).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Close the drill-down' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('keeps Tab inside the dialog', async () => {
    open();
    await screen.findByText('c-1');
    const dialog = screen.getByRole('dialog');
    for (let i = 0; i < 8; i++) {
      await userEvent.tab();
      await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    }
  });

  describe('lines as people read them', () => {
    const line = (n: number, movement: 'upsell' | 'repeat', reason: string) => ({
      ...drillCustomer('c-1', true).lines[0]!,
      line: n,
      movement,
      reason,
      purchasedAt: '2024-03-07T14:05:09+01:00',
      amount: 1234567.5,
    });
    const LONG_REASON =
      'tier 3 is above the highest earlier tier 2 in family analytics, whose earlier order of 2023-10-11 set it, and the period counts it once';

    function openLines() {
      return renderWithApi(
        <DrillDownDialog
          dataset="shop"
          definition={{ ...DEFAULT_DEFINITION, timeZone: 'Europe/Paris' }}
          target={{ metric: 'purchase-upsell-rate', period: '2024-Q1', segment: {} }}
          onClose={vi.fn()}
        />,
        {
          role: 'viewer',
          responses: {
            'metric.customers': {
              metric: 'purchase-upsell-rate',
              definition: {
                rule: 'tier',
                eligible: 'all',
                period: 'quarter',
                timeZone: 'Europe/Paris',
                by: [],
              },
              period: '2024-Q1',
              segment: {},
              row: metricRow('2024-Q1', 2, 3),
              total: 3,
              offset: 0,
              // The server lists the upsell lines first (the core's buildDrillDown).
              lines: [
                line(7, 'upsell', LONG_REASON),
                line(9, 'upsell', 'up'),
                line(3, 'repeat', 'same tier'),
              ],
            },
          },
        },
      );
    }

    it('keeps the upsell lines first, as the server lists them, and marks them', async () => {
      openLines();
      const table = await screen.findByRole('table', { name: 'Lines behind Q1 2024, All customers' });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows.map((row) => row.className)).toEqual([
        'movement-upsell',
        'movement-upsell',
        'movement-repeat',
      ]);
      expect(rows[0]).toHaveTextContent('▲ Upsell');
      expect(rows[2]).not.toHaveTextContent('▲');
    });

    it('shows times in the definition’s zone in human form, the exact time on hover, and amounts in full', async () => {
      openLines();
      const table = await screen.findByRole('table', { name: 'Lines behind Q1 2024, All customers' });
      const first = within(table).getAllByRole('row')[1]!;
      const when = first.querySelector('time')!;
      expect(when.textContent).toMatch(/^(7 Mar 2024|Mar 7, 2024), 14:05$/);
      expect(when).toHaveAttribute('title', '2024-03-07T14:05:09+01:00');
      expect(first).toHaveTextContent('1,234,567.50');
      // The whole reason is there, in a cell that wraps.
      expect(within(first).getByText(LONG_REASON, { exact: false }).closest('td')).toHaveClass('reason');
    });
  });
});
