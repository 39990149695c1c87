import type { CohortReport } from '@upsell/core';
import { TableScroll } from '../ui/table-scroll.tsx';
import { CHART_COLORS } from './chart-colors.ts';
import { cohortStart, isSubscriptionReport } from './cohort-measures.ts';
import { formatPercent, segmentLabel } from './format-metric.ts';

const WIDTH = 400;
const HEIGHT = 150;
const PAD = { left: 46, right: 8, top: 10, bottom: 22 };

const days = (value: number | null) =>
  value === null ? 'not reached' : `${value} ${value === 1 ? 'day' : 'days'}`;

/** The points of a step curve of the share upsold (1 - S) by day, from day 0 to the last step. */
export function upsoldSteps(curve: CohortReport['timeToFirstUpsell'][number]['curve']): [number, number][] {
  const points: [number, number][] = [[0, 0]];
  let upsold = 0;
  for (const step of curve) {
    points.push([step.time, upsold]);
    upsold = 1 - step.survival;
    points.push([step.time, upsold]);
  }
  return points;
}

/**
 * The days from initial order (for subscriptions, the first subscription) to first upsell
 * (Kaplan-Meier, customers not upsold yet censored):
 * the curve of the share upsold by day for all customers, and the quartiles per segment in a
 * table (the numbers the curve shows, in text).
 */
export function FirstUpsellCurve({ report }: { report: CohortReport }) {
  const [all] = report.timeToFirstUpsell;
  if (all === undefined || all.subjects === 0) return null;
  const start = cohortStart(isSubscriptionReport(report));
  const points = upsoldSteps(all.curve);
  const lastDay = Math.max(1, ...points.map(([t]) => t));
  const top = Math.max(0.05, ...points.map(([, y]) => y));
  const x = (t: number) => PAD.left + (t / lastDay) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const summary = `By ${lastDay} days after their ${start}, an estimated ${formatPercent(1 - (all.curve.at(-1)?.survival ?? 1))} of customers were upsold; median ${days(all.median)}.`;
  return (
    <div className="first-upsell">
      <svg
        className="first-upsell-curve"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Share upsold by days since the ${start}. ${summary}`}
      >
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke={CHART_COLORS.muted} />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={y(0)} stroke={CHART_COLORS.muted} />
        <text x={PAD.left - 4} y={y(top) + 4} textAnchor="end" fontSize="11" fill={CHART_COLORS.muted}>
          {formatPercent(top)}
        </text>
        <text x={PAD.left - 4} y={y(0)} textAnchor="end" fontSize="11" fill={CHART_COLORS.muted}>
          0%
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" fontSize="11" fill={CHART_COLORS.muted}>
          {lastDay} days
        </text>
        <polyline
          fill="none"
          stroke={CHART_COLORS.rate}
          strokeWidth="2"
          points={points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
        />
      </svg>
      <p className="hint">{summary}</p>
      <TableScroll label="Days to first upsell by segment">
        <table className="first-upsell-table">
          <caption>Days from {start} to first upsell (Kaplan-Meier quartiles)</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col" className="num">
                Customers
              </th>
              <th scope="col" className="num">
                Upsold
              </th>
              <th scope="col" className="num">
                Not yet
              </th>
              <th scope="col" className="num">
                25%
              </th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                75%
              </th>
            </tr>
          </thead>
          <tbody>
            {report.timeToFirstUpsell.map((t) => {
              const label = segmentLabel(t.segment);
              return (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num">{t.subjects.toLocaleString('en-US')}</td>
                  <td className="num">{t.events.toLocaleString('en-US')}</td>
                  <td className="num">{t.censored.toLocaleString('en-US')}</td>
                  <td className="num">{t.q1 ?? '–'}</td>
                  <td className="num">{t.median ?? '–'}</td>
                  <td className="num">{t.q3 ?? '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="heatmap-note">
        – : fewer customers were upsold than that quartile needs. Customers not upsold by {report.asOf} count
        as not upsold yet (censored), not as never.
      </p>
    </div>
  );
}
