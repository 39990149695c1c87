import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MetricResult } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { Routes } from '../routes.tsx';
import { renderWithApi } from '../testing/render-with-api.tsx';
import {
  MARCH_EXPANSION,
  SAAS,
  WORKED_EXAMPLE_RATE,
  WORKED_EXAMPLE_UPGRADE_RATE,
} from './testing/worked-example.ts';

const withDataset = (result: MetricResult) => ({
  ...result,
  datasetId: SAAS.id,
  datasetVersion: 1,
  cached: true,
});

/** `metric.compare` of two rates whose rows share their periods, paired as the server pairs them. */
function comparison(a: MetricResult, b: MetricResult) {
  return {
    a: withDataset(a),
    b: withDataset(b),
    rows: a.rows.map((row, i) => {
      const other = b.rows[i]!;
      return {
        period: row.period,
        segment: row.segment,
        a: row,
        b: other,
        difference: Math.round((other.rate - row.rate) * 1e6) / 1e6,
        numeratorDifference: other.numerator - row.numerator,
        denominatorDifference: other.denominator - row.denominator,
      };
    }),
  };
}

const [A, C] = MARCH_EXPANSION.customers;
/** March under expansion against upgrade: C (seats and an add-on) is counted by A only. */
const C_ONLY = {
  period: '2024-03',
  segment: {},
  side: 'a-only',
  aOnly: 1,
  bOnly: 0,
  page: { ...MARCH_EXPANSION, figure: 'qualifying', value: null, total: 1, customers: [C] },
  other: [{ ...C!, qualifying: false }],
};

interface CompareInput {
  a: { rule?: string };
  b: { rule?: string };
}

const RESPONSES = {
  'dataset.byId': SAAS,
  'definition.list': [
    {
      id: 'd1',
      name: 'upgrade rate',
      description: null,
      definition: { ...WORKED_EXAMPLE_UPGRADE_RATE.definition, metric: 'subscription-upsell-rate' },
      createdAt: '2024-06-01T00:00:00.000Z',
      updatedAt: '2024-06-01T00:00:00.000Z',
    },
    {
      id: 'd2',
      name: 'tier rule',
      description: null,
      definition: { metric: 'customer-upsell-rate', rule: 'tier' },
      createdAt: '2024-06-01T00:00:00.000Z',
      updatedAt: '2024-06-01T00:00:00.000Z',
    },
  ],
  'metric.compare': (input: CompareInput) =>
    input.b.rule === 'upgrade'
      ? comparison(WORKED_EXAMPLE_RATE, WORKED_EXAMPLE_UPGRADE_RATE)
      : comparison(WORKED_EXAMPLE_UPGRADE_RATE, WORKED_EXAMPLE_RATE),
  'metric.compareMovementCustomers': (input: CompareInput & { side: string }) =>
    input.side === 'a-only'
      ? C_ONLY
      : { ...C_ONLY, side: 'b-only', page: { ...C_ONLY.page, total: 0, customers: [] }, other: [] },
};

describe('the compare page of a subscription dataset', () => {
  it('compares the subscription upsell rate by expansion against the upgrade rate by month, asking no purchase metric', async () => {
    const { calls } = renderWithApi(<Routes />, { path: '/datasets/saas/compare', responses: RESPONSES });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Compare two definitions' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Row by row' });
    const compare = calls.find((call) => call.path === 'metric.compare');
    expect(compare?.input).toMatchObject({
      dataset: 'saas',
      a: { metric: 'subscription-upsell-rate', rule: 'expansion', eligible: 'existing', period: 'month' },
      b: { metric: 'subscription-upsell-rate', rule: 'upgrade', eligible: 'existing', period: 'month' },
    });
    expect(
      screen.getByText(/B counts only a move to a higher tier \(the upgrade rate\)/),
    ).toBeInTheDocument();
    const summary = document.querySelector('.compare-summary')?.textContent;
    expect(summary).toContain(
      'Subscription upsell rate · rule expansion · existing (subscribed before the period) · by month',
    );
    expect(
      calls.some((call) => call.path === 'metric.query' || call.path === 'metric.compareCustomers'),
    ).toBe(false);
  });

  it('offers the subscription rules and eligibilities, and the saved definitions of the subscription rate only', async () => {
    renderWithApi(<Routes />, { path: '/datasets/saas/compare', responses: RESPONSES });
    const formA = await screen.findByRole('form', { name: 'Definition A' }, { timeout: 10_000 });
    const rule = within(formA).getByLabelText('Upsell rule') as HTMLSelectElement;
    expect([...rule.options].map((o) => o.value)).toEqual(['expansion', 'upgrade', 'add_on', 'quantity']);
    const eligible = within(formA).getByLabelText('Eligible customers') as HTMLSelectElement;
    expect([...eligible.options].map((o) => o.value)).toEqual(['existing', 'active', 'all']);
    const saved = (await within(formA).findByLabelText('Saved definition')) as HTMLSelectElement;
    expect([...saved.options].map((o) => o.textContent)).toContain('upgrade rate');
    expect([...saved.options].map((o) => o.textContent)).not.toContain('tier rule');
  });

  it('writes a changed rule into the URL with the subscription defaults left out', async () => {
    renderWithApi(<Routes />, { path: '/datasets/saas/compare', responses: RESPONSES });
    const formA = await screen.findByRole('form', { name: 'Definition A' }, { timeout: 10_000 });
    await userEvent.selectOptions(within(formA).getByLabelText('Upsell rule'), 'upgrade');
    await waitFor(() => expect(window.location.search).toBe('?a.rule=upgrade'));
  });

  it('lists the subscribers counted by A and not by B in the latest shared period, with their movements', async () => {
    const { calls } = renderWithApi(<Routes />, { path: '/datasets/saas/compare', responses: RESPONSES });
    const section = await screen.findByRole(
      'region',
      { name: 'Counted in one and not the other' },
      { timeout: 10_000 },
    );
    expect(
      await within(section).findByRole('button', { name: 'Counted by A, not by B (1)' }),
    ).toBeInTheDocument();
    const call = calls.find((c) => c.path === 'metric.compareMovementCustomers');
    expect(call?.input).toMatchObject({
      dataset: 'saas',
      period: '2024-05',
      side: 'a-only',
      a: { rule: 'expansion' },
      b: { rule: 'upgrade' },
    });
    await userEvent.selectOptions(within(section).getByLabelText('Period'), '2024-03');
    const item = await within(section).findByText('counted by A, not by B');
    const subscriber = item.closest('li')!;
    expect(subscriber).toHaveTextContent('C');
    expect(subscriber).toHaveTextContent('quantity 1 -> 3 of basic and addon started on 2024-03-15');
    expect(within(section).queryByText(A!.customerId, { selector: 'strong' })).not.toBeInTheDocument();
  });
});
