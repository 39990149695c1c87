import { civilFromDays, formatDay, isoWeekday } from '@upsell/core';
import { createRandom, seedKey } from './create-random.ts';
import { initialLineCount } from './customer-profile.ts';
import { RANDOM_STREAMS } from './random-streams.ts';
import type { ResolvedSampleOptions } from './sample-options.ts';

/** How many purchase lines each day gets and which customers have started buying by then. */
export interface DayPlan {
  /** `YYYY-MM-DDT` of each day, ready to prefix a time of day. */
  labels: string[];
  /** Purchase lines on each day; they add up to `rows`. */
  lines: Int32Array;
  /**
   * Customers whose initial order has been placed by the end of each day. Customers are numbered
   * in the order they start buying, so the ones who appear in the purchases are 0 .. last - 1.
   */
  placed: Int32Array;
}

// Seasonality by month (January first): more in Q4, fewer in summer.
const ACQUISITION_SEASON = [0.95, 1, 1.05, 1, 0.95, 0.8, 0.7, 0.75, 1, 1.2, 1.45, 1.3];
const REPEAT_SEASON = [1, 1, 1.05, 1, 1, 0.9, 0.85, 0.85, 1, 1.1, 1.2, 1.15];
// Monday first: business buying drops at the weekend.
const WEEKDAY = [1.05, 1.1, 1.1, 1.05, 0.95, 0.35, 0.3];
// Mean of the initial line-count distribution in customer-profile.ts.
const MEAN_INITIAL_LINES = 1.25;

/**
 * Splits `total` into whole parts proportional to `weights` by rounding the running sum, so the
 * parts add up to `total` exactly.
 *
 * @example
 * apportion(10, [1, 1, 1]) // Int32Array [3, 4, 3]
 */
export function apportion(total: number, weights: ArrayLike<number>): Int32Array {
  const parts = new Int32Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  let running = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i]!;
    const upTo = i === weights.length - 1 || sum === 0 ? total : Math.round((total * running) / sum);
    parts[i] = upTo - given;
    given = upTo;
  }
  return parts;
}

/**
 * The day-by-day plan of a sample: customers are acquired over the span with seasonality and
 * a growth trend; each day's lines are the acquired customers' initial orders plus later orders
 * in proportion to the customer base. A new customer's initial order comes first on a day; lines
 * that cannot be placed (no customer yet) move to the next day.
 *
 * @example
 * const plan = planDays({ rows: 80, seed: 1, customers: 10, firstDay: 19358, days: 731 });
 * plan.lines.reduce((a, b) => a + b, 0) // 80
 */
export function planDays(options: ResolvedSampleOptions): DayPlan {
  const { rows, seed, customers, firstDay, days } = options;
  const random = createRandom(seed, RANDOM_STREAMS.plan);
  const labels: string[] = [];
  const acquisitionWeights = new Float64Array(days);
  const repeatShape = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const date = civilFromDays(firstDay + d);
    labels.push(`${formatDay(firstDay + d)}T`);
    // isoWeekday counts Monday as 1.
    const weekday = WEEKDAY[isoWeekday(firstDay + d) - 1]!;
    const trend = 1 + (0.6 * d) / days;
    acquisitionWeights[d] =
      ACQUISITION_SEASON[date.month - 1]! * weekday * trend * (0.8 + 0.4 * random.next());
    repeatShape[d] = REPEAT_SEASON[date.month - 1]! * weekday * (0.9 + 0.2 * random.next());
  }
  const acquired = apportion(customers, acquisitionWeights);

  const repeatLines = Math.max(0, rows - MEAN_INITIAL_LINES * customers);
  const base = new Float64Array(days);
  let cumulative = 0;
  let baseSum = 0;
  for (let d = 0; d < days; d++) {
    cumulative += acquired[d]!;
    base[d] = cumulative * repeatShape[d]!;
    baseSum += base[d]!;
  }
  const lineWeights = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    lineWeights[d] =
      MEAN_INITIAL_LINES * acquired[d]! + (baseSum > 0 ? (repeatLines * base[d]!) / baseSum : 0);
  }
  const budget = apportion(rows, lineWeights);

  const key = seedKey(seed, RANDOM_STREAMS.customers);
  const lines = new Int32Array(days);
  const placed = new Int32Array(days);
  let carry = 0;
  let due = 0;
  let count = 0;
  for (let d = 0; d < days; d++) {
    due += acquired[d]!;
    let left = carry + budget[d]!;
    while (count < due && left > 0) {
      left -= Math.min(initialLineCount(key, count), left);
      count++;
    }
    if (count > 0) {
      lines[d] = carry + budget[d]!;
      carry = 0;
    } else {
      carry += budget[d]!;
    }
    placed[d] = count;
  }
  return { labels, lines, placed };
}
