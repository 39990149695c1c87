import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import type { Comparison } from './api-types.ts';
import { ComparePage } from './compare-page.tsx';
import { drillCustomer, metricResult, metricRow, SHOP } from './testing/fixtures.ts';

const A = [metricRow('2024-Q1', 10, 100), metricRow('2024-Q2', 12, 100)];
const B = [metricRow('2024-Q2', 20, 110), metricRow('2024-Q3', 5, 50)];

const COMPARISON: Comparison = {
  a: metricResult(A),
  b: { ...metricResult(B, { metric: 'purchase-upsell-rate' }) },
  rows: [
    {
      period: '2024-Q1',
      segment: {},
      a: A[0]!,
      b: null,
      difference: null,
      numeratorDifference: null,
      denominatorDifference: null,
    },
    {
      period: '2024-Q2',
      segment: {},
      a: A[1]!,
      b: B[0]!,
      difference: 0.061818,
      numeratorDifference: 8,
      denominatorDifference: 10,
    },
    {
      period: '2024-Q3',
      segment: {},
      a: null,
      b: B[1]!,
      difference: null,
      numeratorDifference: null,
      denominatorDifference: null,
    },
  ],
};

const RESPONSES = { 'dataset.byId': SHOP, 'definition.list': [], 'metric.compare': COMPARISON };

