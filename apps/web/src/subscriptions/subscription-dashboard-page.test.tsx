import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { SubscriptionDashboardPage } from './subscription-dashboard-page.tsx';
import {
  APRIL_CHURN,
  FEB_MARCH_RATE_BY_REGION,
  MARCH_BY_REGION,
  MARCH_EXPANSION,
  SAAS,
  WORKED_EXAMPLE_COHORTS,
  WORKED_EXAMPLE_MOVEMENTS,
  WORKED_EXAMPLE_RATE,
  WORKED_EXAMPLE_UPGRADE_RATE,
} from './testing/worked-example.ts';

interface Input {
  definition: { by: string[]; rule?: string };
  figure?: string;
}

const RESPONSES = {
  'dataset.byId': SAAS,
  'metric.movements': (input: Input) => ({
    ...(input.definition.by.length > 0 ? MARCH_BY_REGION : WORKED_EXAMPLE_MOVEMENTS),
    datasetId: SAAS.id,
    datasetVersion: SAAS.version,
    cached: true,
  }),
  'metric.query': (input: Input) =>
    input.definition.by.length > 0
      ? FEB_MARCH_RATE_BY_REGION
      : input.definition.rule === 'upgrade'
        ? WORKED_EXAMPLE_UPGRADE_RATE
        : WORKED_EXAMPLE_RATE,
  'metric.movementCustomers': (input: Input) => (input.figure === 'churn' ? APRIL_CHURN : MARCH_EXPANSION),
  'metric.cohorts': {
    ...WORKED_EXAMPLE_COHORTS,
    datasetId: SAAS.id,
    datasetVersion: SAAS.version,
    cached: false,
  },
};

const tile = (name: RegExp) => screen.getByRole('button', { name });

