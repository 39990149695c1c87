import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ALERT_CONDITIONS,
  type AlertCondition,
  INDUSTRIES,
  PERIOD_UNITS,
  type PeriodUnit,
} from '@upsell/core';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { CONDITION_LABELS } from './alert-text.ts';

const RETENTION: readonly AlertCondition[] = ['nrr-below', 'grr-below'];

/**
 * Creates an alert rule on a dataset (admins): the condition, the period it is read by and the
 * webhook. The signing secret is shown once, after.
 */
export function AlertRuleForm({ dataset: initialDataset }: { dataset?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const datasets = useQuery(trpc.dataset.list.queryOptions());
  const [name, setName] = useState('');
  const [dataset, setDataset] = useState(initialDataset ?? '');
  const [condition, setCondition] = useState<AlertCondition>('below-target');
  const [period, setPeriod] = useState<PeriodUnit>('month');
  const [percent, setPercent] = useState('');
  const [industry, setIndustry] = useState<(typeof INDUSTRIES)[number]>(INDUSTRIES[0]);
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const shown = useRef<HTMLInputElement>(null);
  const create = useMutation(
    trpc.alert.create.mutationOptions({
      onSuccess: async () => {
        setName('');
        setUrl('');
        setPercent('');
        await queryClient.invalidateQueries(trpc.alert.pathFilter());
      },
    }),
  );

  const chosen = (datasets.data ?? []).find((d) => d.name === dataset);
  const subscriptions = chosen?.kind === 'subscriptions';
  const retention = RETENTION.includes(condition);
  const needsPercent = retention;
  const number = Number(percent);
  const percentError =
    percent.trim() === ''
      ? undefined
      : !Number.isFinite(number) || number < 0 || number > (retention ? 1000 : 100)
        ? `A percentage from 0 to ${retention ? 1000 : 100}, e.g. 90.`
        : undefined;
  const ready =
    name.trim() !== '' &&
    dataset !== '' &&
    url.trim() !== '' &&
    percentError === undefined &&
    (!needsPercent || percent.trim() !== '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const fraction = Math.round(number * 1e4) / 1e6;
    const definition = {
      period,
      ...(subscriptions ? { metric: 'subscription-upsell-rate' as const } : {}),
      ...(condition === 'below-target' && percent.trim() !== '' ? { target: fraction } : {}),
      ...(condition === 'below-benchmark' ? { industry } : {}),
    };
    create.mutate({
      name: name.trim(),
      dataset,
      condition,
      definition,
      url: url.trim(),
      ...(retention ? { threshold: fraction } : {}),
    });
  };

  const copy = async () => {
    if (!create.data) return;
    try {
      await navigator.clipboard.writeText(create.data.secret);
      setCopied('yes');
    } catch {
      shown.current?.select();
      setCopied('failed');
    }
  };

  if (create.data) {
    return (
      <section className="panel new-token" aria-labelledby={`${id}-shown`}>
        <h2 id={`${id}-shown`}>Signing secret of “{create.data.rule.name}”</h2>
        <p className="warning">
          Copy it now: this is the only time it is shown. Your receiver checks each delivery's
          Upsell-Signature header with it; if it is lost, delete the rule and create another.
        </p>
        <div className="token-line">
          <label htmlFor={`${id}-secret`} className="visually-hidden">
            The signing secret
          </label>
          <input id={`${id}-secret`} ref={shown} readOnly value={create.data.secret} spellCheck={false} />
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p role="status" className={copied === 'failed' ? 'field-error' : 'ok'}>
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'The browser did not allow copying: the secret is selected, copy it with Ctrl+C (⌘C).'
              : ''}
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setCopied(undefined);
            create.reset();
          }}
        >
          I have copied it: hide the secret
        </button>
      </section>
    );
  }

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create an alert rule</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-dataset`}>Dataset</label>
        <select id={`${id}-dataset`} value={dataset} onChange={(e) => setDataset(e.target.value)}>
          <option value="">Choose a dataset</option>
          {(datasets.data ?? []).map((d) => (
            <option key={d.id} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-condition`}>Condition</label>
        <select
          id={`${id}-condition`}
          value={condition}
          onChange={(e) => setCondition(e.target.value as AlertCondition)}
        >
          {ALERT_CONDITIONS.filter((c) => subscriptions || !RETENTION.includes(c)).map((c) => (
            <option key={c} value={c}>
              {CONDITION_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value as PeriodUnit)}>
          {PERIOD_UNITS.filter((unit) => unit !== 'all').map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </div>
      {(condition === 'below-target' || retention) && (
        <div className="field">
          <label htmlFor={`${id}-percent`}>
            {retention ? 'Threshold (%)' : 'Target rate (%, empty: the saved target)'}
          </label>
          <input
            id={`${id}-percent`}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            aria-invalid={percentError ? true : undefined}
            aria-describedby={percentError ? `${id}-percent-error` : undefined}
          />
          {percentError && (
            <p id={`${id}-percent-error`} className="field-error">
              {percentError}
            </p>
          )}
        </div>
      )}
      {condition === 'below-benchmark' && (
        <div className="field">
          <label htmlFor={`${id}-industry`}>Industry</label>
          <select
            id={`${id}-industry`}
            value={industry}
            onChange={(e) => setIndustry(e.target.value as (typeof INDUSTRIES)[number])}
          >
            {INDUSTRIES.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field wide">
        <label htmlFor={`${id}-url`}>Webhook URL</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          maxLength={2048}
          placeholder="https://hooks.example.com/upsell"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          spellCheck={false}
        />
      </div>
      {create.error && <ErrorPanel title="Could not create the rule" error={create.error} />}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={!ready || create.isPending}>
          {create.isPending ? 'Creating…' : 'Create rule'}
        </button>
      </div>
    </form>
  );
}
