import { isUncertainRate, type Metric, type MetricRow, type PeriodUnit } from '@upsell/core';
import { countedUnit, metricLabel } from './definition-choices.ts';
import { formatPercent, formatPeriod, segmentLabel } from './format-metric.ts';

/** One period of the trend chart, in percent (what the axis shows). */
export interface TrendPoint {
  period: string;
  rate: number;
  /** The 95% interval, drawn as a band between its bounds. */
  interval: [number, number];
  row: MetricRow;
}

const pct = (fraction: number) => Math.round(fraction * 1e6) / 1e4;

/** The trend chart's points: one per row, rates in percent. */
export function trendPoints(rows: readonly MetricRow[]): TrendPoint[] {
  return rows.map((row) => ({
    period: row.period,
    rate: pct(row.rate),
    interval: [pct(row.ci95[0]), pct(row.ci95[1])],
    row,
  }));
}

/** One bar of the segment breakdown, in percent, with its error bar below and above the rate. */
export interface SegmentBar {
  label: string;
  rate: number;
  error: [number, number];
  row: MetricRow;
}

/** The breakdown's bars: error bars as distances from the rate to each interval bound. */
export function segmentBars(rows: readonly MetricRow[]): SegmentBar[] {
  return rows.map((row) => {
    const rate = pct(row.rate);
    return {
      label: segmentLabel(row.segment),
      rate,
      error: [Math.max(0, rate - pct(row.ci95[0])), Math.max(0, pct(row.ci95[1]) - rate)],
      row,
    };
  });
}

/** A rate axis in percent: its bounds and ticks. */
export interface RateAxis {
  domain: [number, number];
  ticks: number[];
}

const TICK_STEPS = [0.5, 1, 2, 2.5, 5, 10, 20, 25];

/**
 * A rate axis scaled to the data (in percent), not always 0 to 100%: from a round tick at or
 * below the lowest value (or 0, for bars, which must start there) to one at or above the
 * highest, with about five ticks. A rate of 4% to 6% then fills the chart instead of a sliver
 * at its foot.
 *
 * @example
 * rateAxis([2.8, 5.5]) // { domain: [2, 6], ticks: [2, 3, 4, 5, 6] }
 * rateAxis([7.5, 8.9], { fromZero: true }) // { domain: [0, 10], ticks: [0, 2, 4, 6, 8, 10] }
 */
export function rateAxis(values: readonly number[], options: { fromZero?: boolean } = {}): RateAxis {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { domain: [0, 100], ticks: [0, 25, 50, 75, 100] };
  let low = options.fromZero ? 0 : Math.max(0, Math.min(...finite));
  let high = Math.min(100, Math.max(...finite));
  if (high - low < 2) {
    // One value (or nearly): a point in the middle of a 2-point window, not on its edge.
    const middle = (low + high) / 2;
    low = options.fromZero ? 0 : Math.max(0, middle - 1);
    high = Math.min(100, middle + 1);
  }
  const span = high - low;
  const step = TICK_STEPS.find((s) => span / s <= 5) ?? 25;
  const min = Math.max(0, Math.floor(low / step) * step);
  let max = Math.min(100, Math.ceil(high / step) * step);
  if (max <= min) max = Math.min(100, min + step);
  const ticks: number[] = [];
  for (let tick = min; tick <= max + 1e-9; tick += step) ticks.push(Math.round(tick * 100) / 100);
  return { domain: [min, max], ticks };
}

/** The band thresholds (10% moderate, 20% strong) that fall inside an axis, to draw as thin lines. */
export function thresholdsWithin([min, max]: readonly [number, number]): {
  band: 'moderate' | 'strong';
  at: number;
}[] {
  return (
    [
      { band: 'moderate', at: 10 },
      { band: 'strong', at: 20 },
    ] as const
  ).filter(({ at }) => at > min && at < max);
}

const PERIOD_WORDS: Record<PeriodUnit, string> = {
  all: 'over all time',
  day: 'by day',
  week: 'by week',
  month: 'by month',
  quarter: 'by quarter',
  year: 'by year',
};

/**
 * The trend chart's caption: what it shows and its story in words, for people who cannot see
 * the chart (and for everyone, at a glance).
 *
 * @example
 * describeTrend(rows, 'customer-upsell-rate', 'quarter')
 * // 'Customer upsell rate by quarter, 2024-Q1 to 2024-Q4. Latest 12.0% (moderate) in 2024-Q4; highest ...'
 */
export function describeTrend(rows: readonly MetricRow[], metric: Metric, period: PeriodUnit): string {
  const name = `${metricLabel(metric)} ${PERIOD_WORDS[period]}`;
  const first = rows[0];
  const last = rows.at(-1);
  if (first === undefined || last === undefined) return `${name}: no periods to show.`;
  // Over all time there is one period, and its name would only repeat "over all time".
  const whole = last.period === 'all';
  const span =
    first === last
      ? formatPeriod(first.period)
      : `${formatPeriod(first.period)} to ${formatPeriod(last.period)}`;
  let highest = first;
  let lowest = first;
  for (const row of rows) {
    if (row.rate > highest.rate) highest = row;
    if (row.rate < lowest.rate) lowest = row;
  }
  const parts = [
    `${name}${whole ? '' : `, ${span}`}${Object.keys(last.segment).length > 0 ? `, ${segmentLabel(last.segment)}` : ''}.`,
    `Latest ${formatPercent(last.rate)} (${last.band}${isUncertainRate(last.ci95) ? `, uncertain: few ${countedUnit(metric)}` : ''})${whole ? '' : ` in ${formatPeriod(last.period)}`}.`,
  ];
  if (rows.length > 1) {
    parts.push(
      `Highest ${formatPercent(highest.rate)} in ${formatPeriod(highest.period)}; lowest ${formatPercent(lowest.rate)} in ${formatPeriod(lowest.period)}.`,
    );
  }
  if (last.benchmark) parts.push(`Benchmark ${formatPercent(last.benchmark.rate)}.`);
  if (last.target) parts.push(`Target ${formatPercent(last.target.rate)}.`);
  parts.push(
    'The shaded band is the 95% interval; bands: below 10% weak, 10% to 20% moderate, above 20% strong.',
  );
  return parts.join(' ');
}
