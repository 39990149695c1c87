import type { MrrCause, MrrMovementKind, SubscriptionDrillFigure } from '@upsell/core';

/** Each movement kind as people read it. */
export const KIND_LABELS: Record<MrrMovementKind, string> = {
  new: 'New',
  reactivation: 'Reactivation',
  expansion: 'Expansion',
  contraction: 'Contraction',
  churn: 'Churn',
};

/** Each cause as people read it (a step of the bridge, a part of a movement). */
export const CAUSE_LABELS: Record<MrrCause, string> = {
  upgrade: 'Upgrade',
  downgrade: 'Downgrade',
  add_on: 'Add-on',
  cancellation: 'Cancellation',
  quantity: 'Seats',
  price: 'Price',
};

/** What a drill-down's figure is, in words: `Expansion MRR`, `Subscribers at the start`. */
export const FIGURE_LABELS: Record<SubscriptionDrillFigure, string> = {
  new: 'New MRR',
  reactivation: 'Reactivation MRR',
  expansion: 'Expansion MRR',
  contraction: 'Contraction MRR',
  churn: 'Churned MRR',
  start: 'MRR at the start',
  end: 'MRR at the end',
  eligible: 'Eligible subscribers',
  qualifying: 'Subscribers who expanded',
};
