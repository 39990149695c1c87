import type { ProjectedMoney, UpsellTargetProjection } from '@upsell/core';
import { csvCell } from '@upsell/csv';
import { METRIC_NAMES } from './describe-definition.ts';
import { alignColumns, money, percent, whole } from './format-number.ts';

/** How `upsell whatif` prints: a table, the projection as JSON, or its rows as CSV. */
export type WhatIfFormat = 'table' | 'json' | 'csv';

const segmentName = (segment: Record<string, string>) =>
  Object.entries(segment)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ') || 'all';

const signed = (amount: number) => `${amount > 0 ? '+' : ''}${money(amount)}`;
const interval = (ci: [number, number] | null) => (ci === null ? '-' : `${money(ci[0])} to ${money(ci[1])}`);
const withInterval = (m: ProjectedMoney) =>
  `${signed(m.value)}${m.ci95 === null ? ' (no interval)' : ` (95% CI ${interval(m.ci95)})`}`;
const count = (n: number) =>
  Number.isInteger(n) ? whole(n) : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The projection as a table: the headline (observed rate and target, value per upsold customer,
 * per year), the periods, the segments when there are several, then the assumptions and notes.
 *
 * @example
 * formatWhatIfTable(projectUpsellTarget(result, { target: 22 })).split('\n')[0]
 * // 'Customer upsell rate at 22.0% (month, eligible all)'
 */
export function formatWhatIfTable(w: UpsellTargetProjection): string {
  const mrr = w.money === 'mrr';
  const valueWord = mrr ? 'expansion MRR' : 'upsell revenue';
  const basis = w.basis;
  const lines = [
    `${METRIC_NAMES[w.metric]} at ${percent(w.target)} (${w.definition.period}, eligible ${w.definition.eligible})`,
    `  observed ${percent(basis.observedRate)} over ${basis.periods[0]}${basis.periods.length > 1 ? ` to ${basis.periods.at(-1)}` : ''}: ${whole(basis.eligible)} eligible, ${whole(basis.upsold)} upsold`,
    `  ${valueWord} per upsold customer: ${money(basis.valuePerUpsold.value)}${basis.valuePerUpsold.ci95 === null ? '' : ` (95% CI ${interval(basis.valuePerUpsold.ci95)}, ${basis.valuePerUpsold.periods} periods)`}`,
  ];
  if (w.perYear !== null) {
    lines.push(
      `  projected extra ${mrr ? 'MRR added' : 'upsell revenue'} per year: ${withInterval(w.perYear)}`,
    );
  }
  if (w.arr !== null) lines.push(`  as ARR: ${withInterval(w.arr)}`);
  const periods = alignColumns(
    [
      'period',
      'eligible',
      'upsold',
      'observed',
      'extra upsold',
      `extra ${mrr ? 'MRR' : 'revenue'}`,
      '95% CI',
      'basis',
    ],
    w.periods.map((p) => [
      p.period,
      whole(p.eligible),
      whole(p.upsold),
      percent(p.observedRate),
      count(p.extraUpsold),
      signed(p.projectedExtra.value),
      interval(p.projectedExtra.ci95),
      p.inBasis ? 'yes' : '',
    ]),
  );
  const parts = [lines.join('\n'), periods];
  if (w.segments.length > 1) {
    parts.push(
      alignColumns(
        ['segment', 'observed', `${mrr ? 'MRR' : 'revenue'} per upsold`, '95% CI', 'per year', '95% CI'],
        w.segments.map((s) => [
          segmentName(s.segment),
          percent(s.observedRate),
          `${money(s.valuePerUpsold.value)}${s.valuePerUpsold.borrowed ? ' *' : ''}`,
          interval(s.valuePerUpsold.ci95),
          s.perYear === null ? '-' : signed(s.perYear.value),
          s.perYear === null ? '-' : interval(s.perYear.ci95),
        ]),
      ),
    );
  }
  parts.push(['Assumptions:', ...w.assumptions.map((a) => `  - ${a}`)].join('\n'));
  if (w.notes.length > 0) parts.push(w.notes.map((n) => `note: ${n}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/** The rows (period and segment) as CSV, one column per segment field. */
export function formatWhatIfCsv(w: UpsellTargetProjection): string {
  const by = w.definition.by;
  const header = [
    'period',
    ...by,
    'eligible',
    'upsold',
    'observed_rate',
    'target',
    w.money === 'mrr' ? 'expansion_mrr' : 'upsell_revenue',
    'value_per_upsold',
    'extra_upsold',
    'projected_extra',
    'ci95_low',
    'ci95_high',
    'in_basis',
  ];
  const rows = w.rows.map((r) => [
    r.period,
    ...by.map((name) => r.segment[name] ?? ''),
    r.eligible,
    r.upsold,
    r.observedRate,
    w.target,
    r.upsellValue,
    r.valuePerUpsold,
    r.extraUpsold,
    r.projectedExtra.value,
    r.projectedExtra.ci95?.[0] ?? null,
    r.projectedExtra.ci95?.[1] ?? null,
    r.inBasis,
  ]);
  return `${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\n')}\n`;
}

/** The reporters of `upsell whatif`, by `--format`. */
export const WHATIF_REPORTERS: Record<WhatIfFormat, (w: UpsellTargetProjection) => string> = {
  table: formatWhatIfTable,
  json: (w) => `${JSON.stringify(w, null, 2)}\n`,
  csv: formatWhatIfCsv,
};
