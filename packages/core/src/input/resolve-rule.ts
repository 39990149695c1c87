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
      'rule auto: the input has no kind, tier or amount column to tell an upsell by; map one with --map, or use --rule additional (any purchase after the initial order)',
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
      `rule ${rule} needs ${column === 'amount' ? 'an' : 'a'} ${column} column; map one with --map ${column}=<column>`,
    );
  }
  return rule;
}
