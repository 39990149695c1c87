import {
  explainRateChange,
  type Metric,
  type MetricResult,
  type MetricRow,
  type RateChangeExplanation,
} from '@upsell/core';
import { useId } from 'react';
import { metricLabel } from './definition-choices.ts';
import type { DrillTarget } from './drill-target.ts';
import { formatPercent, formatPeriod, formatPoints, segmentLabel } from './format-metric.ts';

/** Props of {@link ChangeWaterfall}. */
export interface ChangeWaterfallProps {
  metric: Metric;
  by: readonly string[];
  /** The segmented result's rows (every period, in period order). */
  rows: readonly MetricRow[];
  onDrill(target: DrillTarget): void;
}

/** The explanation of the last two periods' change, or undefined when there is none to explain. */
function explanationOf(metric: Metric, by: readonly string[], rows: readonly MetricRow[]) {
  try {
    // Only the metric, `by` and the rows are read.
    const result = { metric, definition: { by: [...by] }, rows: [...rows] } as unknown as MetricResult;
    return explainRateChange(result);
  } catch {
    return undefined;
  }
}

interface Step {
  label: string;
  /** Where the bar starts and ends on the rate axis. */
  from: number;
  to: number;
  kind: 'total' | 'up' | 'down';
  segment?: RateChangeExplanation['segments'][number];
}

/**
 * Why the rate moved from the previous period to the latest: a waterfall from the old rate to the
 * new one, a step per segment (largest contribution first), each split into its rate effect (its
 * own rate moved) and mix effect (its share of eligible customers moved); a segment's name opens
 * the customers behind it in the latest period. The parts add up to the change exactly
 * (docs/metrics.md, "Why the rate moved").
 */
export function ChangeWaterfall({ metric, by, rows, onDrill }: ChangeWaterfallProps) {
  const id = useId();
  const why = explanationOf(metric, by, rows);
  if (why === undefined || why.segments.length === 0) return null;
  const steps: Step[] = [{ label: formatPeriod(why.from), from: 0, to: why.rateFrom, kind: 'total' }];
  let level = why.rateFrom;
  for (const segment of why.segments) {
    steps.push({
      label: segmentLabel(segment.segment),
      from: level,
      to: level + segment.contribution,
      kind: segment.contribution >= 0 ? 'up' : 'down',
      segment,
    });
    level += segment.contribution;
  }
  steps.push({ label: formatPeriod(why.to), from: 0, to: why.rateTo, kind: 'total' });
  const ends = steps.flatMap((s) => [s.from, s.to]);
  const low = Math.min(0, ...ends);
  const span = Math.max(...ends) - low || 1;
  const at = (value: number) => ((value - low) / span) * 100;
  const summary = `${metricLabel(metric)} went from ${formatPercent(why.rateFrom)} in ${formatPeriod(why.from)} to ${formatPercent(why.rateTo)} in ${formatPeriod(why.to)} (${formatPoints(why.change)}): ${formatPoints(why.rateEffect)} from the segments' own rates, ${formatPoints(why.mixEffect)} from their shares of ${metric === 'purchase-upsell-rate' ? 'lines' : 'eligible customers'}.`;

  return (
    <section className="dash-section waterfall" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        Why it moved: {formatPeriod(why.from)} to {formatPeriod(why.to)}
      </h2>
      <p>{summary}</p>
      <ol className="waterfall-steps" aria-label={`The change by ${by.join(' and ')}, largest first`}>
        {steps.map((step, i) => (
          <li key={`${i}-${step.label}`} className={`waterfall-step waterfall-${step.kind}`}>
            <span className="waterfall-label">
              {step.segment ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onDrill({ metric, period: why.to, segment: step.segment!.segment })}
                  aria-label={`${step.label}: ${formatPoints(step.segment.contribution)}. Customers behind it in ${formatPeriod(why.to)}`}
                >
                  {step.label}
                </button>
              ) : (
                step.label
              )}
            </span>
            <span className="waterfall-track" aria-hidden="true">
              <span
                className="waterfall-bar"
                style={{
                  left: `${at(Math.min(step.from, step.to))}%`,
                  width: `${Math.max(at(Math.max(step.from, step.to)) - at(Math.min(step.from, step.to)), 0.5)}%`,
                }}
              />
            </span>
            <span className="waterfall-value">
              {step.segment ? (
                <>
                  {formatPoints(step.segment.contribution)}
                  <small>
                    rate {formatPoints(step.segment.rateEffect)}, mix {formatPoints(step.segment.mixEffect)}
                    {step.segment.presentIn !== 'both'
                      ? ` (only in ${formatPeriod(step.segment.presentIn === 'to' ? why.to : why.from)})`
                      : ''}
                  </small>
                </>
              ) : (
                formatPercent(step.to)
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
