import type { Metric, MetricRow } from '@upsell/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, BAND_COLORS, CHART_COLORS } from './chart-colors.ts';
import { rateAxisMax, rateTicks, type SegmentBar, segmentBars } from './chart-points.ts';
import { formatInterval, formatRateWithCounts } from './format-metric.ts';
import { useElementWidth } from './use-element-width.ts';

/** Props of {@link SegmentChart}. */
export interface SegmentChartProps {
  metric: Metric;
  /** The rows of one period, in the order to draw them. */
  rows: readonly MetricRow[];
  onSelect(row: MetricRow): void;
}

const BAR_SIZE = 30;

/**
 * One period's segments as horizontal bars coloured by band, each with its 95% interval as an
 * error bar, over the shaded bands. Clicking a bar opens its drill-down.
 */
export function SegmentChart({ metric, rows, onSelect }: SegmentChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const bars = segmentBars(rows);
  const top = rateAxisMax(bars.map((b) => b.rate + b.error[1]));
  const longest = Math.max(4, ...bars.map((b) => b.label.length));
  const labelWidth = Math.min(Math.round(width * 0.4), 16 + longest * 7);

  return (
    <div ref={ref} className="chart-box">
      <BarChart
        layout="vertical"
        width={width}
        height={bars.length * BAR_SIZE + 48}
        data={bars}
        margin={{ top: 8, right: 24, bottom: 4, left: 0 }}
        barCategoryGap={6}
      >
        <ReferenceArea x1={0} x2={10} fill={BAND_COLORS.weak.wash} fillOpacity={1} ifOverflow="hidden" />
        <ReferenceArea x1={10} x2={20} fill={BAND_COLORS.moderate.wash} fillOpacity={1} ifOverflow="hidden" />
        <ReferenceArea x1={20} x2={top} fill={BAND_COLORS.strong.wash} fillOpacity={1} ifOverflow="hidden" />
        <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
        <XAxis
          type="number"
          domain={[0, top]}
          ticks={rateTicks(top)}
          tickFormatter={(value: number) => `${value}%`}
          tick={AXIS_TICK}
          allowDecimals={false}
        />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={AXIS_TICK} interval={0} />
        <ReferenceLine x={10} stroke={BAND_COLORS.moderate.solid} strokeDasharray="2 3" />
        <ReferenceLine x={20} stroke={BAND_COLORS.strong.solid} strokeDasharray="2 3" />
        <Bar
          dataKey="rate"
          isAnimationActive={false}
          onClick={(_, index) => {
            const bar = bars[index];
            if (bar) onSelect(bar.row);
          }}
        >
          {bars.map((bar) => (
            <Cell key={bar.label} fill={BAND_COLORS[bar.row.band].solid} cursor="pointer" />
          ))}
          <ErrorBar dataKey="error" width={5} stroke={CHART_COLORS.ink} strokeWidth={1.5} direction="x" />
        </Bar>
        <Tooltip
          cursor={{ fill: 'rgba(0,0,0,0.05)' }}
          content={(props) => <SegmentTooltip {...props} metric={metric} />}
        />
      </BarChart>
    </div>
  );
}

function SegmentTooltip({ active, payload, metric }: TooltipContentProps & { metric: Metric }) {
  const bar = payload?.[0]?.payload as SegmentBar | undefined;
  if (!active || !bar) return null;
  return (
    <div className="chart-tooltip">
      <strong>{bar.label}</strong>
      <div>{formatRateWithCounts(bar.row, metric)}</div>
      <div>95% interval {formatInterval(bar.row.ci95)}</div>
      <div>Band: {bar.row.band}</div>
      <div className="hint">Click for the customers behind it</div>
    </div>
  );
}
