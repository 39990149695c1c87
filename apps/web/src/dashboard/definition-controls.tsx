import {
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useState,
} from 'react';
import type { DatasetDimension, SavedDefinition } from './api-types.ts';
import {
  type DashboardDefinition,
  DEFAULT_DEFINITION,
  fromDefinitionInput,
  sameDefinition,
  withPeriod,
} from './dashboard-definition.ts';
import {
  ELIGIBILITY_OPTIONS,
  INDUSTRY_OPTIONS,
  METRIC_OPTIONS,
  type Option,
  PERIOD_OPTIONS,
  RULE_OPTIONS,
} from './definition-options.ts';
import { isPeriodOrDate } from './period-bounds.ts';

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
}

const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/**
 * The definition behind every number on the page: metric, rule, eligibility, period, time zone,
 * segment by, date range, industry benchmark and target, or a saved definition to fill them.
 * Choices apply at once; typed fields apply on Enter or when leaving the field.
 */
export function DefinitionControls(props: DefinitionControlsProps) {
  const { definition, onChange, dimensions, periods = [], saved = [], legend = 'Definition' } = props;
  const targetHint = props.targetHint ?? 'Empty: no target.';
  const id = useId();
  const set = (patch: Partial<DashboardDefinition>) => onChange({ ...definition, ...patch });
  const unset = (...fields: (keyof DashboardDefinition)[]) => {
    const next = { ...definition };
    for (const field of fields) delete next[field];
    onChange(next);
  };
  const current = saved.find((s) => sameDefinition(fromDefinitionInput(s.definition), definition));
  const isPurchaseRate = definition.metric === 'purchase-upsell-rate';
  const knownDimension = dimensions.some((d) => d.name === definition.by[0]);

  return (
    <form className="definition-controls" aria-label={legend} onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{legend}</legend>
        <div className="control-grid">
          {saved.length > 0 && (
            <Field id={`${id}-saved`} label="Saved definition">
              <select
                id={`${id}-saved`}
                value={current?.id ?? ''}
                onChange={(event) => {
                  const pick = saved.find((s) => s.id === event.target.value);
                  if (pick) onChange(fromDefinitionInput(pick.definition));
                }}
              >
                <option value="">{current ? '' : 'Custom (not saved)'}</option>
                {saved.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Choice
            id={`${id}-metric`}
            label="Metric"
            options={METRIC_OPTIONS}
            value={definition.metric}
            onChange={(metric) => set({ metric })}
          />
          <Choice
            id={`${id}-rule`}
            label="Upsell rule"
            options={RULE_OPTIONS}
            value={definition.rule}
            onChange={(rule) => set({ rule })}
          />
          <Choice
            id={`${id}-eligible`}
            label="Eligible customers"
            options={ELIGIBILITY_OPTIONS}
            value={definition.eligible}
            onChange={(eligible) => set({ eligible })}
            hint={isPurchaseRate ? 'No effect on the purchase up-sell rate.' : undefined}
          />
          <Choice
            id={`${id}-period`}
            label="Period"
            options={PERIOD_OPTIONS}
            value={definition.period}
            onChange={(period) => onChange(withPeriod(definition, period))}
          />
          <Field id={`${id}-tz`} label="Time zone">
            <CommitInput
              id={`${id}-tz`}
              value={definition.timeZone}
              list={`${id}-tz-list`}
              autoComplete="off"
              spellCheck={false}
              validate={(text) =>
                text.trim() === '' ? 'Enter a time zone such as Europe/Paris or UTC.' : undefined
              }
              onCommit={(timeZone) => set({ timeZone: timeZone.trim() })}
            />
            <datalist id={`${id}-tz-list`}>
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </Field>
          <Field
            id={`${id}-by`}
            label="Segment by"
            hint={
              definition.by.length > 1
                ? `Also by ${definition.by.slice(1).join(', ')} (from the link); choosing here keeps one.`
                : undefined
            }
          >
            <select
              id={`${id}-by`}
              aria-describedby={definition.by.length > 1 ? `${id}-by-hint` : undefined}
              value={definition.by[0] ?? ''}
              onChange={(event) => set({ by: event.target.value ? [event.target.value] : [] })}
            >
              <option value="">No segments</option>
              {!knownDimension && definition.by[0] !== undefined && (
                <option value={definition.by[0]}>{definition.by[0]}</option>
              )}
              {dimensions.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                  {d.from === 'customer' ? ' (customer)' : ''}
                </option>
              ))}
            </select>
          </Field>
          {(['from', 'to'] as const).map((field) => (
            <Field
              key={field}
              id={`${id}-${field}`}
              label={field === 'from' ? 'From period' : 'To period'}
              hint={field === 'from' ? 'A period (2024-Q1) or a date (2024-02-15).' : undefined}
            >
              <CommitInput
                id={`${id}-${field}`}
                value={definition[field] ?? ''}
                list={`${id}-periods`}
                placeholder={field === 'from' ? 'first period' : 'last period'}
                aria-describedby={field === 'from' ? `${id}-from-hint` : undefined}
                autoComplete="off"
                validate={(text) =>
                  text.trim() === '' || isPeriodOrDate(text)
                    ? undefined
                    : 'Use a period such as 2024-Q1, 2024-03, 2024-W10 or a date 2024-02-15.'
                }
                onCommit={(text) => (text.trim() === '' ? unset(field) : set({ [field]: text.trim() }))}
              />
            </Field>
          ))}
          <datalist id={`${id}-periods`}>
            {periods.map((label) => (
              <option key={label} value={label} />
            ))}
          </datalist>
          <Field
            id={`${id}-industry`}
            label="Industry benchmark"
            hint={
              definition.industry && definition.metric !== 'customer-upsell-rate'
                ? 'Benchmarks are customer upsell rates: shown with that metric only.'
                : undefined
            }
          >
            <select
              id={`${id}-industry`}
              value={definition.industry ?? ''}
              onChange={(event) => {
                const industry = INDUSTRY_OPTIONS.find((o) => o.value === event.target.value)?.value;
                if (industry) set({ industry });
                else unset('industry', 'benchmark');
              }}
            >
              <option value="">None</option>
              {INDUSTRY_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
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
        {!sameDefinition(definition, DEFAULT_DEFINITION) && (
          <button type="button" className="link-button" onClick={() => onChange(DEFAULT_DEFINITION)}>
            Reset to defaults
          </button>
        )}
      </fieldset>
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

function Choice<T extends string>({
  id,
  label,
  options,
  value,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  options: readonly Option<T>[];
  value: T;
  onChange(value: T): void;
  hint?: string | undefined;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      <select
        id={id}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          const next = options.find((o) => o.value === event.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function PercentField({
  id,
  label,
  hint,
  value,
  disabled,
  onCommit,
}: {
  id: string;
  label: string;
  hint: string;
  value: number | undefined;
  disabled?: boolean;
  onCommit(value: number | undefined): void;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      <CommitInput
        id={id}
        value={value === undefined ? '' : String(value)}
        inputMode="decimal"
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        validate={(text) =>
          text.trim() === '' || (/^\d+(\.\d+)?$/.test(text.trim()) && Number(text) <= 100)
            ? undefined
            : 'Enter a percentage from 0 to 100, e.g. 20.'
        }
        onCommit={(text) => onCommit(text.trim() === '' ? undefined : Number(text))}
      />
    </Field>
  );
}

/**
 * A text input that applies its value on Enter or blur (not on every key, which would compute
 * the metric for every character), after `validate` accepts it.
 */
function CommitInput({
  value,
  onCommit,
  validate,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  id: string;
  value: string;
  onCommit(value: string): void;
  validate?(value: string): string | undefined;
}) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setDraft(value);
    setError(undefined);
  }, [value]);
  const commit = () => {
    if (draft === value) return setError(undefined);
    const problem = validate?.(draft);
    setError(problem);
    if (problem === undefined) onCommit(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setDraft(value);
      setError(undefined);
    }
  };
  const describedBy = [props['aria-describedby'], error ? `${props.id}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <input
        type="text"
        {...props}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {error && (
        <small id={`${props.id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </>
  );
}
