import type { Metric, MetricRow, PeriodUnit } from '@upsell/core';
import { metricLabel } from './definition-choices.ts';
import { formatPercent, segmentLabel } from './format-metric.ts';

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

/**
 * The top of the rate axis in percent: room for every interval, benchmark and target and the
 * 20% band threshold, rounded up to a multiple of 10 (at most 100).
 *
 * @example
 * rateAxisMax([12.5, 33]) // 40
 */
export function rateAxisMax(values: readonly number[]): number {
  const top = Math.max(25, ...values.filter(Number.isFinite));
  return Math.min(100, Math.ceil(top / 10) * 10);
}

/**
 * Ticks of the rate axis: every 5% up to 40%, else every 10%, so the 10% and 20% thresholds
 * are always ticks.
 *
 * @example
 * rateTicks(30) // [0, 5, 10, 15, 20, 25, 30]
 */
export function rateTicks(top: number): number[] {
  const step = top <= 40 ? 5 : 10;
  return Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
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
  const span = first === last ? first.period : `${first.period} to ${last.period}`;
  let highest = first;
  let lowest = first;
  for (const row of rows) {
    if (row.rate > highest.rate) highest = row;
    if (row.rate < lowest.rate) lowest = row;
  }
  const parts = [
    `${name}, ${span}${Object.keys(last.segment).length > 0 ? `, ${segmentLabel(last.segment)}` : ''}.`,
    `Latest ${formatPercent(last.rate)} (${last.band}) in ${last.period}.`,
  ];
  if (rows.length > 1) {
    parts.push(
      `Highest ${formatPercent(highest.rate)} in ${highest.period}; lowest ${formatPercent(lowest.rate)} in ${lowest.period}.`,
    );
  }
  if (last.benchmark) parts.push(`Benchmark ${formatPercent(last.benchmark.rate)}.`);
  if (last.target) parts.push(`Target ${formatPercent(last.target.rate)}.`);
  parts.push(
    'The shaded band is the 95% interval; bands: below 10% weak, 10% to 20% moderate, above 20% strong.',
  );
  return parts.join(' ');
}
