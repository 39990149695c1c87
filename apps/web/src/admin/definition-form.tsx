import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@upsell/client';
import {
  type DefinitionInput,
  ELIGIBILITIES,
  type Eligibility,
  type Metric,
  PERIOD_UNITS,
  type PeriodUnit,
  RULES,
  type Rule,
} from '@upsell/core';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Suggestions } from '../ui/suggestions.tsx';
import { ELIGIBILITY_LABELS, PERIOD_LABELS, RULE_LABELS } from './definition-labels.ts';
import { MetricField } from './metric-field.tsx';

/** A saved definition, as `definition.list` answers it. */
export type SavedDefinition = RouterOutputs['definition']['list'][number];

/** Props of {@link DefinitionForm}. */
export interface DefinitionFormProps {
  /** Edits this one; left out, creates a new one. */
  saved?: SavedDefinition;
  onDone(saved: SavedDefinition): void;
  onCancel(): void;
}

const MAX_BY = 8;

/** Whether the browser knows an IANA time zone (the server checks it too). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const splitBy = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

/**
 * Creates or edits a saved definition with plain form controls. Fields the form does not show
 * (from, to, industry, benchmarks, target) are kept as they were saved.
 */
export function DefinitionForm({ saved, onDone, onCancel }: DefinitionFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const initial: DefinitionInput = saved?.definition ?? {};
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [metric, setMetric] = useState<Metric>(initial.metric ?? 'customer-upsell-rate');
  const [rule, setRule] = useState<Rule>(initial.rule ?? 'auto');
  const [eligible, setEligible] = useState<Eligibility>(initial.eligible ?? 'all');
  const [period, setPeriod] = useState<PeriodUnit>(initial.period ?? 'quarter');
  const [timeZone, setTimeZone] = useState(initial.timeZone ?? 'UTC');
  const [by, setBy] = useState((initial.by ?? []).join(', '));
  const zones = useMemo(() => Intl.supportedValuesOf?.('timeZone') ?? [], []);

  const onSuccess = async (row: SavedDefinition) => {
    await queryClient.invalidateQueries(trpc.definition.pathFilter());
    onDone(row);
  };
  const create = useMutation(trpc.definition.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.definition.update.mutationOptions({ onSuccess }));
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  const errors = {
    name:
      name.trim() === ''
        ? 'Name the definition.'
        : name.trim().length > 100
          ? 'Up to 100 characters.'
          : undefined,
    description: description.length > 2000 ? 'Up to 2,000 characters.' : undefined,
    timeZone: isTimeZone(timeZone.trim())
      ? undefined
      : `“${timeZone}” is not a time zone: use an IANA name such as Europe/Paris.`,
    by: splitBy(by).length > MAX_BY ? `Segment by at most ${MAX_BY} dimensions.` : undefined,
  };
  const valid = Object.values(errors).every((error) => error === undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || saving) return;
    const definition: DefinitionInput = {
      ...initial,
      metric,
      rule,
      eligible,
      period,
      timeZone: timeZone.trim(),
      by: splitBy(by),
    };
    if (saved) {
      update.mutate({
        id: saved.id,
        name: name.trim(),
        description: description.trim() === '' ? null : description.trim(),
        definition,
      });
    } else {
      create.mutate({
        name: name.trim(),
        ...(description.trim() === '' ? {} : { description: description.trim() }),
        definition,
      });
    }
  };

  const describedBy = (field: keyof typeof errors, hint?: string) =>
    [errors[field] ? `${id}-${field}-error` : undefined, hint].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: keyof typeof errors) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{saved ? `Edit “${saved.name}”` : 'New definition'}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
          autoComplete="off"
        />
        {fieldError('name')}
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-description`}>Description (optional)</label>
        <textarea
          id={`${id}-description`}
          value={description}
          rows={2}
          onChange={(event) => setDescription(event.target.value)}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy('description')}
        />
        {fieldError('description')}
      </div>
      <MetricField id={`${id}-metric`} value={metric} onChange={setMetric} />
      <div className="field">
        <label htmlFor={`${id}-rule`}>Rule (which later line is an upsell)</label>
        <select id={`${id}-rule`} value={rule} onChange={(event) => setRule(event.target.value as Rule)}>
          {RULES.map((value) => (
            <option key={value} value={value}>
              {RULE_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-eligible`}>Eligible customers</label>
        <select
          id={`${id}-eligible`}
          value={eligible}
          onChange={(event) => setEligible(event.target.value as Eligibility)}
          aria-describedby={`${id}-eligible-hint`}
        >
          {ELIGIBILITIES.map((value) => (
            <option key={value} value={value}>
              {ELIGIBILITY_LABELS[value]}
            </option>
          ))}
        </select>
        <p id={`${id}-eligible-hint`} className="hint">
          Customer rates only; the purchase up-sell rate counts lines.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-period`}>Period</label>
        <select
          id={`${id}-period`}
          value={period}
          onChange={(event) => setPeriod(event.target.value as PeriodUnit)}
        >
          {PERIOD_UNITS.map((value) => (
            <option key={value} value={value}>
              {PERIOD_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <input
          id={`${id}-zone`}
          value={timeZone}
          list={`${id}-zones`}
          onChange={(event) => setTimeZone(event.target.value)}
          aria-invalid={errors.timeZone ? true : undefined}
          aria-describedby={describedBy('timeZone', `${id}-zone-hint`)}
          autoComplete="off"
          spellCheck={false}
        />
        <Suggestions id={`${id}-zones`} values={zones} />
        <p id={`${id}-zone-hint`} className="hint">
          Periods start at midnight here; also for times without an offset.
        </p>
        {fieldError('timeZone')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-by`}>Segment by (optional)</label>
        <input
          id={`${id}-by`}
          value={by}
          onChange={(event) => setBy(event.target.value)}
          aria-invalid={errors.by ? true : undefined}
          aria-describedby={describedBy('by', `${id}-by-hint`)}
          placeholder="e.g. channel, region"
          autoComplete="off"
        />
        <p id={`${id}-by-hint`} className="hint">
          Dimension names, separated by commas: columns of the purchases or customer attributes.
        </p>
        {fieldError('by')}
      </div>
      {failure && <ErrorPanel title="Could not save the definition" error={failure} />}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={!valid || saving}>
          {saving ? 'Saving…' : saved ? 'Save changes' : 'Save definition'}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
