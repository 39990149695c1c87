import type { AlertCondition } from '@upsell/core';

/** Each condition in words, as the form offers it and the tables show it. */
export const CONDITION_LABELS: Record<AlertCondition, string> = {
  'band-crossing': 'Band changes (strong, moderate, weak)',
  'below-target': 'Rate below its target',
  'below-benchmark': 'Rate below its industry benchmark',
  'significant-change': 'Significant change (p < 0.05)',
  'nrr-below': 'NRR below a threshold',
  'grr-below': 'GRR below a threshold',
};

/** `90%` from 0.9, to two decimals at most. */
export const thresholdText = (fraction: number) => `${Math.round(fraction * 1e4) / 100}%`;

/** A rule's condition in words, with its threshold: `NRR below 90%`. */
export function conditionText(rule: { condition: string; threshold: number | null }): string {
  if (rule.condition === 'nrr-below' && rule.threshold !== null)
    return `NRR below ${thresholdText(rule.threshold)}`;
  if (rule.condition === 'grr-below' && rule.threshold !== null)
    return `GRR below ${thresholdText(rule.threshold)}`;
  return CONDITION_LABELS[rule.condition as AlertCondition] ?? rule.condition;
}
