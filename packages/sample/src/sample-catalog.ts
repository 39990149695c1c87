/** One product of the sample catalog. */
export interface SampleProduct {
  id: string;
  family: string;
  /** 0-based index into {@link SAMPLE_FAMILIES}. */
  familyIndex: number;
  /** 1 = entry ... 3 = top. */
  tier: number;
  /** List price in cents. */
  priceCents: number;
}

/** Product families: products of one family upgrade into each other. */
export const SAMPLE_FAMILIES: readonly string[] = Object.freeze(['analytics', 'storage', 'support']);

/** Tiers per family, 1-based. */
export const SAMPLE_TIERS = 3;

/** Products per family and tier (variants A and B; B is the dearer one). */
export const SAMPLE_VARIANTS = 2;

/** Sales channels; the index is used as a channel code throughout the generator. */
export const SAMPLE_CHANNELS: readonly string[] = Object.freeze(['online', 'partner', 'sales']);

/** Customer attribute values for the customers file. */
export const SAMPLE_REGIONS: readonly string[] = Object.freeze(['na', 'emea', 'apac', 'latam']);
export const SAMPLE_INDUSTRIES: readonly string[] = Object.freeze([
  'retail',
  'saas',
  'consumer_goods',
  'manufacturing',
  'healthcare',
  'finance',
]);
export const SAMPLE_SIZES: readonly string[] = Object.freeze(['small', 'mid', 'enterprise']);

const PREFIXES = ['ANA', 'STO', 'SUP'];

// List prices in cents by family, tier, variant: rising with tier, a few times per step.
const PRICES = [
  [
    [4900, 7900],
    [19900, 24900],
    [79900, 99900],
  ],
  [
    [1900, 2900],
    [9900, 12900],
    [39900, 49900],
  ],
  [
    [2900, 3900],
    [14900, 17900],
    [59900, 74900],
  ],
];

/**
 * Index of a product in {@link SAMPLE_PRODUCTS}.
 *
 * @example
 * productIndex(0, 2, 1) // 3: ANA-T2-B
 */
export function productIndex(family: number, tier: number, variant: number): number {
  return (family * SAMPLE_TIERS + tier - 1) * SAMPLE_VARIANTS + variant;
}

/**
 * The 18 products: 3 families x 3 tiers x 2 variants, ids like `ANA-T2-B`, ordered by
 * {@link productIndex}.
 *
 * @example
 * SAMPLE_PRODUCTS[productIndex(1, 3, 0)] // { id: 'STO-T3-A', family: 'storage', tier: 3, priceCents: 39900, ... }
 */
export const SAMPLE_PRODUCTS: readonly SampleProduct[] = Object.freeze(
  SAMPLE_FAMILIES.flatMap((family, familyIndex) =>
    [1, 2, 3].flatMap((tier) =>
      [0, 1].map((variant) => ({
        id: `${PREFIXES[familyIndex]}-T${tier}-${variant === 0 ? 'A' : 'B'}`,
        family,
        familyIndex,
        tier,
        priceCents: PRICES[familyIndex]![tier - 1]![variant]!,
      })),
    ),
  ),
);
