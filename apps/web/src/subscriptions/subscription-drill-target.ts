import type { MrrCause, MrrMovementsRow, SubscriptionDrillDown, SubscriptionDrillFigure } from '@upsell/core';
import { toCents } from './cents.ts';

/** The rates a subscription dashboard shows: the subscription upsell rate and the upgrade rate. */
export type ShownRule = 'expansion' | 'upgrade';

/** What a drill-down of the subscription dashboard explains: one figure of one period and segment. */
export interface SubscriptionDrillTarget {
  period: string;
  segment: Record<string, string>;
  figure: SubscriptionDrillFigure;
  /** Whose eligible or qualifying customers: the upsell rate's (`expansion`) or the upgrade rate's. */
  rule?: ShownRule;
  /** What the bar or tile showed, to set beside the drill-down's own total. */
  shown?: { cents: number } | { count: number };
  /** Other figures the dialog offers (net new MRR is explained by its five movements). */
  figures?: readonly SubscriptionDrillFigure[];
  /** A step of the expansion split by cause: the parts of this cause are marked. */
  cause?: MrrCause;
}

const MONEY_FIGURES = ['start', 'end', 'new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
type MoneyFigure = (typeof MONEY_FIGURES)[number];
const ROW_FIELD: Record<MoneyFigure, keyof MrrMovementsRow> = {
  start: 'mrr_start',
  end: 'mrr_end',
  new: 'new',
  reactivation: 'reactivation',
  expansion: 'expansion',
  contraction: 'contraction',
  churn: 'churn',
};

/** Whether a figure is money (a bridge figure) rather than a count of customers. */
export const isMoneyFigure = (figure: SubscriptionDrillFigure): figure is MoneyFigure =>
  (MONEY_FIGURES as readonly string[]).includes(figure);

/**
 * The drill-down of a bridge figure of a row, with the row's printed figure as what was shown.
 *
 * @example
 * bridgeDrillTarget(march, 'expansion').shown // { cents: 4500 }
 */
export function bridgeDrillTarget(
  row: MrrMovementsRow,
  figure: MoneyFigure,
  extra: Pick<SubscriptionDrillTarget, 'cause' | 'figures'> = {},
): SubscriptionDrillTarget {
  return {
    period: row.period,
    segment: row.segment,
    figure,
    shown: { cents: toCents(row[ROW_FIELD[figure]] as number) },
    ...extra,
  };
}

/**
 * Whether a drill-down's total is what the page showed: money to the cent (the drill-down's
 * `value` is the exact sum rounded to cents, as the bridge prints each figure), counts exactly.
 * Undefined when nothing was shown to compare with.
 */
export function drillTotalMatches(
  target: SubscriptionDrillTarget,
  page: SubscriptionDrillDown,
): boolean | undefined {
  if (target.shown === undefined || page.figure !== target.figure) return undefined;
  if ('cents' in target.shown) return page.value !== null && toCents(page.value) === target.shown.cents;
  return page.total === target.shown.count;
}
