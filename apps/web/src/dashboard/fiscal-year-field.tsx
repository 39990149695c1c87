import { MONTH_NAMES } from '@upsell/core';
import { ChoiceField } from '../ui/choice-field.tsx';

/** The choices: the calendar year (no fiscal labels), or the month a fiscal year starts in. */
export const FISCAL_YEAR_OPTIONS = [
  { value: '', label: 'Calendar year (January)' },
  ...MONTH_NAMES.map((month, i) => ({ value: String(i + 1), label: `Starts in ${month}` })),
] as const;

/** Props of {@link FiscalYearField}. */
export interface FiscalYearFieldProps {
  id: string;
  /** The month (1-12) a fiscal year starts in; undefined for calendar quarters and years. */
  value: number | undefined;
  onChange(value: number | undefined): void;
}

/**
 * The month the business's fiscal year starts in: quarters and years become fiscal, labelled
 * `FY2025-Q1` and `FY2025` by the calendar year the fiscal year ends in (as the CLI's
 * `--fiscal-year-start`).
 */
export function FiscalYearField({ id, value, onChange }: FiscalYearFieldProps) {
  return (
    <ChoiceField
      id={id}
      label="Fiscal year"
      options={FISCAL_YEAR_OPTIONS}
      value={value === undefined ? '' : String(value)}
      onChange={(text) => onChange(text === '' ? undefined : Number(text))}
      hint="Fiscal years are named by the year they end in: FY2025-Q1."
    />
  );
}
