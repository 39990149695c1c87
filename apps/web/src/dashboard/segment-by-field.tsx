import { ControlField } from '../ui/control-field.tsx';
import type { DatasetDimension } from './api-types.ts';

/** Props of {@link SegmentByField}. */
export interface SegmentByFieldProps {
  id: string;
  /** The definition's `by`: only the first is chosen here; more can come from a link. */
  by: readonly string[];
  dimensions: readonly DatasetDimension[];
  onChange(by: string[]): void;
}

/**
 * "Segment by": one of the dataset's dimensions, or none. A dimension from a link that the
 * dataset does not know is kept as a choice, so the select shows what the page computes.
 */
export function SegmentByField({ id, by, dimensions, onChange }: SegmentByFieldProps) {
  const knownDimension = dimensions.some((d) => d.name === by[0]);
  return (
    <ControlField
      id={id}
      label="Segment by"
      hint={
        by.length > 1
          ? `Also by ${by.slice(1).join(', ')} (from the link); choosing here keeps one.`
          : undefined
      }
    >
      <select
        id={id}
        aria-describedby={by.length > 1 ? `${id}-hint` : undefined}
        value={by[0] ?? ''}
        onChange={(event) => onChange(event.target.value ? [event.target.value] : [])}
      >
        <option value="">No segments</option>
        {!knownDimension && by[0] !== undefined && <option value={by[0]}>{by[0]}</option>}
        {dimensions.map((d) => (
          <option key={d.name} value={d.name}>
            {d.name}
            {d.from === 'customer' ? ' (customer)' : ''}
          </option>
        ))}
      </select>
    </ControlField>
  );
}
