import type { ResolvedRule, Rule } from '../definition.ts';
import { UpsellError } from '../errors.ts';

/** Which optional purchase fields an input has. */
export interface InputFields {
  kind: boolean;
  tier: boolean;
  amount: boolean;
}

/**
 * The rule actually used: `auto` becomes `flag` when there is a kind column, else `tier` when
 * there are tiers, else `price` when there are amounts. An explicit rule must have its column.
 * A `RULE_NEEDS_COLUMN` error's details name the `rule` and the `field` it needs, or for `auto`
 * the `candidates` (the fields any of which would do).
 *
 * @example
 * resolveRule('auto', { kind: false, tier: true, amount: true }) // 'tier'
 */
export function resolveRule(rule: Rule, fields: InputFields): ResolvedRule {
  if (rule === 'auto') {
    if (fields.kind) return 'flag';
    if (fields.tier) return 'tier';
    if (fields.amount) return 'price';
    throw new UpsellError(
      'RULE_NEEDS_COLUMN',
      'rule auto: the input has no kind, tier or amount column to tell an upsell by',
      { rule, candidates: ['kind', 'tier', 'amount'] },
    );
  }
  const needs: Partial<Record<ResolvedRule, keyof InputFields>> = {
    flag: 'kind',
    tier: 'tier',
    price: 'amount',
  };
  const column = needs[rule];
  if (column !== undefined && !fields[column]) {
    throw new UpsellError(
      'RULE_NEEDS_COLUMN',
      `rule ${rule} needs ${column === 'amount' ? 'an' : 'a'} ${column} column`,
      { rule, field: column },
    );
  }
  return rule;
}
