import { describe, expect, it } from 'vitest';
import { PURCHASE_KINDS, parsePurchaseKind } from './purchase-kind.ts';

describe('parsePurchaseKind', () => {
  it.each(PURCHASE_KINDS)('reads its own label %s', (kind) => {
    expect(parsePurchaseKind(kind)).toBe(kind);
  });

  it.each([
    ['UPSELL', 'upsell'],
    ['Upgrade', 'upgrade'],
    ['Cross-sell', 'cross_sell'],
    ['cross sell', 'cross_sell'],
    ['CROSS_SELL', 'cross_sell'],
    ['Add-On', 'add_on'],
    ['add - on', 'add_on'],
    ['  Renewal  ', 'renewal'],
    ['crosssell', 'cross_sell'],
  ])('forgives case, spaces and hyphens: %j is %s', (text, kind) => {
    expect(parsePurchaseKind(text)).toBe(kind);
  });

  // Bug: the 'crosssell' fallback compares the raw text, so it is the one spelling where case matters.
  it('forgives case in the joined spelling: Crosssell is cross_sell', () => {
    expect(parsePurchaseKind('Crosssell')).toBe('cross_sell');
  });

  it.each(['downgrade', 'refund', 'up sell but not'])('gives undefined for the unknown label %j', (text) => {
    expect(parsePurchaseKind(text)).toBeUndefined();
  });
});

describe('edge cases', () => {
  it('gives undefined for an empty or blank label', () => {
    expect(parsePurchaseKind('')).toBeUndefined();
    expect(parsePurchaseKind('   ')).toBeUndefined();
  });

  it('does not read a label from the middle of other text', () => {
    expect(parsePurchaseKind('new customer')).toBeUndefined();
  });
});
