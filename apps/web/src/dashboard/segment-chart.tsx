import { isUncertainRate, type Metric, type MetricRow } from '@upsell/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  LabelList,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, BAND_COLORS, CHART_COLORS } from './chart-colors.ts';
import { rateAxis, type SegmentBar, segmentBars, thresholdsWithin } from './chart-points.ts';
import { countedUnit } from './definition-choices.ts';
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

/** The fill of a bar: its band's colour, or a neutral grey when few customers make it uncertain. */
const barFill = (row: MetricRow) =>
  isUncertainRate(row.ci95) ? CHART_COLORS.uncertain : BAND_COLORS[row.band].solid;

/**
 * One period's segments as horizontal bars coloured by band (grey when uncertain), each labelled
 * with its rate and its 95% interval as an error bar, on an axis scaled to the data with the
 * band thresholds as thin lines. Clicking a bar opens its drill-down.
 */
export function SegmentChart({ metric, rows, onSelect }: SegmentChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const bars = segmentBars(rows);
  const axis = rateAxis(
    bars.map((b) => b.rate + b.error[1]),
    { fromZero: true },
  );
  const longest = Math.max(4, ...bars.map((b) => b.label.length));
  const labelWidth = Math.min(Math.round(width * 0.4), 16 + longest * 7);

  return (
    <div ref={ref} className="chart-box">
      <BarChart
        layout="vertical"
        width={width}
        height={bars.length * BAR_SIZE + 48}
        data={bars}
        margin={{ top: 8, right: 48, bottom: 4, left: 0 }}
        barCategoryGap={6}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
        <XAxis
          type="number"
          domain={axis.domain}
          ticks={axis.ticks}
          tickFormatter={(value: number) => `${value}%`}
          tick={AXIS_TICK}
        />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={AXIS_TICK} interval={0} />
        {thresholdsWithin(axis.domain).map(({ band, at }) => (
          <ReferenceLine key={band} x={at} stroke={BAND_COLORS[band].solid} strokeDasharray="2 3" />
        ))}
        <Bar
          dataKey="rate"
          isAnimationActive={false}
          onClick={(_, index) => {
            const bar = bars[index];
            if (bar) onSelect(bar.row);
          }}
        >
          {bars.map((bar) => (
            <Cell key={bar.label} fill={barFill(bar.row)} cursor="pointer" />
          ))}
          <ErrorBar dataKey="error" width={5} stroke={CHART_COLORS.ink} strokeWidth={1.5} direction="x" />
          <LabelList dataKey="rate" content={(props) => <RateLabel {...props} bars={bars} />} />
        </Bar>
        <Tooltip
          cursor={{ fill: 'rgba(0,0,0,0.05)' }}
          content={(props) => <SegmentTooltip {...props} metric={metric} />}
        />
      </BarChart>
    </div>
  );
}

/** A bar's rate in text, just past the end of its error bar (where the bar alone would collide with it). */
function RateLabel({
  x,
  y,
  width,
  height,
  index,
  bars,
}: {
  x?: number | string | undefined;
  y?: number | string | undefined;
  width?: number | string | undefined;
  height?: number | string | undefined;
  index?: number | undefined;
  bars: readonly SegmentBar[];
}) {
  const bar = index === undefined ? undefined : bars[index];
  if (bar === undefined || typeof x !== 'number' || typeof y !== 'number') return null;
  const length = typeof width === 'number' ? width : 0;
  // Pixels per percentage point, from the bar itself; a 0% bar has no error to its left.
  const errorPx = bar.rate > 0 ? (bar.error[1] * length) / bar.rate : 0;
  return (
    <text
      x={x + length + errorPx + 6}
      y={y + (typeof height === 'number' ? height : 0) / 2}
      dominantBaseline="central"
      fontSize={11}
      fill={CHART_COLORS.ink}
    >
      {bar.rate.toFixed(1)}%
    </text>
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
      <div>
        Band: {bar.row.band}
        {isUncertainRate(bar.row.ci95) ? `, uncertain (few ${countedUnit(metric)})` : ''}
      </div>
      <div className="hint">Click for the customers behind it</div>
    </div>
  );
}
