import { hashUnit } from './create-random.ts';

/** What a sample customer is like; all fields are indexes into the sample catalog lists. */
export interface CustomerProfile {
  /** Acquisition channel (index into SAMPLE_CHANNELS). */
  channel: number;
  /** Index into SAMPLE_SIZES: 0 small, 1 mid, 2 enterprise. */
  size: number;
  region: number;
  industry: number;
  /** Index into {@link ACTIVITY_LEVELS}: 0 buys once, 3 buys most often. */
  activity: number;
  /** Lines in the initial order, 1-3. */
  initialLines: number;
  /** Family of the first line of the initial order. */
  family: number;
  /** Tier of the first line of the initial order: usually 1 or 2. */
  tier: number;
}

// Cumulative thresholds, one list per conditioning value.
const CHANNEL = [0.5, 0.75, 1];
const SIZE_BY_CHANNEL = [
  [0.7, 0.95, 1],
  [0.45, 0.85, 1],
  [0.25, 0.65, 1],
];
const REGION = [0.45, 0.75, 0.92, 1];
const INDUSTRY = [0.22, 0.44, 0.6, 0.74, 0.87, 1];
const FAMILY = [0.45, 0.8, 1];
const TIER_BY_SIZE = [
  [0.82, 0.99, 1],
  [0.68, 0.96, 1],
  [0.5, 0.88, 1],
];
const INITIAL_LINES = [0.8, 0.95, 1];
const ACTIVITY = [0.3, 0.65, 0.9, 1];

/**
 * Relative chance of a customer of each activity class being picked for a later order on a
 * given day: one-time buyers, occasional, regular, heavy.
 */
export const ACTIVITY_LEVELS: readonly number[] = Object.freeze([0, 0.25, 0.6, 1]);

function pick(thresholds: readonly number[], u: number): number {
  let i = 0;
  while (u >= thresholds[i]!) i++;
  return i;
}

/**
 * Number of lines in customer `index`'s initial order: the only attribute the day plan needs,
 * so it is cheap to compute on its own.
 *
 * @example
 * initialLineCount(seedKey(42, 1), 0) // 1
 */
export function initialLineCount(key: number, index: number): number {
  return pick(INITIAL_LINES, hashUnit(key, index, 0)) + 1;
}

/**
 * The profile of customer `index` (0-based) under the seed key `key`: random access, so the
 * purchases and the customers file agree without sharing state.
 *
 * @example
 * customerProfile(seedKey(42, 1), 0)
 * // { channel: 2, size: 0, region: 0, industry: 1, activity: 0, initialLines: 1, family: 1, tier: 1 }
 */
export function customerProfile(key: number, index: number): CustomerProfile {
  const channel = pick(CHANNEL, hashUnit(key, index, 1));
  const size = pick(SIZE_BY_CHANNEL[channel]!, hashUnit(key, index, 2));
  return {
    channel,
    size,
    region: pick(REGION, hashUnit(key, index, 3)),
    industry: pick(INDUSTRY, hashUnit(key, index, 4)),
    activity: pick(ACTIVITY, hashUnit(key, index, 5)),
    initialLines: initialLineCount(key, index),
    family: pick(FAMILY, hashUnit(key, index, 6)),
    tier: pick(TIER_BY_SIZE[size]!, hashUnit(key, index, 7)) + 1,
  };
}
