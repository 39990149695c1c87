import type { DefinitionInput } from '@upsell/core';

/**
 * What the warehouse bench computes everywhere: the customer upsell rate by month and by the
 * channel of the customer's initial order, the rule and eligibility left to their defaults (the
 * sample's tier column resolves `auto` to `tier`), in UTC.
 */
export const WAREHOUSE_DEFINITION: DefinitionInput = {
  metric: 'customer-upsell-rate',
  period: 'month',
  by: ['channel'],
};

/** The same definition as `upsell rate` flags, for the engine's side of the comparison. */
export const WAREHOUSE_RATE_FLAGS: readonly string[] = ['--period', 'month', '--by', 'channel'];
