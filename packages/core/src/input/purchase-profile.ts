import type { Purchase } from './purchase.ts';

/** Families kept in a profile; beyond this `moreFamilies` says there were more. */
export const PROFILE_FAMILY_LIMIT = 1000;

/** What accepted purchase lines hold, in brief: for a dataset's summary. */
export interface PurchaseProfile {
  /** Earliest and latest purchase time (epoch ms), or null without lines. */
  first: number | null;
  last: number | null;
  /** Tier levels seen, ascending (none when the input has no tiers). */
  tiers: number[];
  /** Product families seen, sorted (none when the input has no family column). */
  families: string[];
  moreFamilies: boolean;
}

/** Gathers a {@link PurchaseProfile} line by line. */
export function createPurchaseProfiler() {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const tiers = new Set<number>();
  const families = new Set<string>();
  let moreFamilies = false;
  return {
    add(purchase: Purchase) {
      if (purchase.purchasedAt < first) first = purchase.purchasedAt;
      if (purchase.purchasedAt > last) last = purchase.purchasedAt;
      if (!Number.isNaN(purchase.tier)) tiers.add(purchase.tier);
      if (purchase.family !== '' && !families.has(purchase.family)) {
        if (families.size < PROFILE_FAMILY_LIMIT) families.add(purchase.family);
        else moreFamilies = true;
      }
    },
    profile(): PurchaseProfile {
      return {
        first: Number.isFinite(first) ? first : null,
        last: Number.isFinite(last) ? last : null,
        tiers: [...tiers].sort((a, b) => a - b),
        families: [...families].sort(),
        moreFamilies,
      };
    },
  };
}

/** The profile of the union of inputs. */
export function mergePurchaseProfiles(profiles: readonly PurchaseProfile[]): PurchaseProfile {
  const present = <T>(values: (T | null)[]) => values.filter((v): v is T => v !== null);
  const firsts = present(profiles.map((p) => p.first));
  const lasts = present(profiles.map((p) => p.last));
  const families = [...new Set(profiles.flatMap((p) => p.families))].sort();
  return {
    first: firsts.length > 0 ? Math.min(...firsts) : null,
    last: lasts.length > 0 ? Math.max(...lasts) : null,
    tiers: [...new Set(profiles.flatMap((p) => p.tiers))].sort((a, b) => a - b),
    families: families.slice(0, PROFILE_FAMILY_LIMIT),
    moreFamilies: families.length > PROFILE_FAMILY_LIMIT || profiles.some((p) => p.moreFamilies),
  };
}
