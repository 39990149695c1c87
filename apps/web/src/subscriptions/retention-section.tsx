import type { MrrMovementsRow } from '@upsell/core';
import { useId, useRef, useState } from 'react';
import { fileBaseName } from '../dashboard/download.ts';
import { ExportButtons } from '../dashboard/export-buttons.tsx';
import { formatPeriod } from '../dashboard/format-metric.ts';
import { type View, ViewSwitch } from '../dashboard/view-switch.tsx';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { mrrRowsCsv } from './mrr-csv.ts';
import { RetentionChart } from './retention-chart.tsx';
import { type RetentionPoint, retentionPoints } from './retention-points.ts';
import { bridgeDrillTarget, type SubscriptionDrillTarget } from './subscription-drill-target.ts';

/** Props of {@link RetentionSection}. */
export interface RetentionSectionProps {
  dataset: string;
  rows: readonly MrrMovementsRow[];
  onDrill(target: SubscriptionDrillTarget): void;
}

const text = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/** The drill-down of a period's retention: its start cohort, as many as were subscribers at the start. */
const cohortTarget = (point: RetentionPoint): SubscriptionDrillTarget => ({
  ...bridgeDrillTarget(point.row, 'start'),
  shown: { count: point.row.customers_start },
});

/** NRR and GRR by period as lines (or a table with logo churn), exportable; a point opens its cohort. */
export function RetentionSection({ dataset, rows, onDrill }: RetentionSectionProps) {
  const id = useId();
  const [view, setView] = useState<View>('chart');
  const chartRef = useRef<HTMLElement>(null);
  const points = retentionPoints(rows);
  const latest = [...points].reverse().find((point) => point.nrr !== null);
  const caption = latest
    ? `Revenue retention of each period's start cohort; in ${formatPeriod(latest.period)} NRR ${text(latest.nrr)}, GRR ${text(latest.grr)}, logo churn ${text(latest.logoChurn)}.`
    : 'Revenue retention needs subscribers at the start of a period: no period has any yet.';
  return (
    <section className="dash-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>Retention</h2>
        <ViewSwitch view={view} onChange={setView} label="Show retention as" />
        <ExportButtons
          fileName={fileBaseName([dataset, 'retention'])}
          csv={() => mrrRowsCsv(rows, [])}
          chart={view === 'chart' ? chartRef : undefined}
          title={`${dataset}: net and gross revenue retention`}
        />
      </div>
      {view === 'chart' ? (
        <figure ref={chartRef} className="chart-figure" aria-labelledby={`${id}-caption`}>
          <RetentionChart points={points} onSelect={(point) => onDrill(cohortTarget(point))} />
          <figcaption id={`${id}-caption`}>
            {caption}{' '}
            <button type="button" className="link-button" onClick={() => setView('table')}>
              Show as a table
            </button>
          </figcaption>
        </figure>
      ) : (
        <TableScroll label={caption}>
          <table className="rows-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  NRR
                </th>
                <th scope="col" className="num">
                  GRR
                </th>
                <th scope="col" className="num">
                  Logo churn
                </th>
                <th scope="col" className="num">
                  Subscribers at the start
                </th>
                <HiddenColumnHeader label="Drill-down" />
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.period}>
                  <th scope="row">{formatPeriod(point.period)}</th>
                  <td className="num">{text(point.nrr)}</td>
                  <td className="num">{text(point.grr)}</td>
                  <td className="num">{text(point.logoChurn)}</td>
                  <td className="num">{point.row.customers_start}</td>
                  <td>
                    {point.row.customers_start > 0 && (
                      <button
                        type="button"
                        className="small-button"
                        aria-label={`Cohort behind ${formatPeriod(point.period)}`}
                        onClick={() => onDrill(cohortTarget(point))}
                      >
                        Customers
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
