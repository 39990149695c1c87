import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MetricTiles } from './metric-tiles.tsx';
import { metricRow, QUARTERS } from './testing/fixtures.ts';

const tile = (label: string) => screen.getByText(label, { selector: '.tile-label' }).closest('button')!;

describe('MetricTiles', () => {
  it('shows the latest rate with its counts, coloured by band and naming the band', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS} onDrill={() => {}} />);
    expect(screen.getByRole('heading', { name: 'Latest period: 2024-Q3' })).toBeInTheDocument();
    const rate = tile('Customer upsell rate');
    expect(rate).toHaveClass('band-moderate');
    expect(rate).toHaveTextContent('12.0%');
    expect(rate).toHaveTextContent('Moderate');
    expect(rate).toHaveTextContent('36 of 300 customers');
  });

  it.each([
    [25, 100, 'band-strong', 'Strong'],
    [20, 100, 'band-moderate', 'Moderate'],
    [9, 100, 'band-weak', 'Weak'],
  ])('names the band of %i of %i (%s, %s)', (numerator, denominator, className, word) => {
    render(
      <MetricTiles
        metric="customer-upsell-rate"
        rows={[metricRow('2024', numerator, denominator)]}
        onDrill={() => {}}
      />,
    );
    const rate = tile('Customer upsell rate');
    expect(rate).toHaveClass(className);
    expect(rate.querySelector('.band-badge')).toHaveTextContent(word);
  });

  it('says a significant change with its p-value', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS} onDrill={() => {}} />);
    const change = tile('Change vs previous period');
    expect(change).toHaveTextContent('+2.0 pts');
    expect(change).toHaveTextContent('Up 2.0 pts from 2024-Q2 (10.0%)');
    expect(change).toHaveTextContent('Significant (p = 0.012)');
  });

  it('says plainly when a change is not significant', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS.slice(0, 2)} onDrill={() => {}} />);
    expect(tile('Change vs previous period')).toHaveTextContent(
      'Not significant (p = 0.450): could be chance',
    );
  });

  it('says when there is no previous period', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS.slice(0, 1)} onDrill={() => {}} />);
    expect(tile('Change vs previous period')).toHaveTextContent('No previous period to compare with.');
  });

  it('shows the other rate of the same period, upsell revenue and its share', () => {
    render(
      <MetricTiles
        metric="customer-upsell-rate"
        rows={QUARTERS}
        other={{
          metric: 'purchase-upsell-rate',
          rows: [metricRow('2024-Q2', 1, 2), metricRow('2024-Q3', 50, 1000)],
        }}
        onDrill={() => {}}
      />,
    );
    const purchase = tile('Purchase up-sell rate');
    expect(purchase).toHaveTextContent('5.0%');
    expect(purchase).toHaveTextContent('Weak');
    expect(purchase).toHaveTextContent('50 of 1,000 lines');
    expect(tile('Upsell revenue')).toHaveTextContent('1,250.00');
    expect(tile('Upsell revenue')).toHaveTextContent('25.0% of 5,000.00 revenue');
  });

  it('shows the gaps to the benchmark and the target', () => {
    const row = metricRow('2024-Q3', 36, 300, {
      benchmark: { industry: 'saas', source: 'Gartner', rate: 0.25, difference: -0.13 },
      target: { rate: 0.1, difference: 0.02, met: true },
    });
    render(<MetricTiles metric="customer-upsell-rate" rows={[row]} industry="saas" onDrill={() => {}} />);
    expect(tile('Gap to benchmark')).toHaveTextContent('\u221213.0 pts');
    expect(tile('Gap to benchmark')).toHaveTextContent('Below the SaaS benchmark of 25.0% (Gartner)');
    expect(tile('Gap to target')).toHaveTextContent('+2.0 pts');
    expect(tile('Gap to target')).toHaveTextContent('Target 10.0%: met');
  });

  it('says what to do when there is no benchmark, target or amount', () => {
    render(
      <MetricTiles
        metric="purchase-upsell-rate"
        rows={QUARTERS.slice(0, 1)}
        industry="retail"
        onDrill={() => {}}
      />,
    );
    expect(tile('Gap to benchmark')).toHaveTextContent('Benchmarks are customer upsell rates');
    expect(tile('Gap to target')).toHaveTextContent('No target: enter one in the definition');
    expect(tile('Upsell revenue')).toHaveTextContent('No amounts in the data');
  });

  it('opens the drill-down of the latest row from a tile, and of the other rate from its tile', async () => {
    const onDrill = vi.fn();
    render(
      <MetricTiles
        metric="customer-upsell-rate"
        rows={QUARTERS}
        other={{ metric: 'purchase-upsell-rate', rows: [metricRow('2024-Q3', 50, 1000)] }}
        onDrill={onDrill}
      />,
    );
    await userEvent.click(tile('Customer upsell rate'));
    expect(onDrill).toHaveBeenLastCalledWith(
      expect.objectContaining({ metric: 'customer-upsell-rate', period: '2024-Q3', segment: {} }),
    );
    await userEvent.click(tile('Purchase up-sell rate'));
    expect(onDrill).toHaveBeenLastCalledWith(
      expect.objectContaining({ metric: 'purchase-upsell-rate', period: '2024-Q3' }),
    );
  });
});
