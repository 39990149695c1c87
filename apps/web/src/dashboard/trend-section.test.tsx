import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { metricRow, QUARTERS } from './testing/fixtures.ts';
import { TrendSection } from './trend-section.tsx';

describe('TrendSection', () => {
  it('opens the drill-down of the point clicked', () => {
    const onDrill = vi.fn();
    const { container } = render(
      <TrendSection
        dataset="shop"
        metric="customer-upsell-rate"
        period="quarter"
        rows={QUARTERS}
        onDrill={onDrill}
      />,
    );
    const points = container.querySelectorAll('.recharts-line-dots .trend-point');
    expect(points).toHaveLength(3);
    fireEvent.click(points[1]!);
    expect(onDrill).toHaveBeenCalledWith(expect.objectContaining({ period: '2024-Q2', segment: {} }));
  });

  it('draws the band thresholds, benchmark and target as labelled lines', () => {
    const rows = [
      metricRow('2024-Q3', 36, 300, {
        benchmark: { industry: 'saas', source: 'Gartner', rate: 0.25, difference: -0.13 },
        target: { rate: 0.15, difference: -0.03, met: false },
      }),
    ];
    const { container } = render(
      <TrendSection
        dataset="shop"
        metric="customer-upsell-rate"
        period="quarter"
        rows={rows}
        onDrill={() => {}}
      />,
    );
    const labels = [...container.querySelectorAll('svg text.recharts-label')].map((t) => t.textContent);
    expect(labels).toEqual(['moderate from 10%', 'strong from 20%', 'benchmark 25.0%', 'target 15.0%']);
  });

  it('scales the rate axis to the data, leaving out thresholds outside it', () => {
    const rows = [
      metricRow('2024-Q2', 40, 1000, { ci95: [0.03, 0.05] }),
      metricRow('2024-Q3', 50, 1000, { ci95: [0.04, 0.06] }),
    ];
    const { container } = render(
      <TrendSection
        dataset="shop"
        metric="customer-upsell-rate"
        period="quarter"
        rows={rows}
        onDrill={() => {}}
      />,
    );
    const ticks = [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')]
      .map((t) => t.textContent)
      .filter((text) => text?.endsWith('%'));
    expect(ticks).toEqual(['3%', '4%', '5%', '6%']);
    expect(container.querySelectorAll('svg text.recharts-label')).toHaveLength(0);
    expect(screen.getAllByText('Q3 2024').length).toBeGreaterThan(0);
  });

  it('offers the same numbers as a table, with a drill-down button per row', async () => {
    const onDrill = vi.fn();
    render(
      <TrendSection
        dataset="shop"
        metric="customer-upsell-rate"
        period="quarter"
        rows={QUARTERS}
        onDrill={onDrill}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
    const row = screen.getByRole('rowheader', { name: 'Q3 2024' }).closest('tr')!;
    expect(row).toHaveTextContent('12.0% — 36 of 300 customers');
    expect(row).toHaveTextContent('+2.0 pts, significant (p = 0.012)');
    await userEvent.click(screen.getByRole('button', { name: 'Customers behind Q1 2024' }));
    expect(onDrill).toHaveBeenCalledWith(expect.objectContaining({ period: '2024-Q1' }));
    expect(screen.queryByRole('button', { name: 'Export PNG' })).not.toBeInTheDocument();
  });
});
