import type { RouterOutputs } from '@upsell/client';
import { alignColumns } from './format-number.ts';

/** An alert rule as the server lists it (`alert.list`). */
export type AlertRule = RouterOutputs['alert']['list'][number];
/** What `alert.create` answers: the rule and its signing secret, shown this once. */
export type CreatedAlertRule = RouterOutputs['alert']['create'];
/** What `alert.test` answers: the test's firing and its one delivery attempt. */
export type AlertTestOutcome = RouterOutputs['alert']['test'];

const percent = (fraction: number) => `${Math.round(fraction * 1e4) / 100}%`;

/** A rule's condition in a few words: `below-target`, `nrr-below 90%`. */
export const conditionText = (rule: Pick<AlertRule, 'condition' | 'threshold'>) =>
  rule.threshold === null ? rule.condition : `${rule.condition} ${percent(rule.threshold)}`;

/** The table of `upsell alerts list`: one line per rule. */
export function alertRulesTable(
  rules: readonly AlertRule[],
  datasetNames: ReadonlyMap<string, string>,
): string {
  if (rules.length === 0) {
    return '(no alert rules yet: upsell alerts create --dataset <name> --condition <condition> --url <webhook> makes one)\n';
  }
  const header = ['Id', 'Name', 'Dataset', 'Metric', 'Period', 'Condition', 'Webhook'];
  const rows = rules.map((rule) => [
    rule.id,
    rule.name,
    datasetNames.get(rule.datasetId) ?? rule.datasetId,
    rule.definition.metric ?? '',
    rule.definition.period ?? '',
    conditionText(rule),
    rule.url,
  ]);
  return `${alignColumns(header, rows)}\n`;
}

/** What `upsell alerts create` prints: the rule, then its secret with how to check a signature. */
export function createdAlertText({ rule, secret }: CreatedAlertRule, dataset: string): string {
  return [
    `Created alert rule ${rule.id} "${rule.name}" on ${dataset}: ${conditionText(rule)}, ${rule.definition.metric} by ${rule.definition.period}`,
    `Webhook: ${rule.url}`,
    `Signing secret (shown this once; keep it): ${secret}`,
    'Each delivery carries Upsell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret> (docs/server.md).',
    '',
  ].join('\n');
}

/** What `upsell alerts test` prints: where the test went and what the receiver answered. */
export function alertTestText(outcome: AlertTestOutcome, url: string): string {
  const { delivery } = outcome;
  const answer = delivery.httpStatus === null ? '' : `HTTP ${delivery.httpStatus}, `;
  return delivery.status === 'delivered'
    ? `Test delivered to ${url} (${answer}${delivery.durationMs} ms)\n`
    : `Test to ${url} failed: ${delivery.error ?? 'no reason given'} (${delivery.durationMs} ms)\n`;
}
