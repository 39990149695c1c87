import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEFINITION,
  definitionFromSearchParams,
  fromDefinitionInput,
  toDefinitionInput,
  withFiscalYearStart,
  withPeriod,
  writeDefinition,
} from './dashboard-definition.ts';
import { DefinitionControls } from './definition-controls.tsx';
import { definitionSentence } from './definition-sentence.ts';
import { formatPeriod } from './format-metric.ts';
import { isPeriodOrDate, periodBounds } from './period-bounds.ts';
import { SHOP } from './testing/fixtures.ts';
import { useDefinitionParams } from './use-definition-params.ts';

describe('fiscal quarters and years on the dashboard', () => {
  it('reads the fiscal year start from the URL (fy) and writes it back, with fiscal from/to', () => {
    const { definition, ignored } = definitionFromSearchParams(
      new URLSearchParams('period=quarter&fy=10&from=FY2025-Q1&to=FY2025-Q3'),
    );
    expect(ignored).toEqual([]);
    expect(definition).toMatchObject({ fiscalYearStart: 10, from: 'FY2025-Q1', to: 'FY2025-Q3' });
    expect(writeDefinition(new URLSearchParams(), definition).toString()).toBe(
      'from=FY2025-Q1&to=FY2025-Q3&fy=10', // quarter is the default period
    );
    expect(toDefinitionInput(definition).fiscalYearStart).toBe(10);
    expect(fromDefinitionInput(toDefinitionInput(definition))).toEqual(definition);
  });

  it('ignores a month that is none, and a fiscal label without a fiscal year start, saying why', () => {
    expect(definitionFromSearchParams(new URLSearchParams('fy=13')).ignored).toEqual([
      'fy=13: use the month the fiscal year starts in, 1 to 12',
    ]);
    expect(definitionFromSearchParams(new URLSearchParams('from=FY2025-Q1')).ignored).toEqual([
      'from=FY2025-Q1: use a period such as 2024-Q1 or a date 2024-02-15',
    ]);
  });

  it('knows the days of a fiscal label: FY2025-Q1 from October is October to December 2024', () => {
    expect(periodBounds('FY2025-Q1', 10)).toEqual({ first: '2024-10-01', last: '2024-12-31' });
    expect(periodBounds('FY2025', 4)).toEqual({ first: '2024-04-01', last: '2025-03-31' });
    expect(periodBounds('FY2025-Q1')).toBeUndefined();
    expect(isPeriodOrDate('FY2025-Q4', 7)).toBe(true);
  });

  it('keeps the days of from/to when the fiscal year start or the period changes', () => {
    const calendar = { ...DEFAULT_DEFINITION, period: 'quarter' as const, from: '2024-Q4', to: '2025-Q1' };
    const fiscal = withFiscalYearStart(calendar, 10);
    expect(fiscal).toMatchObject({ fiscalYearStart: 10, from: '2024-10-01', to: '2025-03-31' });
    const back = withFiscalYearStart({ ...fiscal, from: 'FY2025-Q2' }, undefined);
    expect(back.fiscalYearStart).toBeUndefined();
    expect(back.from).toBe('2025-01-01');
    expect(withPeriod({ ...fiscal, from: 'FY2025-Q2' }, 'month').from).toBe('2025-01-01');
  });

  it('says fiscal quarters in words', () => {
    expect(formatPeriod('FY2025-Q1')).toBe('Q1 FY2025');
    expect(formatPeriod('FY2025')).toBe('FY2025');
    expect(definitionSentence({ ...DEFAULT_DEFINITION, fiscalYearStart: 4 })).toContain(
      'by fiscal quarter (years from April)',
    );
  });

  it('sets the fiscal year start from its select, into the URL', async () => {
    window.history.replaceState(null, '', '/datasets/shop?from=2024-Q4');
    function Harness() {
      const { definition, setDefinition } = useDefinitionParams();
      return (
        <DefinitionControls definition={definition} onChange={setDefinition} dimensions={SHOP.dimensions} />
      );
    }
    render(<Harness />);
    expect(screen.getByLabelText('Fiscal year')).toHaveValue('');
    await userEvent.selectOptions(screen.getByLabelText('Fiscal year'), 'Starts in October');
    expect(decodeURIComponent(window.location.search)).toBe('?from=2024-10-01&fy=10');
    expect(screen.getByLabelText('From period')).toHaveValue('2024-10-01');
  });
});
