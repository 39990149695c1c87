import type { Metric, MetricRow } from '@upsell/core';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { BandBadge } from './band-badge.tsx';
import { countedUnit } from './definition-choices.ts';
import { type DrillTarget, drillTargetOf } from './drill-target.ts';
import {
  describeChange,
  formatInterval,
  formatPeriod,
  formatPoints,
  formatRateWithCounts,
  segmentLabel,
} from './format-metric.ts';

/** Props of {@link RowsTable}. */
export interface RowsTableProps {
  metric: Metric;
  rows: readonly MetricRow[];
  caption: string;
  /** Whether to show the segment column (a breakdown) or not (a trend). */
  segmented?: boolean;
  onDrill(target: DrillTarget): void;
}

/**
 * A result's rows as a table, the alternative to a chart: every figure in words and numbers,
 * and a button per row for the customers behind it (the keyboard's way into a drill-down).
 */
export function RowsTable({ metric, rows, caption, segmented = false, onDrill }: RowsTableProps) {
  const behind = countedUnit(metric) === 'lines' ? 'Lines' : 'Customers';
  return (
    <TableScroll label={caption}>
      <table className="rows-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {segmented && <th scope="col">Segment</th>}
            <th scope="col">Rate</th>
            <th scope="col">95% interval</th>
            <th scope="col">Band</th>
            <th scope="col">Change</th>
            <th scope="col">vs benchmark</th>
            <th scope="col">vs target</th>
            <HiddenColumnHeader label="Drill-down" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const period = formatPeriod(row.period);
            const where = segmented ? `${period}, ${segmentLabel(row.segment)}` : period;
            const change = row.change && describeChange(row.change);
            return (
              <tr key={`${row.period}|${JSON.stringify(row.segment)}`}>
                <th scope="row">{period}</th>
                {segmented && <td>{segmentLabel(row.segment)}</td>}
                <td className="num">{formatRateWithCounts(row, metric)}</td>
                <td className="num">{formatInterval(row.ci95)}</td>
                <td>
                  <BandBadge band={row.band} />
                </td>
                <td>{change ? `${formatPoints(row.change!.difference)}, ${change.significance}` : '—'}</td>
                <td className="num">{row.benchmark ? formatPoints(row.benchmark.difference) : '—'}</td>
                <td className="num">
                  {row.target
                    ? `${formatPoints(row.target.difference)} (${row.target.met ? 'met' : 'not met'})`
                    : '—'}
                </td>
                <td>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`${behind} behind ${where}`}
                    onClick={() => onDrill(drillTargetOf(metric, row))}
                  >
                    {behind}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