describe('SubscriptionDashboardPage', () => {
  it('shows the latest period of the worked example and asks for the bridge and both rates', async () => {
    const { calls } = renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas',
    });
    expect(await screen.findByRole('heading', { name: 'May 2024' })).toBeInTheDocument();
    expect(tile(/^MRR/)).toHaveTextContent('$75.00');
    expect(tile(/^Net new MRR/)).toHaveTextContent('+$10.00');
    expect(tile(/^Subscription upsell rate/)).toHaveTextContent('0.0%');
    expect(tile(/^Net revenue retention/)).toHaveTextContent('100.0%');
    expect(
      screen.getByText(/MRR went from \$65\.00 to \$75\.00 in May 2024: reactivation \+\$10\.00\./),
    ).toBeInTheDocument();
    const paths = calls.map((call) => call.path);
    expect(calls.find((c) => c.path === 'metric.movements')?.input).toEqual({
      dataset: 'saas',
      definition: { period: 'month', timeZone: 'UTC', by: [] },
    });
    const rules = calls
      .filter((c) => c.path === 'metric.query')
      .map((c) => (c.input as { definition: { metric: string; rule: string; industry: string } }).definition);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          metric: 'subscription-upsell-rate',
          rule: 'expansion',
          eligible: 'existing',
          industry: 'saas',
        }),
        expect.objectContaining({ metric: 'subscription-upsell-rate', rule: 'upgrade' }),
      ]),
    );
    expect(paths).not.toContain('metric.customers');
    expect(screen.getByText(/^Computed from version/)).toHaveTextContent(
      'Computed from version 3 of the dataset (cached): 8 subscription rows, money in USD.',
    );
  });

  it('shows the period in the URL: March, its rates against the SaaS benchmark and its bridge by cause', async () => {
    renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas?at=2024-03',
    });
    expect(await screen.findByRole('heading', { name: 'Mar 2024' })).toBeInTheDocument();
    await waitFor(() => expect(tile(/^Subscription upsell rate/)).toHaveTextContent('66.7%'));
    expect(tile(/^Subscription upsell rate/)).toHaveTextContent('2 of 3 subscribers expanded');
    expect(tile(/^Subscription upsell rate/)).toHaveTextContent('+41.7 pts vs the SaaS benchmark 25.0%');
    expect(tile(/^Upgrade rate/)).toHaveTextContent('33.3%');
    expect(tile(/^Net revenue retention/)).toHaveTextContent('250.0%');
    expect(
      screen.getByText(
        /MRR went from \$30\.00 to \$75\.00 in Mar 2024: expansion: upgrade \+\$20\.00, expansion: add-on \+\$5\.00, expansion: seats \+\$20\.00\./,
      ),
    ).toBeInTheDocument();
  });

  it('changes the bridge’s period in the URL', async () => {
    renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas',
    });
    const bridge = await screen.findByRole('region', { name: /MRR bridge, May 2024/ });
    await userEvent.selectOptions(within(bridge).getByLabelText('Period'), '2024-04');
    expect(window.location.search).toBe('?at=2024-04');
    expect(await screen.findByRole('heading', { name: 'Apr 2024' })).toBeInTheDocument();
  });

  it('shows the cohorts after retention when asked, under the view’s period, range and fiscal year', async () => {
    const { calls } = renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas?period=quarter&fy=4&from=FY2024-Q4&by=region',
    });
    const cohorts = await screen.findByRole('region', { name: 'Cohorts and time to first upsell' });
    const sections = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(sections.indexOf('Cohorts and time to first upsell')).toBe(sections.indexOf('Retention') + 1);
    expect(calls.map((c) => c.path)).not.toContain('metric.cohorts');
    await userEvent.click(within(cohorts).getByRole('button', { name: 'Show cohorts' }));
    expect(await within(cohorts).findByRole('group', { name: 'Cells show' })).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'metric.cohorts')?.input).toEqual({
      dataset: 'saas',
      definition: {
        metric: 'subscription-upsell-rate',
        rule: 'expansion',
        period: 'quarter',
        timeZone: 'UTC',
        by: ['region'],
        from: 'FY2024-Q4',
        fiscalYearStart: 4,
      },
    });
  });

  it('opens the customers behind a figure of the bridge table, whose total is the figure shown', async () => {
    const { calls } = renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas?at=2024-03',
    });
    const movements = await screen.findByRole('region', { name: /Movements by month/ });
    await userEvent.click(within(movements).getByRole('button', { name: 'Table' }));
    await userEvent.click(
      screen.getByRole('button', { name: /^Expansion \$45\.00, Mar 2024: the customers behind it/ }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: /Customers behind Expansion MRR, Mar 2024, All customers/,
    });
    expect(await within(dialog).findByTestId('drill-total')).toHaveTextContent(
      'Expansion MRR: $45.00 from 2 customers. It is the figure the dashboard shows.',
    );
    expect(within(dialog).getByText(/plan basic -> pro \(tier 1 -> 2\) on 2024-03-10/)).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'metric.movementCustomers')?.input).toMatchObject({
      dataset: 'saas',
      period: '2024-03',
      segment: {},
      figure: 'expansion',
      offset: 0,
    });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('breaks the period down by a segment, whose figures add up to the total', async () => {
    renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas?at=2024-03&by=region',
    });
    const section = await screen.findByRole('region', { name: /By region, Mar 2024/ });
    expect(within(section).getByRole('figure')).toHaveAccessibleName(
      /2 segments, net new MRR highest in US \(\+\$25\.00\), lowest in EU \(\+\$20\.00\)/,
    );
  });

  it('explains why the subscription upsell rate moved, by segment, each opening its upsold customers', async () => {
    const { calls } = renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      responses: RESPONSES,
      path: '/datasets/saas?at=2024-03&by=region',
    });
    const section = await screen.findByRole('region', { name: 'Why it moved: Feb 2024 to Mar 2024' });
    expect(
      within(section).getByText(
        /Subscription upsell rate went from 0\.0% in Feb 2024 to 66\.7% in Mar 2024 \(\+66\.7 pts\): \+66\.7 pts from the segments' own rates, 0\.0 pts from their shares of eligible customers\./,
      ),
    ).toBeInTheDocument();
    expect(
      calls.find((c) => c.path === 'metric.query' && (c.input as Input).definition.by.length > 0)?.input,
    ).toMatchObject({
      definition: { metric: 'subscription-upsell-rate', rule: 'expansion', by: ['region'] },
    });
    await userEvent.click(within(section).getAllByRole('button', { name: /EU/ })[0]!);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'metric.movementCustomers')?.input).toMatchObject({
        period: '2024-03',
        segment: { region: 'EU' },
        figure: 'qualifying',
        definition: { rule: 'expansion', by: ['region'] },
      }),
    );
  });
});
