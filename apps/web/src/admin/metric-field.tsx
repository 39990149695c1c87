import { METRICS, type Metric } from '@upsell/core';
import { METRIC_LABELS } from './definition-labels.ts';

/** The labelled metric select of the admin forms (saved definitions, targets). */
export function MetricField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Metric;
  onChange(metric: Metric): void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Metric</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Metric)}>
        {METRICS.map((metric) => (
          <option key={metric} value={metric}>
            {METRIC_LABELS[metric]}
          </option>
        ))}
      </select>
    </div>
  );
}
