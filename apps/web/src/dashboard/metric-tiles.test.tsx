import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MetricTiles } from './metric-tiles.tsx';
import { metricRow, QUARTERS } from './testing/fixtures.ts';

const tile = (label: string) =>
  screen.getByText(label, { selector: '.tile-label' }).closest('.tile') as HTMLElement;

describe('MetricTiles', () => {
  it('shows the latest rate with its counts, coloured by band and naming the band', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS} onDrill={() => {}} />);
    expect(screen.getByRole('heading', { name: 'Latest period: Q3 2024' })).toBeInTheDocument();
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
    expect(change).toHaveTextContent('Up 2.0 pts from Q2 2024 (10.0%)');
    expect(change).toHaveTextContent('Significant (p = 0.012)');
  });

  it('says plainly when a change is not significant', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS.slice(0, 2)} onDrill={() => {}} />);
    expect(tile('Change vs previous period')).toHaveTextContent(
      'Not significant (p = 0.450): could be chance',
    );
  });

  it('leaves out the change tile when there is no previous period', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS.slice(0, 1)} onDrill={() => {}} />);
    expect(screen.queryByText('Change vs previous period')).not.toBeInTheDocument();
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
    expect(tile('Upsell revenue')).toHaveTextContent('1.3K');
    expect(tile('Upsell revenue')).toHaveTextContent('25.0% of 5K revenue');
  });

  it('shows revenue compact, with the currency when known, the full figure on hover', () => {
    const rows = [
      metricRow('2024-Q3', 36, 300, {
        revenue: { total: 2785557.85, upsell: 188816.9, upsellShare: 0.0678 },
      }),
    ];
    render(<MetricTiles metric="customer-upsell-rate" rows={rows} currency="EUR" onDrill={() => {}} />);
    const value = screen.getByText('€188.8K');
    expect(value).toHaveAttribute('title', '€188,816.90');
    expect(screen.getByText('€2.8M')).toHaveAttribute('title', '€2,785,557.85');
    expect(tile('Upsell revenue')).toHaveTextContent('6.8% of €2.8M revenue');
  });

  it('shows plain grouped amounts when the currency is not known', () => {
    const rows = [
      metricRow('2024-Q3', 36, 300, { revenue: { total: 5000, upsell: 1250, upsellShare: 0.25 } }),
    ];
    render(<MetricTiles metric="customer-upsell-rate" rows={rows} currency={null} onDrill={() => {}} />);
    expect(screen.getByText('1.3K')).toHaveAttribute('title', '1,250.00');
  });

  it('flags a rate from few customers as uncertain, keeping the band word, in no band colour', () => {
    const rows = [metricRow('2024-Q3', 9, 38, { ci95: [0.1299, 0.3921] })];
    render(<MetricTiles metric="customer-upsell-rate" rows={rows} onDrill={() => {}} />);
    const rate = tile('Customer upsell rate');
    expect(rate).toHaveClass('band-uncertain');
    expect(rate).not.toHaveClass('band-strong');
    expect(rate.querySelector('.band-badge')).toHaveTextContent('Strong · uncertain (few customers)');
    expect(rate.querySelector('.band-badge')).not.toHaveClass('band-strong');
  });

  it('does not flag a rate whose interval is 20 points wide or less', () => {
    const rows = [metricRow('2024-Q3', 25, 100, { ci95: [0.15, 0.35] })];
    render(<MetricTiles metric="customer-upsell-rate" rows={rows} onDrill={() => {}} />);
    expect(tile('Customer upsell rate')).toHaveClass('band-strong');
    expect(screen.queryByText(/uncertain/)).not.toBeInTheDocument();
  });

  it('draws a sparkline of the periods in the rate tile, hidden from screen readers', () => {
    render(<MetricTiles metric="customer-upsell-rate" rows={QUARTERS} onDrill={() => {}} />);
    const spark = tile('Customer upsell rate').querySelector('svg.sparkline');
    expect(spark).toHaveAttribute('aria-hidden', 'true');
    expect(spark?.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
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

  it('leaves out tiles with nothing to say, saying in one line what would fill them, without a drill-down', async () => {
    const onEditDefinition = vi.fn();
    render(
      <MetricTiles
        metric="purchase-upsell-rate"
        rows={QUARTERS.slice(0, 1)}
        industry="retail"
        onDrill={() => {}}
        onEditDefinition={onEditDefinition}
      />,
    );
    for (const label of ['Gap to benchmark', 'Gap to target', 'Upsell revenue']) {
      expect(screen.queryByText(label)).not.toBeInTheDocument();
    }
    expect(screen.getByText('Upsell revenue needs an amount column in the files.')).toBeInTheDocument();
    expect(screen.getByText(/Benchmarks are customer upsell rates/)).toBeInTheDocument();
    expect(screen.getAllByRole('button')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Set a target or an industry' }));
    expect(onEditDefinition).toHaveBeenCalledOnce();
  });

  it('shows the other rate computing in a tile without a drill-down', () => {
    render(
      <MetricTiles
        metric="customer-upsell-rate"
        rows={QUARTERS}
        other={{ metric: 'purchase-upsell-rate', rows: undefined }}
        onDrill={() => {}}
      />,
    );
    expect(tile('Purchase up-sell rate')).toHaveTextContent('Computing…');
    expect(tile('Purchase up-sell rate').tagName).toBe('DIV');
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
