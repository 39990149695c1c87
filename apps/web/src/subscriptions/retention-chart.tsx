import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, CHART_COLORS } from '../dashboard/chart-colors.ts';
import { formatPeriod } from '../dashboard/format-metric.ts';
import { useElementWidth } from '../dashboard/use-element-width.ts';
import { moneyAxis } from './money-axis.ts';
import { MOVEMENT_COLORS } from './movement-colors.ts';
import type { RetentionPoint } from './retention-points.ts';

/** Props of {@link RetentionChart}. */
export interface RetentionChartProps {
  points: readonly RetentionPoint[];
  onSelect(point: RetentionPoint): void;
  height?: number;
}

const LINES = [
  { key: 'nrr', name: 'Net revenue retention', color: CHART_COLORS.rate, dash: undefined },
  { key: 'grr', name: 'Gross revenue retention', color: MOVEMENT_COLORS.expansion, dash: '6 3' },
] as const;

const percentText = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/**
 * NRR and GRR by period over each period's start cohort, with 100% marked (above it the cohort
 * grew its MRR); a period without a cohort is a gap. Clicking a point opens the cohort.
 */
export function RetentionChart({ points, onSelect, height = 260 }: RetentionChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const narrow = width < 560;
  const values = points.flatMap((p) => [p.nrr, p.grr]).filter((v): v is number => v !== null);
  // Round ticks around the data and 100% (90% to 110% at least), not from 0: retention moves by points.
  const axis = moneyAxis([90, 110, ...values], { fromZero: false });
  return (
    <div ref={ref} className="chart-box">
      <LineChart
        width={width}
        height={height}
        data={[...points]}
        margin={{ top: 12, right: narrow ? 8 : 24, bottom: 4, left: 0 }}
        onClick={(state) => {
          const index = Number(state?.activeTooltipIndex);
          const point = Number.isInteger(index) ? points[index] : undefined;
          if (point && point.nrr !== null) onSelect(point);
        }}
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
          tick={AXIS_TICK}
          width={48}
          tickFormatter={(value: number) => `${value}%`}
        />
        <ReferenceLine
          y={100}
          stroke={CHART_COLORS.muted}
          strokeDasharray="2 3"
          label={{ value: '100%', position: 'insideTopLeft', fill: CHART_COLORS.muted, fontSize: 11 }}
        />
        {LINES.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dash}
            dot={{ r: 3.5, fill: line.color, cursor: 'pointer' }}
            activeDot={{ r: 6, cursor: 'pointer' }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
        <Tooltip content={(props) => <RetentionTooltip {...props} />} />
      </LineChart>
      <ul className="chart-legend" aria-label="Legend">
        {LINES.map((line) => (
          <li key={line.key}>
            <span
              className="swatch swatch-line"
              style={{ background: line.color, opacity: line.dash ? 0.75 : 1 }}
            />{' '}
            {line.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RetentionTooltip({ active, payload }: TooltipContentProps) {
  const point = payload?.[0]?.payload as RetentionPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatPeriod(point.period)}</strong>
      <div>NRR {percentText(point.nrr)}</div>
      <div>GRR {percentText(point.grr)}</div>
      <div>Logo churn {percentText(point.logoChurn)}</div>
      <div>{point.row.customers_start} subscribers at the start</div>
      {point.nrr !== null && <div className="hint">Click for the cohort behind it</div>}
    </div>
  );
}
