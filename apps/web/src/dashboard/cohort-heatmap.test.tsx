import { fireEvent, render, screen, within } from '@testing-library/react';
import type { CohortReport } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api.tsx';
import { CohortHeatmap } from './cohort-heatmap.tsx';
import { CohortSection } from './cohort-section.tsx';
import { FirstUpsellCurve, upsoldSteps } from './first-upsell-curve.tsx';

// The worked example of docs/metrics.md ("Cohorts and time to first upsell").
const REPORT: CohortReport = {
  period: 'month',
  timeZone: 'UTC',
  by: ['channel'],
  asOf: '2024-03-31',
  periodsSince: 3,
  cohorts: [
    { cohort: '2024-01', customers: 3, upsold: [1, 1, 2], share: [1 / 3, 1 / 3, 2 / 3] },
    { cohort: '2024-02', customers: 2, upsold: [1, 1], share: [0.5, 0.5] },
    { cohort: '2024-03', customers: 1, upsold: [0], share: [0] },
  ],
  timeToFirstUpsell: [
    {
      segment: {},
      subjects: 6,
      events: 3,
      censored: 3,
      curve: [
        { time: 0, atRisk: 6, events: 1, censored: 1, survival: 5 / 6 },
        { time: 15, atRisk: 4, events: 1, censored: 0, survival: 0.625 },
        { time: 40, atRisk: 3, events: 0, censored: 1, survival: 0.625 },
        { time: 52, atRisk: 2, events: 1, censored: 0, survival: 0.3125 },
        { time: 60, atRisk: 1, events: 0, censored: 1, survival: 0.3125 },
      ],
      q1: 15,
      median: 52,
      q3: null,
    },
    {
      segment: { channel: 'web' },
      subjects: 3,
      events: 1,
      censored: 2,
      curve: [],
      q1: 15,
      median: null,
      q3: null,
    },
  ],
};

describe('CohortHeatmap', () => {
  it('lists each cohort with its share upsold by periods since, blank where not observed yet', () => {
    render(<CohortHeatmap report={REPORT} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['Cohort', 'Customers', '+0', '+1', '+2'],
      ['Jan 2024', '3', '33.3%', '33.3%', '66.7%'],
      ['Feb 2024', '2', '50.0%', '50.0%', 'not observed yet'],
      ['Mar 2024', '1', '0.0%', 'not observed yet', 'not observed yet'],
    ]);
    expect(
      screen.getByRole('cell', { name: 'Jan 2024 cohort, 2 periods since: 66.7% upsold (2 of 3)' }),
    ).toHaveAttribute('title', '2 of 3 customers');
    expect(screen.getByRole('table')).toHaveAccessibleName(
      'Share of each month cohort upsold by periods since its initial orders; data to 2024-03-31',
    );
    // Purchase cohorts have no revenue: no choice of what the cells show.
    expect(screen.queryByRole('group', { name: 'Cells show' })).toBeNull();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('shades the highest share darkest and no share palest', () => {
    render(<CohortHeatmap report={REPORT} />);
    const highest = screen.getByRole('cell', { name: /Jan 2024 cohort, 2 periods/ });
    const none = screen.getByRole('cell', { name: /Mar 2024 cohort, 0 periods/ });
    expect(highest.style.background).not.toBe(none.style.background);
    expect(screen.getByText(/Darker is higher, from 0% to 66\.7%/)).toBeInTheDocument();
  });
});

describe('FirstUpsellCurve', () => {
  it('steps the share upsold up at each event day', () => {
    expect(
      upsoldSteps(REPORT.timeToFirstUpsell[0]!.curve).map(([t, v]) => [t, Number(v.toFixed(4))]),
    ).toEqual([
      [0, 0],
      [0, 0],
      [0, 0.1667],
      [15, 0.1667],
      [15, 0.375],
      [40, 0.375],
      [40, 0.375],
      [52, 0.375],
      [52, 0.6875],
      [60, 0.6875],
      [60, 0.6875],
    ]);
  });

  it('gives the quartiles per segment in a table, a dash for one not reached', () => {
    render(<FirstUpsellCurve report={REPORT} />);
    expect(
      screen.getByRole('img', { name: /an estimated 68\.8% of customers were upsold; median 52 days/ }),
    ).toBeInTheDocument();
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['All customers', '6', '3', '3', '15', '52', '–'],
      ['web', '3', '1', '2', '15', '–', '–'],
    ]);
  });
});

describe('CohortSection', () => {
  it('asks for the cohorts only when opened, under the dashboard definition', async () => {
    const { calls } = renderWithApi(
      <CohortSection dataset="shop" definition={{ period: 'month', by: ['channel'] }} />,
      {
        responses: { 'metric.cohorts': { ...REPORT, datasetId: 'd1', datasetVersion: 1, cached: false } },
      },
    );
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Show cohorts' }));
    expect(
      await screen.findByRole('cell', { name: /Feb 2024 cohort, 1 period since: 50\.0%/ }),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      {
        path: 'metric.cohorts',
        input: { dataset: 'shop', definition: { period: 'month', by: ['channel'] } },
      },
    ]);
  });

  it("shows the server's refusal", async () => {
    const tooBig =
      'this cohort matrix would have 2,016 cells (cohorts x periods since), over the limit of 1,000 (UPSELL_MAX_RESULT_ROWS): choose a longer period or a from/to range';
    renderWithApi(<CohortSection dataset="shop" definition={{ period: 'day' }} />, {
      responses: { 'metric.cohorts': apiError('PAYLOAD_TOO_LARGE', tooBig) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Show cohorts' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('choose a longer period or a from/to range');
  });
});
