import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SavedDefinition } from './api-types.ts';
import { DefinitionControls } from './definition-controls.tsx';
import { SHOP } from './testing/fixtures.ts';
import { useDefinitionParams } from './use-definition-params.ts';

const SAVED: SavedDefinition[] = [
  {
    id: 'def_1',
    name: 'Monthly by channel',
    description: null,
    definition: {
      metric: 'customer-upsell-rate',
      rule: 'auto',
      eligible: 'existing',
      period: 'month',
      timeZone: 'UTC',
      by: ['channel'],
      target: 0.2,
    },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
];

/** The controls wired to the URL, as the dashboard wires them. */
function Harness() {
  const { definition, setDefinition } = useDefinitionParams();
  return (
    <DefinitionControls
      definition={definition}
      onChange={setDefinition}
      dimensions={SHOP.dimensions}
      periods={['2024-Q1', '2024-Q2']}
      saved={SAVED}
    />
  );
}

function renderAt(url: string) {
  window.history.replaceState(null, '', url);
  return render(<Harness />);
}

const search = () => decodeURIComponent(window.location.search);

describe('DefinitionControls and the URL', () => {
  it('writes a changed choice to the URL, leaving defaults out', async () => {
    renderAt('/datasets/shop');
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'month');
    expect(window.location.pathname).toBe('/datasets/shop');
    expect(search()).toBe('?period=month');
    await userEvent.selectOptions(screen.getByLabelText('Segment by'), 'region');
    expect(search()).toBe('?period=month&by=region');
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'quarter');
    expect(search()).toBe('?by=region');
  });

  it('fills every control from the URL, as on a reload of a shared link', () => {
    renderAt(
      '/datasets/shop?metric=purchase-upsell-rate&rule=price&eligible=active&period=week&tz=Europe%2FParis' +
        '&by=channel&from=2024-W02&to=2024-03-31&industry=saas&benchmark=30&target=12.5',
    );
    expect(screen.getByLabelText('Metric')).toHaveValue('purchase-upsell-rate');
    expect(screen.getByLabelText('Upsell rule')).toHaveValue('price');
    expect(screen.getByLabelText('Eligible customers')).toHaveValue('active');
    expect(screen.getByLabelText('Period')).toHaveValue('week');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Paris');
    expect(screen.getByLabelText('Segment by')).toHaveValue('channel');
    expect(screen.getByLabelText('From period')).toHaveValue('2024-W02');
    expect(screen.getByLabelText('To period')).toHaveValue('2024-03-31');
    expect(screen.getByLabelText('Industry benchmark')).toHaveValue('saas');
    expect(screen.getByLabelText('Your benchmark (%)')).toHaveValue('30');
    expect(screen.getByLabelText('Target (%)')).toHaveValue('12.5');
    expect(screen.getByText('No effect on the purchase up-sell rate.')).toBeInTheDocument();
  });

  it('applies a typed period on Enter, and refuses one that is no period, saying why', async () => {
    renderAt('/datasets/shop');
    const from = screen.getByLabelText('From period');
    await userEvent.type(from, 'last spring{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Use a period such as 2024-Q1');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(search()).toBe('');
    await userEvent.clear(from);
    await userEvent.type(from, '2024-Q2{Enter}');
    expect(search()).toBe('?from=2024-Q2');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('applies a target when leaving the field, and removes it when emptied', async () => {
    renderAt('/datasets/shop');
    await userEvent.type(screen.getByLabelText('Target (%)'), '20');
    await userEvent.tab();
    expect(search()).toBe('?target=20');
    await userEvent.clear(screen.getByLabelText('Target (%)'));
    await userEvent.tab();
    expect(search()).toBe('');
  });

  it('keeps a from/to range when the period unit changes', async () => {
    renderAt('/datasets/shop?from=2024-Q1&to=2024-Q2');
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'month');
    expect(search()).toBe('?period=month&from=2024-01-01&to=2024-06-30');
  });

  it('fills the controls from a saved definition, and names it while they match', async () => {
    renderAt('/datasets/shop?period=year');
    const picker = screen.getByLabelText('Saved definition');
    expect(within(picker).getByRole('option', { name: 'Custom (not saved)' })).toBeInTheDocument();
    await userEvent.selectOptions(picker, 'def_1');
    expect(search()).toBe('?eligible=existing&period=month&by=channel&target=20');
    expect(screen.getByLabelText('Saved definition')).toHaveValue('def_1');
  });

  it('resets every field to its default', async () => {
    renderAt('/datasets/shop?period=month&target=20&keep=me');
    await userEvent.click(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect(search()).toBe('?keep=me');
    expect(screen.queryByRole('button', { name: 'Reset to defaults' })).not.toBeInTheDocument();
  });

  it('asks for an industry before a benchmark figure', () => {
    renderAt('/datasets/shop');
    expect(screen.getByLabelText('Your benchmark (%)')).toBeDisabled();
  });
});
