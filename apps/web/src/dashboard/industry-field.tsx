import type { Industry } from '@upsell/core';
import { ControlField } from '../ui/control-field.tsx';
import { INDUSTRY_OPTIONS } from './definition-choices.ts';

/** Props of {@link IndustryField}. */
export interface IndustryFieldProps {
  id: string;
  value: Industry | undefined;
  /** Whether the benchmark is shown with this metric (customer and subscription upsell rates only). */
  shownWithMetric: boolean;
  /** An industry was chosen, or none (undefined). */
  onChange(industry: Industry | undefined): void;
}

/** "Industry benchmark": the industry whose published upsell rate the result is compared with. */
export function IndustryField({ id, value, shownWithMetric, onChange }: IndustryFieldProps) {
  return (
    <ControlField
      id={id}
      label="Industry benchmark"
      hint={
        value && !shownWithMetric
          ? 'Benchmarks are upsell rates of customers or subscribers: shown with those metrics only.'
          : undefined
      }
    >
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(INDUSTRY_OPTIONS.find((o) => o.value === event.target.value)?.value)}
      >
        <option value="">None</option>
        {INDUSTRY_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </ControlField>
  );
}
