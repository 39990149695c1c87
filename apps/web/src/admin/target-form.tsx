import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Metric } from '@upsell/core';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Suggestions } from '../ui/suggestions.tsx';
import { METRIC_LABELS } from './definition-labels.ts';
import { MetricField } from './metric-field.tsx';
import { percent, segmentText } from './target-text.ts';

interface SegmentEntry {
  key: number;
  dimension: string;
  value: string;
}

/** Sets (or replaces) the target of a metric for all customers or one segment. */
export function TargetForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [metric, setMetric] = useState<Metric>('customer-upsell-rate');
  const [rate, setRate] = useState('');
  const [entries, setEntries] = useState<SegmentEntry[]>([]);
  const [nextKey, setNextKey] = useState(0);
  const datasets = useQuery(trpc.dataset.list.queryOptions());
  const dimensions = useMemo(
    () =>
      [...new Set((datasets.data ?? []).flatMap((dataset) => dataset.dimensions.map((d) => d.name)))].sort(),
    [datasets.data],
  );
  const set = useMutation(
    trpc.target.set.mutationOptions({
      onSuccess: async () => {
        setRate('');
        setEntries([]);
        await queryClient.invalidateQueries(trpc.target.pathFilter());
        await queryClient.invalidateQueries(trpc.metric.pathFilter());
      },
    }),
  );

  const number = Number(rate);
  const rateError =
    rate.trim() === ''
      ? undefined
      : !Number.isFinite(number) || number < 0 || number > 100
        ? 'A percentage from 0 to 100, e.g. 22.5.'
        : undefined;
  const names = entries.map((entry) => entry.dimension.trim());
  const segmentError = entries.some((entry) => entry.dimension.trim() === '')
    ? 'Name the dimension of each segment condition, or remove it.'
    : new Set(names).size < names.length
      ? 'Each dimension at most once.'
      : undefined;
  const ready = rate.trim() !== '' && rateError === undefined && segmentError === undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const segment = Object.fromEntries(entries.map((entry) => [entry.dimension.trim(), entry.value.trim()]));
    // Percent to a fraction, rounded so 22.5 % is 0.225 and not 0.22499999999999998.
    set.mutate({ metric, segment, rate: Math.round(number * 1e4) / 1e6 });
  };

  const change = (key: number, patch: Partial<SegmentEntry>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry)));

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Set a target</h2>
      <MetricField id={`${id}-metric`} value={metric} onChange={setMetric} />
      <div className="field">
        <label htmlFor={`${id}-rate`}>Target rate (%)</label>
        <input
          id={`${id}-rate`}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          value={rate}
          onChange={(event) => setRate(event.target.value)}
          aria-invalid={rateError ? true : undefined}
          aria-describedby={rateError ? `${id}-rate-error` : undefined}
        />
        {rateError && (
          <p id={`${id}-rate-error`} className="field-error">
            {rateError}
          </p>
        )}
      </div>
      <fieldset className="wide segment-entries">
        <legend>Segment (none: all customers)</legend>
        {entries.map((entry, index) => (
          <div key={entry.key} className="segment-entry">
            <label>
              <span>Dimension {index + 1}</span>
              <input
                value={entry.dimension}
                list={`${id}-dimensions`}
                onChange={(event) => change(entry.key, { dimension: event.target.value })}
                autoComplete="off"
              />
            </label>
            <label>
              <span>Value {index + 1}</span>
              <input
                value={entry.value}
                onChange={(event) => change(entry.key, { value: event.target.value })}
                autoComplete="off"
              />
            </label>
            <button
              type="button"
              className="link-button"
              onClick={() => setEntries((current) => current.filter((other) => other.key !== entry.key))}
            >
              Remove<span className="visually-hidden"> condition {index + 1}</span>
            </button>
          </div>
        ))}
        <Suggestions id={`${id}-dimensions`} values={dimensions} />
        <button
          type="button"
          onClick={() => {
            setEntries((current) => [...current, { key: nextKey, dimension: '', value: '' }]);
            setNextKey(nextKey + 1);
          }}
        >
          Add a segment condition
        </button>
        {segmentError && <p className="field-error">{segmentError}</p>}
      </fieldset>
      {set.error && <ErrorPanel title="Could not set the target" error={set.error} />}
      {set.isSuccess && (
        <p role="status" className="ok">
          Target set: {METRIC_LABELS[set.data.metric]} for {segmentText(set.data.segment)},{' '}
          {percent(set.data.rate)}.
        </p>
      )}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={!ready || set.isPending}>
          {set.isPending ? 'Saving…' : 'Set target'}
        </button>
      </div>
    </form>
  );
}
