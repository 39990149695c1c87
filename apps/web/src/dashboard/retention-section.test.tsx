import { fireEvent, render, screen, within } from '@testing-library/react';
import { computeRetention } from '@upsell/core';
import { describe, expect, it, vi } from 'vitest';
import { RetentionTable } from './retention-section.tsx';

// The worked example of docs/metrics.md, "Retention KPIs" (monthly, UTC, churn after 30 days).
const LINES = `order_id,customer_id,purchased_at,product_id,amount
a1,A,2024-01-05T10:00:00Z,p,10.00
a2,A,2024-01-20T10:00:00Z,p,20.00
a3,A,2024-02-10T10:00:00Z,p,30.00
b1,B,2024-01-10T10:00:00Z,p,50.00
b2,B,2024-03-15T10:00:00Z,p,40.00
c1,C,2024-02-01T10:00:00Z,p,25.00
d1,D,2024-02-05T10:00:00Z,p,5.00
d1,D,2024-02-05T10:00:00Z,q,5.00`
  .split('\n')
  .map((line) => line.split(','));
const RESULT = computeRetention([{ header: LINES[0]!, rows: LINES.slice(1) }], {
  definition: { period: 'month' },
  inactiveAfterDays: 30,
});

describe('RetentionTable', () => {
  it('shows each period, latest first, with the rates, their counts and the money per order and customer', () => {
    render(<RetentionTable result={RESULT} currency="USD" onDrill={vi.fn()} />);
    expect(screen.getByText(/churns after 30 days without an order/)).toBeInTheDocument();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['1', '100.0% 1 / 1', '0.0% 0 / 3', '75.0% 3 / 4', '$40.00', '$40.00', '$46.25'],
      ['3', '33.3% 1 / 3', '50.0% 1 / 2', '25.0% 1 / 4', '$21.67', '$21.67', '$36.25'],
      ['2', '50.0% 1 / 2', '— 0 / 0', '0.0% 0 / 2', '$26.67', '$40.00', '$40.00'],
    ]);
  });

  it('opens the customers behind a count, and offers no button for a count of 0', () => {
    const onDrill = vi.fn();
    render(<RetentionTable result={RESULT} currency="USD" onDrill={onDrill} />);
    fireEvent.click(screen.getByRole('button', { name: /the 3 churned customers/ }));
    expect(onDrill).toHaveBeenCalledWith({ kind: 'churned', period: '2024-03' });
    expect(screen.queryByRole('button', { name: /the 0 retained customers/ })).toBeNull();
  });

  it('leaves out the churn and money columns when there is no churn and no amount', () => {
    const bare = computeRetention(
      [{ header: LINES[0]!.slice(0, 4), rows: LINES.slice(1).map((l) => l.slice(0, 4)) }],
      {
        definition: { period: 'month' },
        inactiveAfterDays: null,
      },
    );
    render(<RetentionTable result={bare} onDrill={vi.fn()} />);
    const header = within(screen.getByRole('table'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(header).toEqual(['Period', 'Active', 'Repeat purchase', 'Retention']);
  });
});
