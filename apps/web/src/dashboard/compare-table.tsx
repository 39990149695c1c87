import type { Metric } from '@upsell/core';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { ComparedRow } from './api-types.ts';
import {
  formatCount,
  formatPeriod,
  formatPoints,
  formatRateWithCounts,
  segmentLabel,
} from './format-metric.ts';

/** Props of {@link CompareTable}. */
export interface CompareTableProps {
  rows: readonly ComparedRow[];
  /** Each side's metric, for the counts' unit. */
  metrics: { a: Metric; b: Metric };
  caption: string;
}

const signed = (n: number | null) =>
  n === null ? '—' : n > 0 ? `+${formatCount(n)}` : n < 0 ? `\u2212${formatCount(-n)}` : '0';

/** Two definitions row by row: both rates with their counts, and B − A in points and in counts. */
export function CompareTable({ rows, metrics, caption }: CompareTableProps) {
  const segmented = rows.some((row) => Object.keys(row.segment).length > 0);
  return (
    <TableScroll label="A and B row by row">
      <table className="rows-table compare-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {segmented && <th scope="col">Segment</th>}
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Difference (B − A)</th>
            <th scope="col">Numerator difference</th>
            <th scope="col">Denominator difference</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.period}|${JSON.stringify(row.segment)}`}>
              <th scope="row">{formatPeriod(row.period)}</th>
              {segmented && <td>{segmentLabel(row.segment)}</td>}
              <td className="num">{row.a ? formatRateWithCounts(row.a, metrics.a) : 'no row'}</td>
              <td className="num">{row.b ? formatRateWithCounts(row.b, metrics.b) : 'no row'}</td>
              <td className="num">{row.difference === null ? '—' : formatPoints(row.difference)}</td>
              <td className="num">{signed(row.numeratorDifference)}</td>
              <td className="num">{signed(row.denominatorDifference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
