import type { Metric, MetricRow, PeriodUnit } from '@upsell/core';
import { useId, useRef, useState } from 'react';
import { describeTrend } from './chart-points.ts';
import { metricRowsCsv } from './csv.ts';
import { metricLabel } from './definition-choices.ts';
import { fileBaseName } from './download.ts';
import { type DrillTarget, drillTargetOf } from './drill-target.ts';
import { ExportButtons } from './export-buttons.tsx';
import { RowsTable } from './rows-table.tsx';
import { TrendChart } from './trend-chart.tsx';
import { type View, ViewSwitch } from './view-switch.tsx';

/** Props of {@link TrendSection}. */
export interface TrendSectionProps {
  dataset: string;
  metric: Metric;
  period: PeriodUnit;
  rows: readonly MetricRow[];
  onDrill(target: DrillTarget): void;
}

/** The rate by period as a chart with a caption in words, or as a table; exportable. */
export function TrendSection({ dataset, metric, period, rows, onDrill }: TrendSectionProps) {
  const [view, setView] = useState<View>('chart');
  const chartRef = useRef<HTMLElement>(null);
  const captionId = useId();
  const title = `${metricLabel(metric)} by ${period === 'all' ? 'all time' : period}`;
  const caption = describeTrend(rows, metric, period);
  return (
    <section className="dash-section" aria-labelledby={`${captionId}-heading`}>
      <div className="section-head">
        <h2 id={`${captionId}-heading`}>Trend</h2>
        <ViewSwitch view={view} onChange={setView} label="Show the trend as" />
        <ExportButtons
          fileName={fileBaseName([dataset, metric, period])}
          csv={() => metricRowsCsv(rows, [])}
          chart={view === 'chart' ? chartRef : undefined}
          title={`${dataset}: ${title}`}
        />
      </div>
      {view === 'chart' ? (
        <figure ref={chartRef} className="chart-figure" aria-labelledby={captionId}>
          <TrendChart metric={metric} rows={rows} onSelect={(row) => onDrill(drillTargetOf(metric, row))} />
          <figcaption id={captionId}>
            {caption}{' '}
            <button type="button" className="link-button" onClick={() => setView('table')}>
              Show as a table
            </button>
          </figcaption>
        </figure>
      ) : (
        <RowsTable metric={metric} rows={rows} caption={caption} onDrill={onDrill} />
      )}
    </section>
  );
}
