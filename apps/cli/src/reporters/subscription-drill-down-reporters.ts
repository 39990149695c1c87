import type { MrrMovement, SubscriptionCustomer, SubscriptionDrillDown } from '@upsell/core';
import { csvCell } from '@upsell/csv';
import { paint, type Terminal } from '../terminal.ts';
import { money, whole } from './format-number.ts';

/** Writes a subscription drill-down in one format. */
export type SubscriptionDrillDownReporter = (drillDown: SubscriptionDrillDown, terminal: Terminal) => string;

const signed = (value: number) => `${value >= 0 ? '+' : '-'}${money(Math.abs(value))}`;

/** What a figure is, in words, for the title. */
const FIGURE_WORDS: Record<SubscriptionDrillDown['figure'], string> = {
  new: 'new MRR',
  reactivation: 'reactivation MRR',
  expansion: 'expansion MRR',
  contraction: 'contraction MRR',
  churn: 'churned MRR',
  start: 'MRR at the start',
  end: 'MRR at the end',
  eligible: 'eligible customers (the rate’s denominator)',
  qualifying: 'qualifying customers (the rate’s numerator)',
};

// The movement's reason names each subscription's part: one line says it all.
const describeMovement = (movement: MrrMovement) =>
  `  ${movement.date}  ${movement.kind} ${signed(movement.value)}: ${movement.reason}`;

function describeCustomer(customer: SubscriptionCustomer, terminal: Terminal): string[] {
  const marks = [
    customer.eligible ? 'eligible' : 'not eligible',
    ...(customer.qualifying ? [paint(terminal, 'green', 'qualifying')] : []),
  ];
  const lines = [
    `${customer.customerId}  [${marks.join(', ')}]  MRR ${money(customer.mrrStart)} -> ${money(customer.mrrEnd)}`,
    ...customer.movements.map(describeMovement),
  ];
  if (customer.movements.length === 0) lines.push('  no movement in this period');
  return lines;
}

/** The human list: the figure and its value on top, then each customer with their movements in words. */
export const subscriptionDrillDownTable = (
  drillDown: SubscriptionDrillDown,
  terminal: Terminal,
  limit: number,
) => {
  const segment = Object.entries(drillDown.segment)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const where = `${drillDown.period}${segment ? `, ${segment}` : ''}`;
  const value = drillDown.value === null ? '' : `${money(drillDown.value)} from `;
  const lines = [
    paint(terminal, 'bold', `${FIGURE_WORDS[drillDown.figure]}, ${where}`),
    `${value}${whole(drillDown.total)} ${drillDown.total === 1 ? 'customer' : 'customers'}`,
    '',
  ];
  const shown = drillDown.customers.slice(0, limit);
  for (const customer of shown) lines.push(...describeCustomer(customer, terminal));
  const more = drillDown.total - drillDown.offset - shown.length;
  if (more > 0) lines.push(`... ${whole(more)} more customers (--limit all shows them)`);
  return `${lines.join('\n')}\n`;
};

/** The drill-down as the API's `metric.movementCustomers` returns it. */
export const subscriptionDrillDownJson: SubscriptionDrillDownReporter = (drillDown) =>
  `${JSON.stringify(drillDown, null, 2)}\n`;

/** One CSV line per subscription's part of a movement (a customer without movements: one line). */
export const subscriptionDrillDownCsv: SubscriptionDrillDownReporter = (drillDown) => {
  const by = Object.keys(drillDown.segment);
  const header = [
    'customer_id',
    ...by,
    'eligible',
    'qualifying',
    'mrr_start',
    'mrr_end',
    'date',
    'movement',
    'value',
    'subscription_id',
    'cause',
    'part_value',
    'reason',
  ];
  const lines: string[] = [];
  for (const customer of drillDown.customers) {
    const head = [
      customer.customerId,
      ...by.map((name) => drillDown.segment[name]),
      customer.eligible,
      customer.qualifying,
      customer.mrrStart,
      customer.mrrEnd,
    ];
    const rows = customer.movements.flatMap((movement) => {
      const parts = movement.parts.length > 0 ? movement.parts : [undefined];
      return parts.map((part) => [
        ...head,
        movement.date,
        movement.kind,
        movement.value,
        part?.subscriptionId,
        part?.cause,
        part?.value,
        part?.reason ?? movement.reason,
      ]);
    });
    if (rows.length === 0) rows.push(head);
    for (const row of rows) lines.push(row.map((cell) => csvCell(cell)).join(','));
  }
  return `${[header.join(','), ...lines].join('\n')}\n`;
};
