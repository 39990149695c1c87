import type { MrrMovementsRow, PeriodUnit } from '@upsell/core';
import { useId, useRef, useState } from 'react';
import { fileBaseName } from '../dashboard/download.ts';
import { ExportButtons } from '../dashboard/export-buttons.tsx';
import { formatPeriod } from '../dashboard/format-metric.ts';
import { type View, ViewSwitch } from '../dashboard/view-switch.tsx';
import { BridgeTable } from './bridge-table.tsx';
import { movementBars } from './movement-bars.ts';
import { MovementsChart } from './movements-chart.tsx';
import { mrrRowsCsv } from './mrr-csv.ts';
import { signedMoney } from './signed-money.ts';
import { bridgeDrillTarget, type SubscriptionDrillTarget } from './subscription-drill-target.ts';

/** Props of {@link MovementsSection}. */
export interface MovementsSectionProps {
  dataset: string;
  period: PeriodUnit;
  /** The bridge rows of all customers, by period. */
  rows: readonly MrrMovementsRow[];
  currency: string | null | undefined;
  onDrill(target: SubscriptionDrillTarget): void;
}

/**
 * Movements over time: a stacked bar per period (new, reactivation and expansion up, contraction
 * and churn down) with the net new MRR as a line, or the bridge of every period as a table;
 * CSV and PNG export.
 */
export function MovementsSection({ dataset, period, rows, currency, onDrill }: MovementsSectionProps) {
  const id = useId();
  const [view, setView] = useState<View>('chart');
  const chartRef = useRef<HTMLElement>(null);
  const bars = movementBars(rows);
  const first = bars[0];
  const last = bars.at(-1);
  const unit = period === 'all' ? 'all time' : period;
  const caption =
    first && last
      ? `Movements by ${unit}, ${formatPeriod(first.period)} to ${formatPeriod(last.period)}: net new MRR ${signedMoney(last.net, currency)} in ${formatPeriod(last.period)}; MRR ${signedMoney(last.row.mrr_end - first.row.mrr_start, currency)} over the ${bars.length} periods.`
      : `Movements by ${unit}: no periods.`;
  return (
    <section className="dash-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>Movements by {unit}</h2>
        <ViewSwitch view={view} onChange={setView} label="Show the movements as" />
        <ExportButtons
          fileName={fileBaseName([dataset, 'mrr-movements', period])}
          csv={() => mrrRowsCsv(rows, [])}
          chart={view === 'chart' ? chartRef : undefined}
          title={`${dataset}: MRR movements by ${unit}`}
        />
      </div>
      {view === 'chart' ? (
        <figure ref={chartRef} className="chart-figure" aria-labelledby={`${id}-caption`}>
          <MovementsChart
            bars={bars}
            category="period"
            currency={currency}
            onSelect={(bar, kind) => onDrill(bridgeDrillTarget(bar.row, kind))}
          />
          <figcaption id={`${id}-caption`}>
            {caption}{' '}
            <button type="button" className="link-button" onClick={() => setView('table')}>
              Show as a table
            </button>
          </figcaption>
        </figure>
      ) : (
        <BridgeTable rows={rows} caption={caption} currency={currency} onDrill={onDrill} />
      )}
    </section>
  );
}
