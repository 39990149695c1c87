import type { MrrMovementKind } from '@upsell/core';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, CHART_COLORS } from '../dashboard/chart-colors.ts';
import { formatPeriod, segmentLabel } from '../dashboard/format-metric.ts';
import { useElementWidth } from '../dashboard/use-element-width.ts';
import { axisMoney, moneyAxis } from './money-axis.ts';
import { MOVEMENT_BAR_KEYS, type MovementBar } from './movement-bars.ts';
import { MOVEMENT_COLORS } from './movement-colors.ts';
import { KIND_LABELS } from './movement-words.ts';
import { signedMoney } from './signed-money.ts';

/** Props of {@link MovementsChart}. */
export interface MovementsChartProps {
  bars: readonly MovementBar[];
  /** What a bar is: a period of the trend, or a segment of one period. */
  category: 'period' | 'segment';
  currency: string | null | undefined;
  onSelect(bar: MovementBar, kind: MrrMovementKind): void;
  height?: number;
}

/**
 * Movements as stacked bars, gains above zero and losses below, with the net new MRR as a line:
 * by period (the trend) or by segment. Clicking a part of a bar opens the customers behind it.
 */
export function MovementsChart({ bars, category, currency, onSelect, height = 300 }: MovementsChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const narrow = width < 560;
  const data = bars.map((bar) => ({
    ...bar,
    label: category === 'period' ? formatPeriod(bar.period) : segmentLabel(bar.segment),
  }));
  const axis = moneyAxis(
    bars.flatMap((bar) => [bar.new + bar.reactivation + bar.expansion, bar.contraction + bar.churn, bar.net]),
  );
  return (
    <div ref={ref} className="chart-box">
      <ComposedChart
        width={width}
        height={height}
        data={data}
        stackOffset="sign"
        margin={{ top: 12, right: narrow ? 4 : 16, bottom: 4, left: 0 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={AXIS_TICK} tickMargin={6} minTickGap={8} />
        <YAxis
          domain={axis.domain}
          ticks={axis.ticks}
          tick={AXIS_TICK}
          width={narrow ? 44 : 64}
          tickFormatter={(value: number) => axisMoney(value, currency)}
        />
        <ReferenceLine y={0} stroke={CHART_COLORS.muted} />
        {MOVEMENT_BAR_KEYS.map((kind) => (
          <Bar
            key={kind}
            dataKey={kind}
            name={KIND_LABELS[kind]}
            stackId="movements"
            maxBarSize={64}
            fill={MOVEMENT_COLORS[kind]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_, index) => {
              const bar = bars[index];
              if (bar) onSelect(bar, kind);
            }}
          />
        ))}
        <Line
          dataKey="net"
          name="Net new MRR"
          // Over periods the net is a line; across segments, a mark per segment (nothing lies between them).
          stroke={category === 'period' ? MOVEMENT_COLORS.net : 'none'}
          strokeWidth={2}
          dot={{ r: 3, fill: MOVEMENT_COLORS.net }}
          isAnimationActive={false}
        />
        <Tooltip
          cursor={{ fill: 'rgba(0,0,0,0.05)' }}
          content={(props) => <MovementsTooltip {...props} currency={currency} />}
        />
      </ComposedChart>
      <ul className="chart-legend" aria-label="Legend">
        {MOVEMENT_BAR_KEYS.map((kind) => (
          <li key={kind}>
            <span className="swatch" style={{ background: MOVEMENT_COLORS[kind] }} /> {KIND_LABELS[kind]}
          </li>
        ))}
        <li>
          <span className="swatch swatch-line" style={{ background: MOVEMENT_COLORS.net }} /> Net new MRR
        </li>
      </ul>
    </div>
  );
}

function MovementsTooltip({
  active,
  payload,
  currency,
}: TooltipContentProps & { currency: string | null | undefined }) {
  const bar = payload?.[0]?.payload as (MovementBar & { label: string }) | undefined;
  if (!active || !bar) return null;
  return (
    <div className="chart-tooltip">
      <strong>{bar.label}</strong>
      {MOVEMENT_BAR_KEYS.map((kind) => (
        <div key={kind}>
          {KIND_LABELS[kind]}: {signedMoney(bar[kind], currency)}
        </div>
      ))}
      <div>
        <strong>Net new MRR: {signedMoney(bar.net, currency)}</strong>
      </div>
      <div className="hint">Click a part of the bar for the customers behind it</div>
    </div>
  );
}
