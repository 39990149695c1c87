import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ChangeWaterfall } from './change-waterfall.tsx';
import { metricRow } from './testing/fixtures.ts';

// Worked by hand (docs/metrics.md): Q1 online 10/100, sales 20/100 (15%); Q2 online 12/100,
// sales 10/50 (14.7%). Sales -3.3 pts, all mix; online +3.0 pts (rate +1.2, mix +1.8).
const ROWS = [
  metricRow('2024-Q1', 10, 100, { segment: { channel: 'online' } }),
  metricRow('2024-Q1', 20, 100, { segment: { channel: 'sales' } }),
  metricRow('2024-Q2', 12, 100, { segment: { channel: 'online' } }),
  metricRow('2024-Q2', 10, 50, { segment: { channel: 'sales' } }),
];

describe('ChangeWaterfall', () => {
  it('steps from the old rate to the new one, largest contribution first, with its rate and mix effects', () => {
    render(<ChangeWaterfall metric="customer-upsell-rate" by={['channel']} rows={ROWS} onDrill={vi.fn()} />);
    expect(screen.getByRole('heading', { name: /Why it moved/ })).toBeInTheDocument();
    expect(
      screen.getByText(
        /went from 15\.0% .* to 14\.7% .* \(−0\.3 pts\): \+1\.2 pts from the segments' own rates, −1\.5 pts from their shares/,
      ),
    ).toBeInTheDocument();
    const steps = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      expect.stringContaining('15.0%'),
      expect.stringMatching(/^sales−3\.3 pts\s*rate 0\.0 pts, mix −3\.3 pts/),
      expect.stringMatching(/^online\+3\.0 pts\s*rate \+1\.2 pts, mix \+1\.8 pts/),
      expect.stringContaining('14.7%'),
    ]);
  });

  it("opens the customers behind a segment in the latest period from the segment's name", () => {
    const onDrill = vi.fn();
    render(<ChangeWaterfall metric="customer-upsell-rate" by={['channel']} rows={ROWS} onDrill={onDrill} />);
    fireEvent.click(screen.getByRole('button', { name: /online: \+3\.0 pts\. Customers behind it/ }));
    expect(onDrill).toHaveBeenCalledWith({
      metric: 'customer-upsell-rate',
      period: '2024-Q2',
      segment: { channel: 'online' },
    });
  });

  it('shows nothing with one period only', () => {
    const { container } = render(
      <ChangeWaterfall
        metric="customer-upsell-rate"
        by={['channel']}
        rows={ROWS.slice(0, 2)}
        onDrill={vi.fn()}
      />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
