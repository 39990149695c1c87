import type { CohortReport } from '@upsell/core';
import { TableScroll } from '../ui/table-scroll.tsx';
import { heatColor } from './chart-colors.ts';
import { formatPercent, formatPeriod } from './format-metric.ts';

/** Cohorts shown at most: the latest ones. */
export const COHORT_ROWS = 12;
/** Periods since shown at most. */
export const COHORT_COLUMNS = 12;

/** The aria label of a cohort cell: what the e2e test and a screen reader read. */
export const cohortCellLabel = (
  cohort: string,
  since: number,
  share: number,
  upsold: number,
  customers: number,
) =>
  `${formatPeriod(cohort)} cohort, ${since} ${since === 1 ? 'period' : 'periods'} since: ${formatPercent(share)} upsold (${upsold} of ${customers})`;

/**
 * Acquisition cohorts by periods since their initial orders: each cell the cumulative share of
 * the cohort upsold by then, shaded from none to the highest share shown; cells not observed yet
 * (after the data's last day) are blank. A real table, so a screen reader reads it by row and
 * column; it scrolls sideways on a narrow window.
 */
export function CohortHeatmap({ report }: { report: CohortReport }) {
  const cohorts = report.cohorts.slice(-COHORT_ROWS);
  const columns = Math.min(COHORT_COLUMNS, Math.max(0, ...cohorts.map((c) => c.share.length)));
  const high = Math.max(0, ...cohorts.flatMap((c) => c.share.slice(0, columns)));
  return (
    <div className="heatmap-scroll">
      <TableScroll label="Cohorts by periods since">
        <table className="heatmap cohort-heatmap">
          <caption>
            Share of each {report.period} cohort upsold by periods since its initial orders
            {report.asOf ? `; data to ${report.asOf}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col" className="num">
                Customers
              </th>
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
                {Array.from({ length: columns }, (_, k) => {
                  const share = c.share[k];
                  if (share === undefined) {
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
                      style={{ background: heatColor(high > 0 ? share / high : 0) }}
                      aria-label={cohortCellLabel(c.cohort, k, share, c.upsold[k]!, c.customers)}
                      title={`${c.upsold[k]} of ${c.customers} customers`}
                    >
                      {formatPercent(share)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="heatmap-note">
        Darker is higher, from 0% to {formatPercent(high)}.
        {report.cohorts.length > cohorts.length ? ` The latest ${cohorts.length} cohorts are shown.` : ''}
        {report.periodsSince > columns ? ` The first ${columns} periods since are shown.` : ''}
      </p>
    </div>
  );
}
