import { MRR_CAUSES, type MrrCause, type MrrMovementsRow, type SubscriptionDrillFigure } from '@upsell/core';
import { fromCents, toCents } from './cents.ts';
import { CAUSE_LABELS, KIND_LABELS } from './movement-words.ts';

/** One bar of the MRR bridge: a level (start, end) or a change floating from the level before it. */
export interface WaterfallStep {
  /** Unique within the bridge: `start`, `new`, `expansion:upgrade`, ... */
  key: string;
  /** The bridge figure the step belongs to, which its drill-down explains. */
  figure: Extract<
    SubscriptionDrillFigure,
    'start' | 'end' | 'new' | 'reactivation' | 'expansion' | 'contraction' | 'churn'
  >;
  /** The cause, for a step of the expansion split by cause. */
  cause?: MrrCause;
  /** The axis's word: `Start`, `New`, `Upgrade`, `Churn`. */
  label: string;
  /** In words with its group: `Expansion: upgrade`. */
  name: string;
  /** The level (start, end) or the signed change, in cents. */
  cents: number;
  /** The same in money, as printed. */
  value: number;
  /** Where the bar is drawn: [low, high] in money. */
  range: [number, number];
}

/** A period's bridge as steps, and what the printed figures miss the end by. */
export interface Waterfall {
  period: string;
  steps: WaterfallStep[];
  /** The printed end minus (printed start + printed changes), in cents: 0 unless rounding to cents on their own left a cent or two (SUBSCRIPTIONS.md). */
  residueCents: number;
}

const span = (a: number, b: number): [number, number] => [
  fromCents(Math.min(a, b)),
  fromCents(Math.max(a, b)),
];

/**
 * A bridge row as the waterfall's steps: start, new, reactivation, the expansion split by
 * cause (every cause that is not 0, in the spec's order; a cause can be negative inside an
 * expansion, and steps down), contraction, churn, end. Each change floats from the level the
 * steps before it reached, summed in whole cents from the printed figures, so the steps add up
 * exactly as printed; the end is drawn at the printed end and any gap is `residueCents`.
 *
 * @example
 * waterfallSteps(march).steps.map((s) => `${s.label} ${s.value}`)
 * // ['Start 30', 'New 0', 'Reactivation 0', 'Upgrade 20', 'Add-on 5', 'Seats 20', 'Contraction 0', 'Churn 0', 'End 75']
 */
export function waterfallSteps(row: MrrMovementsRow): Waterfall {
  const steps: WaterfallStep[] = [];
  const startCents = toCents(row.mrr_start);
  steps.push(level('start', 'Start', startCents));
  let at = startCents;
  const change = (step: Omit<WaterfallStep, 'value' | 'range'>) => {
    steps.push({ ...step, value: fromCents(step.cents), range: span(at, at + step.cents) });
    at += step.cents;
  };
  change({ key: 'new', figure: 'new', label: KIND_LABELS.new, name: 'New', cents: toCents(row.new) });
  change({
    key: 'reactivation',
    figure: 'reactivation',
    label: KIND_LABELS.reactivation,
    name: 'Reactivation',
    cents: toCents(row.reactivation),
  });
  const causes = MRR_CAUSES.filter((cause) => toCents(row.expansion_by_cause[cause]) !== 0);
  if (causes.length === 0) {
    change({
      key: 'expansion',
      figure: 'expansion',
      label: KIND_LABELS.expansion,
      name: 'Expansion',
      cents: toCents(row.expansion),
    });
  }
  for (const cause of causes) {
    change({
      key: `expansion:${cause}`,
      figure: 'expansion',
      cause,
      label: CAUSE_LABELS[cause],
      name: `Expansion: ${CAUSE_LABELS[cause].toLowerCase()}`,
      cents: toCents(row.expansion_by_cause[cause]),
    });
  }
  change({
    key: 'contraction',
    figure: 'contraction',
    label: KIND_LABELS.contraction,
    name: 'Contraction',
    cents: 0 - toCents(row.contraction),
  });
  change({
    key: 'churn',
    figure: 'churn',
    label: KIND_LABELS.churn,
    name: 'Churn',
    cents: 0 - toCents(row.churn),
  });
  const endCents = toCents(row.mrr_end);
  steps.push(level('end', 'End', endCents));
  return { period: row.period, steps, residueCents: endCents - at };
}

function level(figure: 'start' | 'end', label: string, cents: number): WaterfallStep {
  return {
    key: figure,
    figure,
    label,
    name: `MRR at the ${figure}`,
    cents,
    value: fromCents(cents),
    range: span(0, cents),
  };
}

/**
 * The bars of one figure (the expansion's causes, or one step) summed in cents, as the bridge
 * prints the figure (contraction and churn as magnitudes): what its drill-down's total is.
 *
 * @example
 * figureCents(waterfallSteps(march), 'expansion') // 4500
 */
export function figureCents(waterfall: Waterfall, figure: WaterfallStep['figure']): number {
  const sum = waterfall.steps
    .filter((step) => step.figure === figure)
    .reduce((total, step) => total + step.cents, 0);
  return figure === 'contraction' || figure === 'churn' ? 0 - sum : sum;
}
