import {
  type MetricResult,
  type ProjectedMoney,
  projectUpsellTarget,
  type UpsellTargetProjection,
} from '@upsell/core';
import { useId } from 'react';
import { metricLabel } from './definition-choices.ts';
import { formatCount, formatMoney, formatPercent, formatPeriod } from './format-metric.ts';

/** Props of {@link WhatIfPanel}. */
export interface WhatIfPanelProps {
  /** The unsegmented result of the dashboard's definition (its rows carry the upsell revenue). */
  result: Pick<MetricResult, 'metric' | 'definition' | 'rows'>;
  /** The target in percent (0 to 100). */
  target: number;
  currency: string | null | undefined;
  onTargetChange(percent: number): void;
  /** For subscriptions: the MRR bridge of the same definition. */
  movements?: Parameters<typeof projectUpsellTarget>[1]['movements'];
}

const signed = (amount: number, currency: string | null | undefined) =>
  `${amount > 0 ? '+' : ''}${formatMoney(amount, currency)}`;

const interval = (money: ProjectedMoney, currency: string | null | undefined) =>
  money.ci95 === null
    ? 'no interval (one period with upsold customers)'
    : `95% CI ${formatMoney(money.ci95[0], currency)} to ${formatMoney(money.ci95[1], currency)}`;

/** What the change does, in words: adds, loses or leaves unchanged. */
function saying(money: ProjectedMoney, valueWord: string, currency: string | null | undefined): string {
  if (money.value === 0) return `the ${valueWord} would not change`;
  const amount = formatMoney(Math.abs(money.value), currency);
  return money.value > 0
    ? `it would add ${amount} of ${valueWord}`
    : `it would lose ${amount} of ${valueWord}`;
}

/** The projection, or the reason there is none (no amounts, a line rate...). */
function projectionOf(props: WhatIfPanelProps): UpsellTargetProjection | Error {
  try {
    const movements = props.movements;
    return projectUpsellTarget(props.result as MetricResult, {
      target: props.target,
      ...(movements === undefined ? {} : { movements }),
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * What raising the rate to a target would be worth (docs/metrics.md, "What a target is worth"):
 * a slider for the target, the projected extra upsell revenue (subscriptions: expansion MRR and
 * ARR) per year and in the latest period with their intervals, the value per upsold customer,
 * and the assumptions beside them. Computed here by the core's `projectUpsellTarget`, the
 * function behind `metric.whatif`, from the rows the dashboard already has.
 */
export function WhatIfPanel(props: WhatIfPanelProps) {
  const { result, target, currency, onTargetChange } = props;
  const id = useId();
  const whatIf = projectionOf(props);
  const mrr = result.metric === 'subscription-upsell-rate';
  const period = result.definition.period;
  const slider = (
    <div className="whatif-slider">
      <label htmlFor={`${id}-target`}>Target rate</label>
      <input
        id={`${id}-target`}
        type="range"
        min={0}
        max={100}
        step={0.5}
        value={target}
        aria-valuetext={formatPercent(target / 100)}
        onChange={(event) => onTargetChange(Number(event.currentTarget.value))}
      />
      <output htmlFor={`${id}-target`} className="whatif-target">
        {formatPercent(target / 100)}
      </output>
    </div>
  );
  if (whatIf instanceof Error) {
    return (
      <section className="dash-section whatif" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>What a target is worth</h2>
        <p className="hint">No projection: {whatIf.message}.</p>
      </section>
    );
  }
  const latest = whatIf.periods.at(-1)!;
  const basis = whatIf.basis;
  const valueWord = mrr ? 'expansion MRR' : 'upsell revenue';
  const from = basis.periods[0]!;
  const to = basis.periods.at(-1)!;
  const over = from === to ? formatPeriod(from) : `${formatPeriod(from)} to ${formatPeriod(to)}`;
  const year = whatIf.perYear;
  return (
    <section className="dash-section whatif" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>What a target is worth</h2>
      {slider}
      <p>
        {metricLabel(result.metric)} observed at {formatPercent(basis.observedRate)} over {over}; at{' '}
        {formatPercent(whatIf.target)} {saying(year ?? latest.projectedExtra, valueWord, currency)}
        {year === null ? ` in ${formatPeriod(latest.period)}.` : ' a year.'}
      </p>
      <dl className="whatif-figures">
        {year !== null && (
          <div className="whatif-figure whatif-year" data-value={year.value}>
            <dt>{mrr ? 'Extra MRR added per year' : 'Extra upsell revenue per year'}</dt>
            <dd className="whatif-body">
              <strong>{signed(year.value, currency)}</strong>
              <small>{interval(year, currency)}</small>
            </dd>
          </div>
        )}
        {whatIf.arr !== null && (
          <div className="whatif-figure whatif-arr" data-value={whatIf.arr.value}>
            <dt>As ARR</dt>
            <dd className="whatif-body">
              <strong>{signed(whatIf.arr.value, currency)}</strong>
              <small>{interval(whatIf.arr, currency)}</small>
            </dd>
          </div>
        )}
        <div className="whatif-figure whatif-period" data-value={latest.projectedExtra.value}>
          <dt>
            {formatPeriod(latest.period)} ({period})
          </dt>
          <dd className="whatif-body">
            <strong>{signed(latest.projectedExtra.value, currency)}</strong>
            <small>
              {formatCount(latest.eligible)} eligible, {formatPercent(latest.observedRate)} upsold;{' '}
              {interval(latest.projectedExtra, currency)}
            </small>
          </dd>
        </div>
        <div className="whatif-figure whatif-value" data-value={basis.valuePerUpsold.value}>
          <dt>{mrr ? 'Expansion MRR per upsold customer' : 'Upsell revenue per upsold customer'}</dt>
          <dd className="whatif-body">
            <strong>{formatMoney(basis.valuePerUpsold.value, currency)}</strong>
            <small>{interval(basis.valuePerUpsold, currency)}</small>
          </dd>
        </div>
      </dl>
      {whatIf.notes.length > 0 && (
        <ul className="whatif-notes">
          {whatIf.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <details className="whatif-assumptions">
        <summary>Assumptions</summary>
        <ul>
          {whatIf.assumptions.map((assumption) => (
            <li key={assumption}>{assumption}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
