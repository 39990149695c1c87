import type { DashboardDefinition } from './dashboard-definition.ts';

/** What a dataset offers the choice of an alternative: the tier levels its files hold. */
export interface AlternativeData {
  tiers: readonly number[];
}

/** A definition B to compare A with, and why it was chosen, in words. */
export interface Alternative {
  definition: DashboardDefinition;
  why: string;
}

/**
 * The comparison a person most likely wants when they open compare with only A: what the rule
 * changes. A rule that looks for a move up (auto, tier, price, flag) is set against "any
 * additional purchase", which shows who bought more without buying up; "additional" itself is
 * set against the columns' own rule when the data has tiers. Without tiers and already on
 * "additional", the eligibility changes instead (all customers so far against those active in
 * the period). The subscription upsell rate's expansion is set against its upgrade rule (who
 * expanded without moving up), any other of its rules against expansion. Only the rule or the
 * eligibility changes, so the difference has one cause.
 *
 * @example
 * alternativeDefinition(DEFAULT_DEFINITION, { tiers: [1, 2, 3] }).definition.rule // 'additional'
 */
export function alternativeDefinition(a: DashboardDefinition, data: AlternativeData): Alternative {
  if (a.metric === 'subscription-upsell-rate') {
    return a.rule === 'expansion'
      ? {
          definition: { ...a, rule: 'upgrade' },
          why: 'B counts only a move to a higher tier (the upgrade rate), where A counts any expansion: the difference is the subscribers who added seats or add-ons, or paid more, without moving up.',
        }
      : {
          definition: { ...a, rule: 'expansion' },
          why: `B counts any expansion (upgrade, add-on, seats, price), where A counts only ${a.rule === 'add_on' ? 'an add-on' : a.rule === 'quantity' ? 'more seats' : 'an upgrade'}: the difference is the subscribers who expanded another way.`,
        };
  }
  if (a.rule !== 'additional') {
    return {
      definition: { ...a, rule: 'additional' },
      why: 'B counts any additional purchase as an upsell, where A needs a move up: the difference is the customers who bought more without buying up.',
    };
  }
  if (data.tiers.length > 0) {
    return {
      definition: { ...a, rule: 'tier' },
      why: 'B counts only a move to a higher tier, where A counts any additional purchase: the difference is the customers who bought more without buying up.',
    };
  }
  const eligible = a.eligible === 'active' ? 'all' : 'active';
  return {
    definition: { ...a, eligible },
    why:
      eligible === 'active'
        ? 'B counts only the customers who bought in the period, where A counts every customer so far.'
        : 'B counts every customer so far, where A counts only those who bought in the period.',
  };
}
