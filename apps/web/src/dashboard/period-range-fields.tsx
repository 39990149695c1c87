import { CommitInput } from '../ui/commit-input.tsx';
import { ControlField } from '../ui/control-field.tsx';
import { Suggestions } from '../ui/suggestions.tsx';
import { isPeriodOrDate } from './period-bounds.ts';

/** Props of {@link PeriodRangeFields}. */
export interface PeriodRangeFieldsProps {
  /** The prefix of the fields' ids: `<id>-from`, `<id>-to`. */
  id: string;
  from: string | undefined;
  to: string | undefined;
  /** Period labels of the current result, suggested for both. */
  periods: readonly string[];
  /** The fiscal year's first month, when quarters and years are fiscal (FY2025-Q1). */
  fiscalYearStart?: number | undefined;
  /** A bound was applied; undefined when emptied. */
  onCommit(field: 'from' | 'to', value: string | undefined): void;
}

/** "From period" and "To period": a period (2024-Q1) or a date, applied on Enter or blur. */
export function PeriodRangeFields({
  id,
  from,
  to,
  periods,
  fiscalYearStart,
  onCommit,
}: PeriodRangeFieldsProps) {
  const values = { from, to };
  const quarter = fiscalYearStart === undefined ? '2024-Q1' : 'FY2025-Q1';
  return (
    <>
      {(['from', 'to'] as const).map((field) => (
        <ControlField
          key={field}
          id={`${id}-${field}`}
          label={field === 'from' ? 'From period' : 'To period'}
          hint={field === 'from' ? `A period (${quarter}) or a date (2024-02-15).` : undefined}
        >
          <CommitInput
            id={`${id}-${field}`}
            value={values[field] ?? ''}
            list={`${id}-periods`}
            placeholder={field === 'from' ? 'first period' : 'last period'}
            aria-describedby={field === 'from' ? `${id}-from-hint` : undefined}
            autoComplete="off"
            validate={(text) =>
              text.trim() === '' || isPeriodOrDate(text, fiscalYearStart)
                ? undefined
                : `Use a period such as ${quarter}, 2024-03, 2024-W10 or a date 2024-02-15.`
            }
            onCommit={(text) => onCommit(field, text.trim() === '' ? undefined : text.trim())}
          />
        </ControlField>
      ))}
      <Suggestions id={`${id}-periods`} values={periods} />
    </>
  );
}
