import type { MrrMovementsRow } from '@upsell/core';
import { useId, useRef, useState } from 'react';
import { fileBaseName } from '../dashboard/download.ts';
import { ExportButtons } from '../dashboard/export-buttons.tsx';
import { formatPeriod, segmentLabel } from '../dashboard/format-metric.ts';
import { type View, ViewSwitch } from '../dashboard/view-switch.tsx';
import { BridgeTable } from './bridge-table.tsx';
import { movementBars } from './movement-bars.ts';
import { MovementsChart } from './movements-chart.tsx';
import { mrrRowsCsv } from './mrr-csv.ts';
import { signedMoney } from './signed-money.ts';
import { bridgeDrillTarget, type SubscriptionDrillTarget } from './subscription-drill-target.ts';

/** Props of {@link SegmentBreakdown}. */
export interface SegmentBreakdownProps {
  dataset: string;
  by: readonly string[];
  /** The segmented bridge's rows of every period. */
  rows: readonly MrrMovementsRow[];
  /** The period shown (the bridge's). */
  period: string;
  currency: string | null | undefined;
  onDrill(target: SubscriptionDrillTarget): void;
}

/**
 * One period's bridge by segment: each segment's movements as a stacked bar with its net, and
 * the segments' bridges as a table (each figure opens its customers); exportable.
 */
export function SegmentBreakdown({ dataset, by, rows, period, currency, onDrill }: SegmentBreakdownProps) {
  const id = useId();
  const [view, setView] = useState<View>('chart');
  const chartRef = useRef<HTMLElement>(null);
  const shown = rows.filter((row) => row.period === period);
  const bars = movementBars(shown);
  const dimensions = by.join(' and ');
  const sorted = [...bars].sort((a, b) => b.net - a.net);
  const best = sorted[0];
  const worst = sorted.at(-1);
  const caption =
    `MRR movements by ${dimensions} in ${formatPeriod(period)}: ${shown.length} segment${shown.length === 1 ? '' : 's'}` +
    (best && worst && best !== worst
      ? `, net new MRR highest in ${segmentLabel(best.segment)} (${signedMoney(best.net, currency)}), lowest in ${segmentLabel(worst.segment)} (${signedMoney(worst.net, currency)}).`
      : '.');
  return (
    <section className="dash-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>
          By {dimensions}, {formatPeriod(period)}
        </h2>
        <ViewSwitch view={view} onChange={setView} label="Show the segments as" />
        <ExportButtons
          fileName={fileBaseName([dataset, 'mrr-bridge', 'by', ...by, period])}
          csv={() => mrrRowsCsv(shown, by)}
          chart={view === 'chart' ? chartRef : undefined}
          title={`${dataset}: MRR movements by ${dimensions}, ${formatPeriod(period)}`}
        />
      </div>
      {shown.length === 0 ? (
        <p className="hint">No segment has MRR or movements in {formatPeriod(period)}.</p>
      ) : view === 'chart' ? (
        <figure ref={chartRef} className="chart-figure" aria-labelledby={`${id}-caption`}>
          <MovementsChart
            bars={bars}
            category="segment"
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
        <BridgeTable rows={shown} caption={caption} segmented currency={currency} onDrill={onDrill} />
      )}
    </section>
  );
}
