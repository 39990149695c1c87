import { useId } from 'react';
import { ChoiceField } from '../ui/choice-field.tsx';
import { PercentField } from '../ui/percent-field.tsx';
import type { DatasetDimension, SavedDefinition } from './api-types.ts';
import {
  type DashboardDefinition,
  defaultDefinition,
  sameDefinition,
  withFiscalYearStart,
  withPeriod,
} from './dashboard-definition.ts';
import { type DefinitionChoices, PERIOD_OPTIONS, PURCHASE_CHOICES } from './definition-choices.ts';
import { FiscalYearField } from './fiscal-year-field.tsx';
import { IndustryField } from './industry-field.tsx';
import { PeriodRangeFields } from './period-range-fields.tsx';
import { SavedDefinitionField } from './saved-definition-field.tsx';
import { SegmentByField } from './segment-by-field.tsx';
import { TimeZoneField } from './time-zone-field.tsx';

/** Props of {@link DefinitionControls}. */
export interface DefinitionControlsProps {
  definition: DashboardDefinition;
  onChange(definition: DashboardDefinition): void;
  /** The dataset's dimensions, for "segment by". */
  dimensions: readonly DatasetDimension[];
  /** Period labels of the current result, suggested for from/to. */
  periods?: readonly string[];
  /** Saved definitions to pick from. */
  saved?: readonly SavedDefinition[];
  /** A heading for the set (the compare page has two). */
  legend?: string;
  /** What an empty target means here (the saved target that applies, or none). */
  targetHint?: string;
  /** The metrics, rules and eligibilities offered, and the defaults; purchase ones unless told. */
  choices?: DefinitionChoices;
}

/**
 * The definition behind every number on the page: metric, rule, eligibility, period, time zone,
 * segment by, date range, industry benchmark and target, or a saved definition to fill them.
 * Choices apply at once; typed fields apply on Enter or when leaving the field.
 */
export function DefinitionControls(props: DefinitionControlsProps) {
  const { definition, onChange, dimensions, periods = [], saved = [], legend = 'Definition' } = props;
  const choices = props.choices ?? PURCHASE_CHOICES;
  const defaults = defaultDefinition(choices);
  const targetHint = props.targetHint ?? 'Empty: no target.';
  const id = useId();
  const set = (patch: Partial<DashboardDefinition>) => onChange({ ...definition, ...patch });
  const unset = (...fields: (keyof DashboardDefinition)[]) => {
    const next = { ...definition };
    for (const field of fields) delete next[field];
    onChange(next);
  };
  const isPurchaseRate = definition.metric === 'purchase-upsell-rate';

  return (
    <form className="definition-controls" aria-label={legend} onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{legend}</legend>
        <div className="control-grid">
          {saved.length > 0 && (
            <SavedDefinitionField
              id={`${id}-saved`}
              definition={definition}
              saved={saved}
              onChange={onChange}
            />
          )}
          <ChoiceField
            id={`${id}-metric`}
            label="Metric"
            options={choices.metrics}
            value={definition.metric}
            onChange={(metric) => set({ metric })}
          />
          <ChoiceField
            id={`${id}-rule`}
            label="Upsell rule"
            options={choices.rules}
            value={definition.rule}
            onChange={(rule) => set({ rule })}
          />
          <ChoiceField
            id={`${id}-eligible`}
            label="Eligible customers"
            options={choices.eligibilities}
            value={definition.eligible}
            onChange={(eligible) => set({ eligible })}
            hint={isPurchaseRate ? 'No effect on the purchase up-sell rate.' : undefined}
          />
          <ChoiceField
            id={`${id}-period`}
            label="Period"
            options={PERIOD_OPTIONS}
            value={definition.period}
            onChange={(period) => onChange(withPeriod(definition, period))}
          />
          <FiscalYearField
            id={`${id}-fy`}
            value={definition.fiscalYearStart}
            onChange={(start) => onChange(withFiscalYearStart(definition, start))}
          />
          <TimeZoneField
            id={`${id}-tz`}
            value={definition.timeZone}
            onCommit={(timeZone) => set({ timeZone })}
          />
          <SegmentByField
            id={`${id}-by`}
            by={definition.by}
            dimensions={dimensions}
            onChange={(by) => set({ by })}
          />
          <PeriodRangeFields
            id={id}
            from={definition.from}
            to={definition.to}
            fiscalYearStart={definition.fiscalYearStart}
            periods={periods}
            onCommit={(field, value) => (value === undefined ? unset(field) : set({ [field]: value }))}
          />
          <IndustryField
            id={`${id}-industry`}
            value={definition.industry}
            shownWithMetric={
              definition.metric === 'customer-upsell-rate' || definition.metric === 'subscription-upsell-rate'
            }
            onChange={(industry) => (industry ? set({ industry }) : unset('industry', 'benchmark'))}
          />
          <PercentField
            id={`${id}-benchmark`}
            label="Your benchmark (%)"
            hint={definition.industry ? 'Replaces the published figure.' : 'Choose an industry first.'}
            value={definition.benchmark}
            disabled={definition.industry === undefined}
            onCommit={(benchmark) => (benchmark === undefined ? unset('benchmark') : set({ benchmark }))}
          />
          <PercentField
            id={`${id}-target`}
            label="Target (%)"
            hint={targetHint}
            value={definition.target}
            onCommit={(target) => (target === undefined ? unset('target') : set({ target }))}
          />
        </div>
        {!sameDefinition(definition, defaults) && (
          <button type="button" className="link-button" onClick={() => onChange(defaults)}>
            Reset to defaults
          </button>
        )}
      </fieldset>
    </form>
  );
}
