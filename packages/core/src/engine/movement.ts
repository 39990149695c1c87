/**
 * What a purchase line is to its customer. Every line gets exactly one:
 * - `initial`: part of the customer's initial order (never an upsell);
 * - `upsell`: bought more under the rule (a higher tier or price, a flagged upsell, any later purchase under `additional`);
 * - `cross_sell`: a later line in a family the customer never bought before (or flagged cross_sell/add_on);
 * - `repeat`: a later line at the same level, or one that cannot be compared;
 * - `downgrade`: a later line at a lower level than the customer's highest in that family.
 * Subscription events (plan changes, cancellations) will add movements here, not a new engine.
 */
export const MOVEMENTS = ['initial', 'upsell', 'cross_sell', 'repeat', 'downgrade'] as const;
export type Movement = (typeof MOVEMENTS)[number];
