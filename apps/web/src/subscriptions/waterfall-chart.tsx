import type { MrrMovementsRow } from '@upsell/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, CHART_COLORS } from '../dashboard/chart-colors.ts';
import { formatMoney } from '../dashboard/format-metric.ts';
import { useElementWidth } from '../dashboard/use-element-width.ts';
import { axisMoney, moneyAxis } from './money-axis.ts';
import { MOVEMENT_COLORS } from './movement-colors.ts';
import { signedMoney } from './signed-money.ts';
import type { Waterfall, WaterfallStep } from './waterfall-steps.ts';

/** Props of {@link WaterfallChart}. */
export interface WaterfallChartProps {
  waterfall: Waterfall;
  row: MrrMovementsRow;
  currency: string | null | undefined;
  onSelect(step: WaterfallStep): void;
  height?: number;
}

const stepColor = (step: WaterfallStep) => {
  if (step.figure === 'start' || step.figure === 'end') return MOVEMENT_COLORS.level;
  if (step.figure === 'expansion' && step.cents < 0) return MOVEMENT_COLORS.down;
  return MOVEMENT_COLORS[step.figure];
};

/**
 * The MRR bridge of one period as a waterfall: the start, each change floating from the level
 * the ones before it reached (gains up, losses down, the expansion split by cause), the end;
 * each bar labelled with its figure. Clicking a bar opens the customers behind it.
 */
export function WaterfallChart({ waterfall, row, currency, onSelect, height = 320 }: WaterfallChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(720);
  const narrow = width < 560;
  const data = waterfall.steps.map((step) => ({ ...step, fill: stepColor(step) }));
  const axis = waterfallAxis(waterfall);
  return (
    <div ref={ref} className="chart-box">
      <BarChart
        width={width}
        height={height}
        data={data}
        margin={{ top: 22, right: narrow ? 4 : 16, bottom: narrow ? 36 : 4, left: 0 }}
        barCategoryGap={narrow ? 3 : 10}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="label"
          tick={AXIS_TICK}
          interval={0}
          tickMargin={4}
          angle={narrow ? -40 : 0}
          textAnchor={narrow ? 'end' : 'middle'}
        />
        <YAxis
          allowDataOverflow
          domain={axis.domain}
          ticks={axis.ticks}
          tick={AXIS_TICK}
          width={narrow ? 44 : 64}
          tickFormatter={(value: number) => axisMoney(value, currency)}
        />
        <Bar
          dataKey="range"
          isAnimationActive={false}
          maxBarSize={72}
          onClick={(_, index) => {
            const step = waterfall.steps[index];
            if (step) onSelect(step);
          }}
        >
          {data.map((step) => (
            <Cell key={step.key} fill={step.fill} cursor="pointer" />
          ))}
          <LabelList
            dataKey="key"
            position="top"
            fontSize={narrow ? 10 : 11}
            fill={CHART_COLORS.ink}
            formatter={(key: unknown) =>
              // On a phone, ten labels collide: the levels keep theirs, the caption says every change.
              narrow && waterfall.steps.length > 7 && key !== 'start' && key !== 'end'
                ? ''
                : stepLabel(waterfall.steps, key, narrow ? null : currency)
            }
          />
        </Bar>
        <Tooltip
          cursor={{ fill: 'rgba(0,0,0,0.05)' }}
          content={(props) => <StepTooltip {...props} row={row} currency={currency} />}
        />
      </BarChart>
    </div>
  );
}

/**
 * The waterfall's axis: from 0 when the changes are a good part of the MRR; else from a round
 * tick below the lowest level the bridge reaches, so that changes of a few percent of a large
 * MRR can be seen (the start and end bars are then cut at the axis's foot, their figures written
 * above them and the axis's first tick saying where it starts).
 */
function waterfallAxis(waterfall: Waterfall) {
  const ranges = waterfall.steps.flatMap((step) =>
    step.figure === 'start' || step.figure === 'end' ? [step.value] : step.range,
  );
  const low = Math.min(...ranges);
  const high = Math.max(...ranges);
  return low > 0 && low > high / 2 ? moneyAxis(ranges, { fromZero: false }) : moneyAxis(ranges);
}

/** A bar's figure above it: a level as it is, a change signed (`+20`, `−10`), compact where narrow. */
function stepLabel(
  steps: readonly WaterfallStep[],
  key: unknown,
  currency: string | null | undefined,
): string {
  const step = steps.find((s) => s.key === key);
  if (!step) return '';
  const level = step.figure === 'start' || step.figure === 'end';
  const text = axisMoney(Math.abs(step.value), currency);
  if (level || step.cents === 0) return level ? text : '0';
  return `${step.cents > 0 ? '+' : '\u2212'}${text}`;
}

function StepTooltip({
  active,
  payload,
  row,
  currency,
}: TooltipContentProps & { row: MrrMovementsRow; currency: string | null | undefined }) {
  const step = payload?.[0]?.payload as WaterfallStep | undefined;
  if (!active || !step) return null;
  const level = step.figure === 'start' || step.figure === 'end';
  const customers =
    step.figure === 'start'
      ? row.customers_start
      : step.figure === 'end'
        ? row.customers_end
        : step.figure === 'new'
          ? row.new_customers
          : step.figure === 'churn'
            ? row.churned_customers
            : step.figure === 'reactivation'
              ? row.reactivated_customers
              : undefined;
  return (
    <div className="chart-tooltip">
      <strong>{step.name}</strong>
      <div>{level ? formatMoney(step.value, currency) : signedMoney(step.value, currency)}</div>
      {customers !== undefined && <div>{customers} customers</div>}
      {step.cause && <div>Part of the expansion of {formatMoney(row.expansion, currency)}</div>}
      <div className="hint">Click for the customers behind it</div>
    </div>
  );
}