describe('ComparePage', () => {
  it('sends both definitions from the URL, a. and b. prefixed', async () => {
    const { calls } = renderWithApi(<ComparePage name="shop" />, {
      responses: RESPONSES,
      path: '/datasets/shop/compare?a.rule=tier&b.rule=price&b.metric=purchase-upsell-rate&b.period=month',
    });
    await screen.findByRole('table');
    expect(calls.find((c) => c.path === 'metric.compare')?.input).toEqual({
      dataset: 'shop',
      a: {
        metric: 'customer-upsell-rate',
        rule: 'tier',
        eligible: 'all',
        period: 'quarter',
        timeZone: 'UTC',
        by: [],
      },
      b: {
        metric: 'purchase-upsell-rate',
        rule: 'price',
        eligible: 'all',
        period: 'month',
        timeZone: 'UTC',
        by: [],
      },
    });
  });

  it('shows both rates, the difference and the count differences row by row', async () => {
    renderWithApi(<ComparePage name="shop" />, { responses: RESPONSES, path: '/datasets/shop/compare' });
    const table = await screen.findByRole('table');
    const cells = (period: string) =>
      within(within(table).getByRole('rowheader', { name: period }).closest('tr')!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells('Q1 2024')).toEqual(['10.0% — 10 of 100 customers', 'no row', '—', '—', '—']);
    expect(cells('Q2 2024')).toEqual([
      '12.0% — 12 of 100 customers',
      '18.2% — 20 of 110 lines',
      '+6.2 pts',
      '+8',
      '+10',
    ]);
    expect(cells('Q3 2024')).toEqual(['no row', '10.0% — 5 of 50 lines', '—', '—', '—']);
  });

  it('changes one side in the URL from its own controls, and swaps the sides', async () => {
    renderWithApi(<ComparePage name="shop" />, {
      responses: RESPONSES,
      path: '/datasets/shop/compare?a.rule=tier&b.rule=price',
    });
    await screen.findByRole('table');
    const b = screen.getByRole('form', { name: 'Definition B' });
    await userEvent.selectOptions(within(b).getByLabelText('Period'), 'year');
    expect(decodeURIComponent(window.location.search)).toBe('?a.rule=tier&b.rule=price&b.period=year');
    await userEvent.click(screen.getByRole('button', { name: 'Swap A and B' }));
    const params = new URLSearchParams(window.location.search);
    expect([
      params.get('a.rule'),
      params.get('a.period'),
      params.get('b.rule'),
      params.get('b.period'),
    ]).toEqual(['price', 'year', 'tier', null]);
  });

  describe('with customer rates on both sides', () => {
    const SAME_METRIC: Comparison = {
      ...COMPARISON,
      b: metricResult(B),
      rows: COMPARISON.rows,
    };
    // Two customers only B counts, one only A counts, in 2024-Q2 (the one period both have).
    const compareCustomers = (input: { side: 'a-only' | 'b-only'; period: string; offset?: number }) => {
      const customers =
        input.side === 'a-only'
          ? [drillCustomer('only-a', true)]
          : [drillCustomer('only-b1', true), drillCustomer('only-b2', true)];
      return {
        period: input.period,
        segment: {},
        side: input.side,
        aOnly: 1,
        bOnly: 2,
        // The other side reads the same lines as repeats.
        other: customers.map((c) => ({ ...drillCustomer(c.customerId, false), customerId: c.customerId })),
        page: {
          metric: 'customer-upsell-rate',
          definition: { rule: 'tier', eligible: 'all', period: 'quarter', timeZone: 'UTC', by: [] },
          period: input.period,
          segment: {},
          row: null,
          total: customers.length,
          offset: input.offset ?? 0,
          customers,
        },
      };
    };
    const responses = {
      ...RESPONSES,
      'metric.compare': SAME_METRIC,
      'metric.compareCustomers': compareCustomers,
    };

    it('defaults B to "any additional purchase" against A’s rule, says why, and keeps B once changed', async () => {
      const { calls } = renderWithApi(<ComparePage name="shop" />, {
        responses,
        path: '/datasets/shop/compare',
      });
      await screen.findByText(/Why this B/);
      const compared = calls.filter((c) => c.path === 'metric.compare').at(-1)?.input as {
        a: { rule: string };
        b: { rule: string };
      };
      expect([compared.a.rule, compared.b.rule]).toEqual(['auto', 'additional']);
      const b = screen.getByRole('form', { name: 'Definition B' });
      expect(within(b).getByLabelText('Upsell rule')).toHaveValue('additional');
      // Set back to the defaults, B stays what was chosen rather than turning into the alternative.
      await userEvent.selectOptions(within(b).getByLabelText('Upsell rule'), 'auto');
      expect(new URLSearchParams(window.location.search).get('b.rule')).toBe('auto');
      expect(screen.queryByText(/Why this B/)).not.toBeInTheDocument();
    });

    it('draws A against B by period, and says each point in words', async () => {
      renderWithApi(<ComparePage name="shop" />, { responses, path: '/datasets/shop/compare' });
      const chart = await screen.findByRole('figure', { name: 'A and B by period' });
      expect(chart).toHaveTextContent(
        'Q1 2024: A 10%, B no row; Q2 2024: A 12%, B 18.18%; Q3 2024: A no row, B 10%',
      );
    });

    it('lists the customers counted by A and not B in the latest shared period, then the other way', async () => {
      const { calls } = renderWithApi(<ComparePage name="shop" />, {
        responses,
        path: '/datasets/shop/compare?b.rule=additional',
      });
      const section = await screen.findByRole('region', { name: 'Counted in one and not the other' });
      expect(await within(section).findByText('only-a')).toBeInTheDocument();
      expect(within(section).getByLabelText('Period')).toHaveValue('2024-Q2');
      const first = calls.find((c) => c.path === 'metric.compareCustomers')?.input;
      expect(first).toMatchObject({ dataset: 'shop', period: '2024-Q2', side: 'a-only', offset: 0 });
      expect(first).toMatchObject({ a: { by: [] }, b: { rule: 'additional', by: [] } });
      await userEvent.click(within(section).getByRole('button', { name: 'Counted by B, not by A (2)' }));
      expect(await within(section).findByText('only-b2')).toBeInTheDocument();
      expect(within(section).getByRole('button', { name: 'Counted by B, not by A (2)' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(
        within(section).getAllByText('tier 2 is above the highest earlier tier 1 in family plan', {
          exact: false,
        }),
      ).toHaveLength(2);
      // Beside why B counts each line, how A reads it: why A does not count it.
      const lines = within(section).getAllByRole('table')[0]!;
      expect(within(lines).getByRole('columnheader', { name: 'Under A' })).toBeInTheDocument();
      expect(within(lines).getAllByRole('row')[1]).toHaveTextContent('Repeat: same tier as before');
    });
    it('opens on the customers counted by B when A counts none that B does not', async () => {
      const subset = (input: { side: 'a-only' | 'b-only'; period: string; offset?: number }) => {
        const full = compareCustomers(input);
        return input.side === 'a-only'
          ? { ...full, aOnly: 0, page: { ...full.page, total: 0, customers: [] } }
          : { ...full, aOnly: 0 };
      };
      const { calls } = renderWithApi(<ComparePage name="shop" />, {
        responses: { ...responses, 'metric.compareCustomers': subset },
        path: '/datasets/shop/compare?b.rule=additional',
      });
      const section = await screen.findByRole('region', { name: 'Counted in one and not the other' });
      expect(await within(section).findByText('only-b1')).toBeInTheDocument();
      expect(within(section).getByRole('button', { name: 'Counted by B, not by A (2)' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(
        calls
          .filter((c) => c.path === 'metric.compareCustomers')
          .map((c) => (c.input as { side: string }).side),
      ).toEqual(['a-only', 'b-only']);
    });
  });
});
