import { describe, expect, it } from 'vitest';
import { productIndex, SAMPLE_FAMILIES, SAMPLE_PRODUCTS } from './sample-catalog.ts';

describe('SAMPLE_PRODUCTS', () => {
  it('has 2 products per tier for 3 tiers in each of 3 families', () => {
    expect(SAMPLE_FAMILIES).toEqual(['analytics', 'storage', 'support']);
    expect(SAMPLE_PRODUCTS).toHaveLength(18);
    expect(new Set(SAMPLE_PRODUCTS.map((p) => p.id)).size).toBe(18);
  });

  it('names products by family, tier and variant', () => {
    expect(SAMPLE_PRODUCTS[productIndex(0, 2, 1)]).toMatchObject({
      id: 'ANA-T2-B',
      family: 'analytics',
      tier: 2,
    });
    expect(SAMPLE_PRODUCTS[productIndex(2, 3, 0)]).toMatchObject({
      id: 'SUP-T3-A',
      family: 'support',
      tier: 3,
    });
    for (const product of SAMPLE_PRODUCTS) expect(product.id).toMatch(/^(ANA|STO|SUP)-T[123]-[AB]$/);
  });

  it('raises list prices with the tier in every family', () => {
    for (let family = 0; family < 3; family++) {
      for (let tier = 1; tier < 3; tier++) {
        const dearestBelow = SAMPLE_PRODUCTS[productIndex(family, tier, 1)]!.priceCents;
        const cheapestAbove = SAMPLE_PRODUCTS[productIndex(family, tier + 1, 0)]!.priceCents;
        expect(cheapestAbove).toBeGreaterThan(dearestBelow);
      }
    }
  });
});
