import type { Metric, MetricRow } from '@upsell/core';
import { useId, useRef, useState } from 'react';
import type { DatasetDimension } from './api-types.ts';
import { applySegmentTargets, type SavedTarget } from './apply-segment-targets.ts';
import { metricRowsCsv } from './csv.ts';
import { metricLabel } from './definition-choices.ts';
import { fileBaseName } from './download.ts';
import { type DrillTarget, drillTargetOf } from './drill-target.ts';
import { ExportButtons } from './export-buttons.tsx';
import { formatPercent, formatPeriod, segmentLabel } from './format-metric.ts';
import { RowsTable } from './rows-table.tsx';
import { SegmentChart } from './segment-chart.tsx';
import { SegmentHeatmap } from './segment-heatmap.tsx';
import { defaultDirection, type SegmentSort, type SortDirection, sortSegments } from './sort-segments.ts';
import { type View, ViewSwitch } from './view-switch.tsx';

/** Bars drawn at most; the table always has every segment. */
export const MAX_BARS = 25;

/** Props of {@link SegmentSection}. */
export interface SegmentSectionProps {
  dataset: string;
  metric: Metric;
  by: readonly string[];
  /** The segmented result's rows (every period). */
  rows: readonly MetricRow[];
  targets: readonly SavedTarget[];
  definitionHasTarget: boolean;
  onDrill(target: DrillTarget): void;
}

const SORT_WORDS: Record<SegmentSort, string> = { rate: 'Rate', customers: 'Customers', name: 'Name' };

/**
 * One period's segments side by side: bars with their intervals, sortable by rate, customers or
 * name, or the same as a table; exportable. Each segment is measured against its own saved
 * target where one exists.
 */
export function SegmentSection({
  dataset,
  metric,
  by,
  rows,
  targets,
  definitionHasTarget,
  onDrill,
}: SegmentSectionProps) {
  const id = useId();
  const periods = [...new Set(rows.map((row) => row.period))];
  const latest = periods.at(-1) ?? '';
  const [chosen, setChosen] = useState<string | undefined>();
  const period = chosen !== undefined && periods.includes(chosen) ? chosen : latest;
  const [sort, setSort] = useState<SegmentSort>('rate');
  const [direction, setDirection] = useState<SortDirection>('descending');
  const [view, setView] = useState<View>('chart');
  const chartRef = useRef<HTMLElement>(null);

  const shown = sortSegments(
    applySegmentTargets(
      rows.filter((row) => row.period === period),
      targets,
      metric,
      definitionHasTarget,
    ),
    sort,
    direction,
  );
  const bars = shown.slice(0, MAX_BARS);
  const dimensions = by.join(' and ');
  const best = sortSegments(shown, 'rate', 'descending')[0];
  const worst = sortSegments(shown, 'rate', 'ascending')[0];
  const caption =
    `${metricLabel(metric)} by ${dimensions} in ${formatPeriod(period)}: ${shown.length} segment${shown.length === 1 ? '' : 's'}` +
    (best && worst && best !== worst
      ? `, highest ${segmentLabel(best.segment)} ${formatPercent(best.rate)}, lowest ${segmentLabel(worst.segment)} ${formatPercent(worst.rate)}.`
      : '.') +
    ' Error bars are 95% intervals.';

  return (
    <section className="dash-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>By {dimensions}</h2>
        <ViewSwitch view={view} onChange={setView} label="Show the segments as" />
        <ExportButtons
          fileName={fileBaseName([dataset, metric, 'by', ...by, period])}
          csv={() => metricRowsCsv(shown, by)}
          chart={view === 'chart' ? chartRef : undefined}
          title={`${dataset}: ${metricLabel(metric)} by ${dimensions}, ${period}`}
        />
      </div>
      <div className="section-controls">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={period} onChange={(event) => setChosen(event.target.value)}>
          {[...periods].reverse().map((label) => (
            <option key={label} value={label}>
              {formatPeriod(label)}
              {label === latest ? ' (latest)' : ''}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          value={sort}
          onChange={(event) => {
            const next = event.target.value as SegmentSort;
            setSort(next);
            setDirection(defaultDirection(next));
          }}
        >
          {(Object.keys(SORT_WORDS) as SegmentSort[]).map((key) => (
            <option key={key} value={key}>
              {SORT_WORDS[key]}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => setDirection(direction === 'ascending' ? 'descending' : 'ascending')}
          aria-label={`Sort order: ${direction}. Reverse it`}
        >
          {direction === 'ascending' ? '↑ Ascending' : '↓ Descending'}
        </button>
      </div>
      {view === 'chart' ? (
        <div className={periods.length > 1 ? 'segment-views' : undefined}>
          <figure ref={chartRef} className="chart-figure" aria-labelledby={`${id}-caption`}>
            <SegmentChart
              metric={metric}
              rows={bars}
              onSelect={(row) => onDrill(drillTargetOf(metric, row))}
            />
            <figcaption id={`${id}-caption`}>
              {caption}
              {shown.length > bars.length
                ? ` The chart shows the first ${bars.length}; the table has all.`
                : ''}{' '}
              <button type="button" className="link-button" onClick={() => setView('table')}>
                Show as a table
              </button>
            </figcaption>
          </figure>
          {periods.length > 1 && (
            <div className="heatmap-box">
              <h3 className="heatmap-heading">Over time</h3>
              <SegmentHeatmap
                metric={metric}
                rows={rows}
                order={shown.map((row) => segmentLabel(row.segment))}
                onSelect={(row) => onDrill(drillTargetOf(metric, row))}
              />
            </div>
          )}
        </div>
      ) : (
        <RowsTable metric={metric} rows={shown} caption={caption} segmented onDrill={onDrill} />
      )}
    </section>
  );
}

/** Before any dimension is chosen: the dataset's dimensions, one click each. */
export function SegmentPrompt({
  dimensions,
  onChoose,
}: {
  dimensions: readonly DatasetDimension[];
  onChoose(name: string): void;
}) {
  return (
    <section className="dash-section" aria-labelledby="segment-prompt-heading">
      <h2 id="segment-prompt-heading">Segments</h2>
      {dimensions.length === 0 ? (
        <p className="hint">
          This dataset has no columns to segment by (such as channel or region): add them to the files, or a
          customers file, to compare segments.
        </p>
      ) : (
        <>
          <p>Break the rate down by:</p>
          <div className="dimension-buttons">
            {dimensions.map((dimension) => (
              <button key={dimension.name} type="button" onClick={() => onChoose(dimension.name)}>
                {dimension.name}
                <span className="hint">
                  {' '}
                  ({dimension.values.length}
                  {dimension.more ? '+' : ''} values)
                </span>
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
