import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComparedRow } from './api-types.ts';
import { AXIS_TICK, CHART_COLORS } from './chart-colors.ts';
import { formatPercent, formatPeriod } from './format-metric.ts';
import { useElementWidth } from './use-element-width.ts';

/** The two sides' colours: blue and orange, told apart with any colour vision, and by dash. */
export const COMPARE_COLORS = { a: '#2f5bd3', b: '#b35c00' } as const;

/** One period of {@link CompareChart}: each side's rate in percent, or null where it has no row. */
export interface ComparePoint {
  period: string;
  a: number | null;
  b: number | null;
}

/**
 * The unsegmented rows of a comparison as chart points, in the comparison's order (A's periods,
 * then B's own). Segmented rows are left out: a line per segment and side would not read.
 *
 * @example
 * comparePoints(rows) // [{ period: '2024-Q1', a: 5.1, b: 9.8 }, ...]
 */
export function comparePoints(rows: readonly ComparedRow[]): ComparePoint[] {
  return rows
    .filter((row) => Object.keys(row.segment).length === 0)
    .map((row) => ({
      period: row.period,
      a: row.a ? Math.round(row.a.rate * 10000) / 100 : null,
      b: row.b ? Math.round(row.b.rate * 10000) / 100 : null,
    }));
}

/** The axis from 0 to a little above the highest rate, in whole percent. */
function axisTop(points: readonly ComparePoint[]): number {
  const high = Math.max(0, ...points.flatMap((p) => [p.a ?? 0, p.b ?? 0]));
  const step = high > 20 ? 10 : high > 5 ? 5 : 1;
  return Math.max(step, Math.ceil((high * 1.1) / step) * step);
}

/**
 * A's rate and B's by period, one line each (B dashed), on an axis from 0 scaled to the data.
 * The table below says every figure in words; the chart is a picture of it.
 */
export function CompareChart({ rows, height = 260 }: { rows: readonly ComparedRow[]; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const points = comparePoints(rows);
  if (points.length === 0) {
    return (
      <p className="hint">
        The chart shows the unsegmented rows: choose “No segments” for both to see A against B by period.
      </p>
    );
  }
  const top = axisTop(points);
  return (
    <figure className="compare-chart" aria-label="A and B by period">
      <div ref={ref} className="chart-box">
        <LineChart
          width={width}
          height={height}
          data={points}
          margin={{ top: 12, right: 16, bottom: 4, left: 0 }}
        >
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis
            dataKey="period"
            tickFormatter={formatPeriod}
            tick={AXIS_TICK}
            tickMargin={6}
            minTickGap={12}
          />
          <YAxis
            domain={[0, top]}
            tickFormatter={(value: number) => `${value}%`}
            tick={AXIS_TICK}
            width={48}
            allowDecimals={false}
          />
          <Tooltip
            labelFormatter={(label) => formatPeriod(String(label))}
            formatter={(value) => (typeof value === 'number' ? formatPercent(value / 100) : '—')}
          />
          <Legend />
          <Line
            dataKey="a"
            name="A"
            stroke={COMPARE_COLORS.a}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="b"
            name="B"
            stroke={COMPARE_COLORS.b}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </div>
      <figcaption className="visually-hidden">
        {points
          .map(
            (p) =>
              `${formatPeriod(p.period)}: A ${p.a === null ? 'no row' : `${p.a}%`}, B ${p.b === null ? 'no row' : `${p.b}%`}`,
          )
          .join('; ')}
      </figcaption>
    </figure>
  );
}
