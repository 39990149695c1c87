import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WORKED_EXAMPLE_COHORTS } from '../subscriptions/testing/worked-example.ts';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { heatColor } from './chart-colors.ts';
import { CohortHeatmap } from './cohort-heatmap.tsx';
import { CohortSection } from './cohort-section.tsx';
import { FirstUpsellCurve } from './first-upsell-curve.tsx';

/** Each row of the heatmap's table: its header and cells' text. */
const tableText = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .map((r) => [...r.children].map((c) => c.textContent));

const choose = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

/** A colour as the DOM writes it back, to compare with a cell's. */
const asStyled = (color: string) => {
  const probe = document.createElement('div');
  probe.style.background = color;
  return probe.style.background;
};

describe('CohortHeatmap of subscription cohorts (the worked example)', () => {
  it('shows the share upsold first, with each cohort’s starting MRR', () => {
    render(<CohortHeatmap report={WORKED_EXAMPLE_COHORTS} />);
    const choice = screen.getByRole('group', { name: 'Cells show' });
    expect(
      within(choice)
        .getAllByRole('button')
        .map((b) => [b.textContent, b.getAttribute('aria-pressed')]),
    ).toEqual([
      ['Share upsold', 'true'],
      ['Net revenue retention', 'false'],
      ['Gross revenue retention', 'false'],
      ['Subscribers kept', 'false'],
    ]);
    expect(tableText()).toEqual([
      ['Cohort', 'Customers', 'Starting MRR', '+0', '+1', '+2', '+3', '+4'],
      ['Jan 2024', '3', '$30.00', '0.0%', '0.0%', '33.3%', '33.3%', '33.3%'],
      ['Feb 2024', '1', '$10.00', '0.0%', '100.0%', '100.0%', '100.0%', 'not observed yet'],
    ]);
    expect(screen.getByRole('table')).toHaveAccessibleName(
      'Share of each month cohort upsold by periods since its first subscriptions; data to 2024-05-01',
    );
    expect(
      screen.getByRole('cell', { name: 'Jan 2024 cohort, 2 periods since: 33.3% upsold (1 of 3)' }),
    ).toHaveAttribute('title', '1 of 3 customers');
  });

  it('switches to net revenue retention: caption, values, labels and a scale up to 350%', () => {
    render(<CohortHeatmap report={WORKED_EXAMPLE_COHORTS} />);
    choose('Net revenue retention');
    expect(screen.getByRole('button', { name: 'Net revenue retention' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Share upsold' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('table')).toHaveAccessibleName(
      'Net revenue retention of each month cohort by periods since its first subscriptions: its MRR against the MRR it started with; data to 2024-05-01',
    );
    expect(tableText().slice(1)).toEqual([
      ['Jan 2024', '3', '$30.00', '100.0%', '66.7%', '133.3%', '100.0%', '133.3%'],
      ['Feb 2024', '1', '$10.00', '100.0%', '350.0%', '350.0%', '350.0%', 'not observed yet'],
    ]);
    const january = screen.getByRole('cell', {
      name: 'Jan 2024 cohort, 2 periods since: 133.3% net revenue retention ($40.00 of $30.00 starting MRR)',
    });
    expect(january).toHaveAttribute('title', '$40.00 MRR of $30.00 starting MRR');
    const february = screen.getByRole('cell', {
      name: 'Feb 2024 cohort, 1 period since: 350.0% net revenue retention ($35.00 of $10.00 starting MRR)',
    });
    // The scale runs from the lowest shown (66.7%) to the highest (350%): 350% is darkest,
    // 133.3% a quarter of the way ((1.333333 - 0.666667) / (3.5 - 0.666667)), 66.7% palest.
    expect(february.style.background).toBe(asStyled(heatColor(1)));
    expect(january.style.background).toBe(asStyled(heatColor((1.333333 - 0.666667) / (3.5 - 0.666667))));
    const lowest = screen.getByRole('cell', { name: /^Jan 2024 cohort, 1 period since/ });
    expect(lowest.style.background).toBe(asStyled(heatColor(0)));
    expect(screen.getByText(/Darker is higher, from 66\.7% to 350\.0%\. Above 100%/)).toBeInTheDocument();
  });

  it('switches to gross revenue retention and to subscribers kept', () => {
    render(<CohortHeatmap report={WORKED_EXAMPLE_COHORTS} />);
    choose('Gross revenue retention');
    expect(tableText()[1]).toEqual(['Jan 2024', '3', '$30.00', '100.0%', '66.7%', '66.7%', '33.3%', '66.7%']);
    expect(
      screen.getByRole('cell', {
        name: 'Jan 2024 cohort, 3 periods since: 33.3% gross revenue retention ($10.00 of $30.00 starting MRR)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAccessibleName(/^Gross revenue retention of each month cohort/);
    expect(screen.getByText(/Darker is higher, from 33\.3% to 100\.0%\.$/)).toBeInTheDocument();

    choose('Subscribers kept');
    expect(tableText()[1]).toEqual(['Jan 2024', '3', '$30.00', '100.0%', '66.7%', '66.7%', '33.3%', '66.7%']);
    const cell = screen.getByRole('cell', {
      name: 'Jan 2024 cohort, 4 periods since: 66.7% subscribers kept (2 of 3)',
    });
    expect(cell).toHaveAttribute('title', '2 of 3 customers still subscribed');
    expect(screen.getByRole('table')).toHaveAccessibleName(
      "Share of each month cohort's customers still subscribed by periods since its first subscriptions; data to 2024-05-01",
    );

    choose('Share upsold');
    expect(tableText()[1]).toEqual(['Jan 2024', '3', '$30.00', '0.0%', '0.0%', '33.3%', '33.3%', '33.3%']);
  });
});

describe('FirstUpsellCurve of subscription cohorts', () => {
  it('counts the days from the first subscription', () => {
    render(<FirstUpsellCurve report={WORKED_EXAMPLE_COHORTS} />);
    expect(
      screen.getByRole('img', {
        name: 'Share upsold by days since the first subscription. By 112 days after their first subscription, an estimated 50.0% of customers were upsold; median 65 days.',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAccessibleName(
      'Days from first subscription to first upsell (Kaplan-Meier quartiles)',
    );
    expect(tableText().slice(1)).toEqual([['All customers', '4', '2', '2', '43', '65', '–']]);
  });
});

describe('CohortSection of a subscription dataset', () => {
  it('says what subscription cohorts answer, then shows them under the dashboard definition', async () => {
    const definition = { metric: 'subscription-upsell-rate' as const, rule: 'expansion' as const };
    const { calls } = renderWithApi(<CohortSection dataset="saas" definition={definition} subscriptions />, {
      responses: {
        'metric.cohorts': { ...WORKED_EXAMPLE_COHORTS, datasetId: 'ds_2', datasetVersion: 3, cached: false },
      },
    });
    expect(
      screen.getByText(/^When do subscribers buy more, and how much revenue does each cohort keep\?/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show cohorts' }));
    expect(
      await screen.findByRole('heading', { name: 'Days from first subscription to first upsell' }),
    ).toBeInTheDocument();
    choose('Net revenue retention');
    expect(
      screen.getByRole('cell', { name: /^Feb 2024 cohort, 3 periods since: 350\.0% net revenue retention/ }),
    ).toBeInTheDocument();
    expect(calls).toEqual([{ path: 'metric.cohorts', input: { dataset: 'saas', definition } }]);
  });
});
