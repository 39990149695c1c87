import { useId } from 'react';
import type { DatasetDimension } from '../dashboard/api-types.ts';
import { PERIOD_OPTIONS } from '../dashboard/definition-choices.ts';
import { periodWords } from '../dashboard/definition-sentence.ts';
import { FiscalYearField } from '../dashboard/fiscal-year-field.tsx';
import { PeriodRangeFields } from '../dashboard/period-range-fields.tsx';
import { SegmentByField } from '../dashboard/segment-by-field.tsx';
import { TimeZoneField } from '../dashboard/time-zone-field.tsx';
import { ChoiceField } from '../ui/choice-field.tsx';
import { PercentField } from '../ui/percent-field.tsx';
import {
  DEFAULT_SUBSCRIPTION_VIEW,
  type SubscriptionView,
  withViewFiscalYearStart,
  withViewPeriod,
} from './subscription-view.ts';

/** Props of {@link SubscriptionControls}. */
export interface SubscriptionControlsProps {
  view: SubscriptionView;
  onChange(view: SubscriptionView): void;
  dimensions: readonly DatasetDimension[];
  /** Period labels of the current result, suggested for from/to. */
  periods: readonly string[];
}

/**
 * What the subscription dashboard computes: period unit, time zone, segments, date range and a
 * target for the subscription upsell rate, with the purchase dashboard's own fields. Choices
 * apply at once; typed fields on Enter or when leaving the field.
 */
export function SubscriptionControls({ view, onChange, dimensions, periods }: SubscriptionControlsProps) {
  const id = useId();
  const set = (patch: Partial<SubscriptionView>) => onChange({ ...view, ...patch });
  const unset = (field: 'from' | 'to' | 'target') => {
    const next = { ...view };
    delete next[field];
    onChange(next);
  };
  return (
    <form
      className="definition-controls"
      aria-label="Definition"
      onSubmit={(event) => event.preventDefault()}
    >
      <fieldset>
        <legend>Definition</legend>
        <div className="control-grid">
          <ChoiceField
            id={`${id}-period`}
            label="Period"
            options={PERIOD_OPTIONS}
            value={view.period}
            onChange={(period) => onChange(withViewPeriod(view, period))}
          />
          <FiscalYearField
            id={`${id}-fy`}
            value={view.fiscalYearStart}
            onChange={(start) => onChange(withViewFiscalYearStart(view, start))}
          />
          <TimeZoneField id={`${id}-tz`} value={view.timeZone} onCommit={(timeZone) => set({ timeZone })} />
          <SegmentByField
            id={`${id}-by`}
            by={view.by}
            dimensions={dimensions}
            onChange={(by) => set({ by })}
          />
          <PeriodRangeFields
            id={id}
            from={view.from}
            to={view.to}
            fiscalYearStart={view.fiscalYearStart}
            periods={periods}
            onCommit={(field, value) => (value === undefined ? unset(field) : set({ [field]: value }))}
          />
          <PercentField
            id={`${id}-target`}
            label="Target upsell rate (%)"
            hint="Empty: no target. The SaaS benchmark is 25%."
            value={view.target}
            onCommit={(target) => (target === undefined ? unset('target') : set({ target }))}
          />
        </div>
        <button type="button" className="link-button" onClick={() => onChange(DEFAULT_SUBSCRIPTION_VIEW)}>
          Reset to defaults
        </button>
      </fieldset>
    </form>
  );
}

/**
 * The view in words, for the line above the tiles.
 *
 * @example
 * subscriptionSentence({ ...DEFAULT_SUBSCRIPTION_VIEW, by: ['region'] }) // 'MRR movements and subscription upsell, by month, UTC, segmented by region'
 */
export function subscriptionSentence(view: SubscriptionView): string {
  const parts = [
    'MRR movements and subscription upsell',
    view.period === 'all' ? 'all time' : periodWords(view.period, view.fiscalYearStart),
    view.timeZone,
  ];
  if (view.by.length > 0) parts.push(`segmented by ${view.by.join(' and ')}`);
  if (view.from !== undefined || view.to !== undefined)
    parts.push(`from ${view.from ?? 'the first period'} to ${view.to ?? 'the last'}`);
  if (view.target !== undefined) parts.push(`target ${view.target}%`);
  return parts.join(', ');
}
