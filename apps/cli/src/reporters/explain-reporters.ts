import type { RateChangeExplanation } from '@upsell/core';
import { METRIC_NAMES } from './describe-definition.ts';
import { alignColumns, percent, points } from './format-number.ts';

/** How `upsell explain` prints: a table, or the explanation as JSON. */
export type ExplainFormat = 'table' | 'json';

const segmentName = (segment: Record<string, string>) =>
  Object.entries(segment)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ') || 'all';

const rate = (value: number | null) => (value === null ? '-' : percent(value));

/**
 * The change of a rate split by segment as a table: the headline (from, to, change, its rate and
 * mix effects), then each segment, largest contribution first, with its rates and shares on both
 * sides and its effects in percentage points.
 *
 * @example
 * formatExplanationTable(explainRateChange(result)).split('\n')[0]
 * // 'Customer upsell rate 2024-Q1 -> 2024-Q2: 15.0% -> 14.7% (-0.3 pts)'
 */
export function formatExplanationTable(why: RateChangeExplanation): string {
  const head = `${METRIC_NAMES[why.metric]} ${why.from} -> ${why.to}: ${percent(why.rateFrom)} -> ${percent(why.rateTo)} (${points(why.change)})`;
  const split = `  rate effect ${points(why.rateEffect)} (segments' own rates), mix effect ${points(why.mixEffect)} (their shares); exact change ${why.exact.change}`;
  const rows = why.segments.map((s) => [
    segmentName(s.segment),
    rate(s.from.rate),
    rate(s.to.rate),
    percent(s.from.share),
    percent(s.to.share),
    points(s.rateEffect),
    points(s.mixEffect),
    points(s.contribution),
  ]);
  const table = alignColumns(
    [
      'segment',
      'rate from',
      'rate to',
      'share from',
      'share to',
      'rate effect',
      'mix effect',
      'contribution',
    ],
    rows,
  );
  const onlyOne = why.segments.filter((s) => s.presentIn !== 'both');
  const notes = onlyOne.map(
    (s) =>
      `note: ${segmentName(s.segment)} has eligible ${why.metric === 'purchase-upsell-rate' ? 'lines' : 'customers'} in ${s.presentIn === 'to' ? why.to : why.from} only: its contribution is all mix`,
  );
  return `${[head, split, '', table, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n')}\n`;
}

/** The reporters of `upsell explain`, by `--format`. */
export const EXPLAIN_REPORTERS: Record<ExplainFormat, (why: RateChangeExplanation) => string> = {
  table: formatExplanationTable,
  json: (why) => `${JSON.stringify(why, null, 2)}\n`,
};
