import type { Metric, MetricRow } from '@upsell/core';
import { isUncertainRate } from '@upsell/core';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, BAND_COLORS, CHART_COLORS } from './chart-colors.ts';
import { rateAxis, type TrendPoint, thresholdsWithin, trendPoints } from './chart-points.ts';
import { countedUnit, metricLabel } from './definition-choices.ts';
import { formatInterval, formatPercent, formatPeriod, formatRateWithCounts } from './format-metric.ts';
import { useElementWidth } from './use-element-width.ts';

/** Props of {@link TrendChart}. */
export interface TrendChartProps {
  metric: Metric;
  rows: readonly MetricRow[];
  /** A point was clicked. */
  onSelect(row: MetricRow): void;
  height?: number;
}

/**
 * The line of a rate the result is compared with, labelled with its name and value. A function,
 * not a component: recharts finds its reference lines among the chart's direct children.
 */
function comparisonLine(
  name: 'benchmark' | 'target',
  rate: number,
  dash: string,
  position: 'insideBottomRight' | 'insideTopRight',
) {
  return (
    <ReferenceLine
      y={rate * 100}
      stroke={CHART_COLORS[name]}
      strokeDasharray={dash}
      strokeWidth={1.5}
      label={{ value: `${name} ${formatPercent(rate)}`, position, fill: CHART_COLORS[name], fontSize: 11 }}
    />
  );
}

/**
 * The thin dotted line where a band starts (in percent), labelled with the band: the bands as an
 * edge, not a page of colour. A function, like {@link comparisonLine}.
 */
function thresholdLine(band: 'moderate' | 'strong', at: number) {
  return (
    <ReferenceLine
      key={band}
      y={at}
      stroke={BAND_COLORS[band].solid}
      strokeDasharray="2 3"
      strokeWidth={1}
      label={{
        value: `${band} from ${at}%`,
        position: 'insideTopLeft',
        fill: BAND_COLORS[band].solid,
        fontSize: 11,
      }}
    />
  );
}

/**
 * The rate by period on an axis scaled to the data: the line, its 95% interval as a light band
 * with a visible edge, the band thresholds (10%, 20%) as thin lines where they fall inside the
 * axis, and benchmark and target lines. Clicking a point opens its drill-down.
 */
export function TrendChart({ metric, rows, onSelect, height = 320 }: TrendChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const points = trendPoints(rows);
  const last = rows.at(-1);
  const benchmark = last?.benchmark;
  const target = last?.target;
  const axis = rateAxis([
    ...points.flatMap((p) => p.interval),
    // A point of room above a benchmark or target line, for its label.
    ...(benchmark ? [benchmark.rate * 100 + 1] : []),
    ...(target ? [target.rate * 100 + 1] : []),
  ]);
  const thresholds = thresholdsWithin(axis.domain);
  const narrow = width < 560;

  return (
    <div ref={ref} className="chart-box">
      <ComposedChart
        width={width}
        height={height}
        data={points}
        margin={{ top: 12, right: narrow ? 8 : 24, bottom: 4, left: 0 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="period"
          tick={AXIS_TICK}
          tickMargin={6}
          minTickGap={12}
          tickFormatter={formatPeriod}
        />
        <YAxis
          domain={axis.domain}
          ticks={axis.ticks}
          tickFormatter={(value: number) => `${value}%`}
          tick={AXIS_TICK}
          width={48}
        />
        {thresholds.map(({ band, at }) => thresholdLine(band, at))}
        <Area
          dataKey="interval"
          name="95% interval"
          stroke={CHART_COLORS.interval}
          strokeOpacity={0.55}
          strokeDasharray="3 3"
          strokeWidth={1}
          fill={CHART_COLORS.interval}
          fillOpacity={0.14}
          isAnimationActive={false}
          activeDot={false}
        />
        <Line
          dataKey="rate"
          name={metricLabel(metric)}
          stroke={CHART_COLORS.rate}
          strokeWidth={2}
          dot={(props) => <PointDot {...props} radius={4} onSelect={onSelect} />}
          activeDot={(props) => <PointDot {...props} radius={7} onSelect={onSelect} />}
          isAnimationActive={false}
        />
        {benchmark && comparisonLine('benchmark', benchmark.rate, '8 4', 'insideBottomRight')}
        {target && comparisonLine('target', target.rate, '3 3', 'insideTopRight')}
        <Tooltip content={(props) => <TrendTooltip {...props} metric={metric} />} />
      </ComposedChart>
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <span className="swatch swatch-line" /> {metricLabel(metric)}
        </li>
        <li>
          <span className="swatch swatch-interval" /> 95% interval
        </li>
        {benchmark && (
          <li>
            <span className="swatch swatch-benchmark" /> Benchmark
          </li>
        )}
        {target && (
          <li>
            <span className="swatch swatch-target" /> Target
          </li>
        )}
        {thresholds.length > 0 && (
          <li>
            <span className="swatch swatch-threshold" /> band thresholds: moderate from 10%, strong above 20%
          </li>
        )}
      </ul>
    </div>
  );
}

/**
 * A point that opens its drill-down when clicked, with a larger invisible target for fingers.
 * Each point knows its own row (the chart's hover state can lag a quick click).
 */
function PointDot({
  cx,
  cy,
  payload,
  radius,
  onSelect,
}: {
  cx?: number | undefined;
  cy?: number | undefined;
  payload?: unknown;
  radius: number;
  onSelect(row: MetricRow): void;
}) {
  const point = payload as TrendPoint | undefined;
  if (cx === undefined || cy === undefined || point === undefined) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the keyboard's way is the table view's buttons
    <g className="trend-point" onClick={() => onSelect(point.row)} style={{ cursor: 'pointer' }}>
      <circle cx={cx} cy={cy} r={14} fill="transparent" />
      <circle cx={cx} cy={cy} r={radius} fill={CHART_COLORS.rate} stroke="#ffffff" strokeWidth={1.5} />
    </g>
  );
}

function TrendTooltip({ active, payload, metric }: TooltipContentProps & { metric: Metric }) {
  const point = payload?.[0]?.payload as TrendPoint | undefined;
  if (!active || !point) return null;
  const { row } = point;
  return (
    <div className="chart-tooltip">
      <strong>{formatPeriod(row.period)}</strong>
      <div>{formatRateWithCounts(row, metric)}</div>
      <div>95% interval {formatInterval(row.ci95)}</div>
      <div>
        Band: {row.band}
        {isUncertainRate(row.ci95) ? `, uncertain (few ${countedUnit(metric)})` : ''}
      </div>
      <div className="hint">Click for the customers behind it</div>
    </div>
  );
}
