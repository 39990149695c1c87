import { isUncertainRate, type Metric, type MetricRow } from '@upsell/core';
import { useEffect, useRef } from 'react';
import { TableScroll } from '../ui/table-scroll.tsx';
import { heatColor } from './chart-colors.ts';
import { countedUnit, metricLabel } from './definition-choices.ts';
import { formatPercent, formatPeriod, segmentLabel } from './format-metric.ts';

/** Periods shown at most: the latest ones. */
export const HEATMAP_PERIODS = 8;

/** Props of {@link SegmentHeatmap}. */
export interface SegmentHeatmapProps {
  metric: Metric;
  /** The segmented result's rows, every period. */
  rows: readonly MetricRow[];
  /** Segment labels in the order to list them (the bars' order); others follow by name. */
  order: readonly string[];
  onSelect(row: MetricRow): void;
}

/**
 * Segments by period as a table of rates shaded from the lowest to the highest: how each segment
 * moved, beside the bars of one period. Each cell says its rate in text (and `?` when few
 * customers make it uncertain) and opens its drill-down; a real table, so a screen reader reads
 * it by row and column. On a narrow window it scrolls, starting at the latest periods.
 */
export function SegmentHeatmap({ metric, rows, order, onSelect }: SegmentHeatmapProps) {
  const periods = [...new Set(rows.map((row) => row.period))].slice(-HEATMAP_PERIODS);
  const shown = rows.filter((row) => periods.includes(row.period));
  const cells = new Map(shown.map((row) => [`${segmentLabel(row.segment)}\u0000${row.period}`, row]));
  const segments = [
    ...order.filter((label) => shown.some((row) => segmentLabel(row.segment) === label)),
    ...[...new Set(shown.map((row) => segmentLabel(row.segment)))]
      .filter((label) => !order.includes(label))
      .sort(),
  ];
  const rates = shown.map((row) => row.rate);
  const low = Math.min(...rates);
  const high = Math.max(...rates);
  const unit = countedUnit(metric);
  const anyUncertain = shown.some((row) => isUncertainRate(row.ci95));
  const box = useRef<HTMLDivElement>(null);
  // On a narrow window the table scrolls sideways: start at its right end, the latest periods.
  const latestPeriod = periods.at(-1);
  useEffect(() => {
    const frame = box.current?.querySelector('.table-scroll');
    if (frame && latestPeriod !== undefined) frame.scrollLeft = frame.scrollWidth;
  }, [latestPeriod]);

  return (
    <div ref={box} className="heatmap-scroll">
      <TableScroll label="Segments by period">
        <table className="heatmap">
          <caption>
            {metricLabel(metric)} by segment and period
            {periods.length > 1
              ? `, ${formatPeriod(periods[0] ?? '')} to ${formatPeriod(periods.at(-1) ?? '')}`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              {periods.map((period) => (
                <th key={period} scope="col" className="num">
                  <PeriodHeading period={period} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {segments.map((label) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {periods.map((period) => {
                  const row = cells.get(`${label}\u0000${period}`);
                  if (!row) {
                    return (
                      <td key={period} className="num heat-empty">
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">no {unit}</span>
                      </td>
                    );
                  }
                  const uncertain = isUncertainRate(row.ci95);
                  return (
                    <td
                      key={period}
                      className="num heat-cell"
                      style={{ background: heatColor(high > low ? (row.rate - low) / (high - low) : 0.5) }}
                    >
                      <button
                        type="button"
                        className={uncertain ? 'heat-button uncertain' : 'heat-button'}
                        onClick={() => onSelect(row)}
                        aria-label={`${label}, ${formatPeriod(period)}: ${formatPercent(row.rate)}, ${row.band}${uncertain ? `, uncertain (few ${unit})` : ''}. Customers behind it`}
                        title={`${row.numerator} of ${row.denominator} ${unit}`}
                      >
                        {formatPercent(row.rate)}
                        {uncertain ? '?' : ''}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="heatmap-note">
        Darker is higher, from {formatPercent(low)} to {formatPercent(high)}.
        {anyUncertain ? ` ? uncertain: the interval is wider than 20 points (few ${unit}).` : ''}
      </p>
    </div>
  );
}

/** A period as a column heading, on two lines where it has two words (`Q1` over `2024`). */
function PeriodHeading({ period }: { period: string }) {
  const words = formatPeriod(period).split(' ');
  const last = words.pop();
  return words.length === 0 ? (
    <>{last}</>
  ) : (
    // The space stays in the text, so the heading reads (and copies) as `Q1 2024`.
    <>
      {`${words.join(' ')} `}
      <br />
      {last}
    </>
  );
}
