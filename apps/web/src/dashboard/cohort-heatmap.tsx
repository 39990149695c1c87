import type { CohortReport } from '@upsell/core';
import { useState } from 'react';
import { TableScroll } from '../ui/table-scroll.tsx';
import { heatColor } from './chart-colors.ts';
import {
  type CohortMeasure,
  cohortMeasureLabel,
  cohortStart,
  isSubscriptionReport,
  SHARE_UPSOLD,
  SUBSCRIPTION_MEASURES,
} from './cohort-measures.ts';
import { formatPercent, formatPeriod } from './format-metric.ts';
import { Money } from './money.tsx';

/** Cohorts shown at most: the latest ones. */
export const COHORT_ROWS = 12;
/** Periods since shown at most. */
export const COHORT_COLUMNS = 12;

/**
 * Acquisition cohorts by periods since their initial orders (or first subscriptions): each cell
 * the cumulative share of the cohort upsold by then, shaded from none to the highest value shown;
 * cells not observed yet (after the data's last day) are blank. Subscription cohorts carry their
 * revenue, so there a choice turns the cells into net or gross revenue retention or subscribers
 * kept, and a Starting MRR column gives what the retention is measured against. A real table, so
 * a screen reader reads it by row and column; it scrolls sideways on a narrow window.
 */
export function CohortHeatmap({ report }: { report: CohortReport }) {
  const [chosen, setChosen] = useState<CohortMeasure>('share');
  const cohorts = report.cohorts.slice(-COHORT_ROWS);
  const subscriptions = isSubscriptionReport(report);
  const measure = subscriptions
    ? (SUBSCRIPTION_MEASURES.find((m) => m.measure === chosen) ?? SHARE_UPSOLD)
    : SHARE_UPSOLD;
  const start = `${cohortStart(subscriptions)}s`;
  const columns = Math.min(COHORT_COLUMNS, Math.max(0, ...cohorts.map((c) => c.share.length)));
  // NRR passes 100% when expansion outgrew churn: the scale runs to the highest value shown, and
  // for retention from the lowest (a share upsold from 0).
  const shown = cohorts.flatMap((c) =>
    Array.from({ length: columns }, (_, k) => measure.value(c, k)).filter((v) => v !== undefined),
  );
  const high = Math.max(0, ...shown);
  const low = measure.fromLowest && shown.length > 0 ? Math.min(...shown) : 0;
  const shade = (value: number) => (high > low ? (value - low) / (high - low) : 0);
  const currency = report.currency;
  return (
    <div className="heatmap-scroll">
      {subscriptions && (
        <fieldset className="cohort-measures">
          <legend>Cells show</legend>
          {SUBSCRIPTION_MEASURES.map((m) => (
            <button
              key={m.measure}
              type="button"
              className="small-button"
              aria-pressed={m.measure === measure.measure}
              onClick={() => setChosen(m.measure)}
            >
              {m.label}
            </button>
          ))}
        </fieldset>
      )}
      <TableScroll label="Cohorts by periods since">
        <table className={`heatmap cohort-heatmap${subscriptions ? ' cohort-heatmap-revenue' : ''}`}>
          <caption>
            {measure.caption(report.period, start)}
            {report.asOf ? `; data to ${report.asOf}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col" className="num">
                Customers
              </th>
              {subscriptions && (
                <th scope="col" className="num starting-mrr">
                  Starting MRR
                </th>
              )}
              {Array.from({ length: columns }, (_, k) => (
                <th key={k} scope="col" className="num">
                  +{k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.cohort}>
                <th scope="row">{formatPeriod(c.cohort)}</th>
                <td className="num cohort-size">{c.customers.toLocaleString('en-US')}</td>
                {subscriptions && (
                  <td className="num cohort-size">
                    {c.revenue ? <Money amount={c.revenue.startingMrr} currency={currency} /> : '–'}
                  </td>
                )}
                {Array.from({ length: columns }, (_, k) => {
                  const value = measure.value(c, k);
                  if (value === undefined) {
                    return (
                      <td key={k} className="num heat-empty">
                        <span className="visually-hidden">not observed yet</span>
                      </td>
                    );
                  }
                  return (
                    <td
                      key={k}
                      className="num heat-cell cohort-cell"
                      style={{ background: heatColor(shade(value)) }}
                      aria-label={cohortMeasureLabel(measure, c, k, currency)}
                      title={measure.title(c, k, currency)}
                    >
                      {formatPercent(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="heatmap-note">
        Darker is higher, from {low === 0 ? '0%' : formatPercent(low)} to {formatPercent(high)}.
        {measure.measure === 'nrr' ? ' Above 100%, a cohort’s MRR has grown past its start.' : ''}
        {report.cohorts.length > cohorts.length ? ` The latest ${cohorts.length} cohorts are shown.` : ''}
        {report.periodsSince > columns ? ` The first ${columns} periods since are shown.` : ''}
      </p>
    </div>
  );
}
