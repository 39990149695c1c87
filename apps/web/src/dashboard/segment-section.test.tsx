import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SegmentSection } from './segment-section.tsx';
import { metricRow } from './testing/fixtures.ts';

const ROWS = [
  metricRow('2024-Q2', 10, 100, { segment: { channel: 'online' } }),
  metricRow('2024-Q3', 30, 100, { segment: { channel: 'online' } }),
  metricRow('2024-Q3', 4, 200, { segment: { channel: 'partner' } }),
  metricRow('2024-Q3', 15, 50, { segment: { channel: 'sales' } }),
];

function renderSection(onDrill = vi.fn()) {
  const result = render(
    <SegmentSection
      dataset="shop"
      metric="customer-upsell-rate"
      by={['channel']}
      rows={ROWS}
      targets={[{ metric: 'customer-upsell-rate', segment: { channel: 'sales' }, rate: 0.25 }]}
      definitionHasTarget={false}
      onDrill={onDrill}
    />,
  );
  return { ...result, onDrill };
}

const tableSegments = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.children[1]?.textContent);

describe('SegmentSection', () => {
  it('draws the latest period, a bar per segment, and opens the drill-down of a bar', () => {
    const { container, onDrill } = renderSection();
    expect(screen.getByLabelText('Period')).toHaveValue('2024-Q3');
    const bars = container.querySelectorAll('.recharts-bar-rectangle');
    expect(bars).toHaveLength(3);
    expect(container.querySelectorAll('.recharts-errorBar')).toHaveLength(3);
    fireEvent.click(bars[0]!);
    expect(onDrill).toHaveBeenCalledWith(
      expect.objectContaining({
        period: '2024-Q3',
        segment: { channel: 'online' },
        metric: 'customer-upsell-rate',
      }),
    );
  });

  it('sorts by rate, customers or name, either way', async () => {
    renderSection();
    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    expect(tableSegments()).toEqual(['online', 'sales', 'partner']);
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'customers');
    expect(tableSegments()).toEqual(['partner', 'online', 'sales']);
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'name');
    expect(tableSegments()).toEqual(['online', 'partner', 'sales']);
    await userEvent.click(screen.getByRole('button', { name: /Reverse it/ }));
    expect(tableSegments()).toEqual(['sales', 'partner', 'online']);
  });

  it('measures a segment against its own saved target in the table', async () => {
    renderSection();
    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    const sales = screen.getByRole('cell', { name: 'sales' }).closest('tr')!;
    expect(within(sales).getByText('+5.0 pts (met)')).toBeInTheDocument();
  });

  it('shows an earlier period when chosen', async () => {
    renderSection();
    await userEvent.selectOptions(screen.getByLabelText('Period'), '2024-Q2');
    expect(screen.getByRole('figure')).toHaveAccessibleName(/in Q2 2024: 1 segment\. /);
  });

  it('shows the segments by period beside the bars, each cell its rate in text, opening its drill-down', async () => {
    const { onDrill } = renderSection();
    const heatmap = screen.getByRole('table', { name: /by segment and period, Q2 2024 to Q3 2024/ });
    expect(
      within(heatmap)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Segment', 'Q2 2024', 'Q3 2024']);
    // In the bars' order (rate, highest first); partner had no customers in Q2.
    expect(
      within(heatmap)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['online', 'sales', 'partner']);
    const partner = within(heatmap).getByRole('rowheader', { name: 'partner' }).closest('tr')!;
    expect(partner.children[1]).toHaveTextContent('no customers');
    const cell = within(heatmap).getByRole('button', {
      name: 'online, Q2 2024: 10.0%, moderate. Customers behind it',
    });
    expect(cell).toHaveTextContent('10.0%');
    await userEvent.click(cell);
    expect(onDrill).toHaveBeenLastCalledWith(
      expect.objectContaining({ period: '2024-Q2', segment: { channel: 'online' } }),
    );
  });

  it('shades the highest rate darkest and marks an uncertain cell in text, not by colour alone', () => {
    render(
      <SegmentSection
        dataset="shop"
        metric="customer-upsell-rate"
        by={['channel']}
        rows={[
          metricRow('2024-Q2', 10, 100, { segment: { channel: 'online' } }),
          metricRow('2024-Q3', 30, 100, { segment: { channel: 'online' } }),
          metricRow('2024-Q3', 2, 10, { segment: { channel: 'sales' }, ci95: [0.0567, 0.5098] }),
        ]}
        targets={[]}
        definitionHasTarget={false}
        onDrill={() => {}}
      />,
    );
    const uncertain = screen.getByRole('button', {
      name: /sales, Q3 2024: 20.0%, moderate, uncertain \(few customers\)/,
    });
    expect(uncertain).toHaveTextContent('20.0%?');
    expect(
      screen.getByText(/\? uncertain: the interval is wider than 20 points \(few customers\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Darker is higher, from 10\.0% to 30\.0%/)).toBeInTheDocument();
    const shade = (name: RegExp) => screen.getByRole('button', { name }).closest('td')!.style.background;
    // hsl(224 70% 72%), the darkest shade, and hsl(224 70% 96%), the lightest, as the browser gives them back.
    expect(shade(/online, Q3 2024/)).toBe('rgb(134, 160, 234)');
    expect(shade(/online, Q2 2024/)).toBe('rgb(238, 242, 252)');
  });
});
