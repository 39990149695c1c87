import { createRandom, type Random, seedKey } from './create-random.ts';
import { ACTIVITY_LEVELS, customerProfile } from './customer-profile.ts';
import type { DayPlan } from './plan-days.ts';
import { RANDOM_STREAMS } from './random-streams.ts';
import { productIndex, SAMPLE_FAMILIES, SAMPLE_PRODUCTS } from './sample-catalog.ts';
import type { ResolvedSampleOptions } from './sample-options.ts';
import { drawSecondOfDay, SECONDS_PER_DAY } from './second-of-day.ts';

const FAMILIES = SAMPLE_FAMILIES.length;
// Chance per later order of moving up a tier, by order channel (online, partner, sales) and
// customer size (small, mid, enterprise): account managers upsell more than a web shop.
const UPGRADE_BY_CHANNEL = [0.07, 0.18, 0.72];
const UPGRADE_BY_SIZE = [0.75, 1, 1.35];
const DOWNGRADE = 0.06;
// Chance that a later order's first line is in a family picked at random rather than the main
// one; when that family is new to the customer, the line is a cross-sell.
const OTHER_FAMILY = 0.2;
const SAME_CHANNEL = 0.85;
// An extra line of an order is mostly the other variant of the first line's product, else another family.
const SAME_FAMILY_EXTRA = 0.6;
// Lines per later order: 1 (82%), 2 (13%), 3 (5%).
const EXTRA_LINE_THRESHOLDS = [0.82, 0.95];
const PICK_ATTEMPTS = 64;

// Per-customer state, packed so that one customer's fields share a cache line: with a million
// customers, scattered arrays would cost a cache miss per field per order.
const STRIDE = 8;
const PROFILE = 0; // channel | size << 4 | family << 8
const LAST_DAY = 1;
const LAST_SECOND = 2;
const TIERS = 3; // FAMILIES slots: tier held in each family, 0 = never bought

// 100 slots: 1 x78, 2 x10, 3 x6, 4 x3, 5 x3.
const QUANTITY = Uint8Array.from({ length: 100 }, (_, i) =>
  i < 78 ? 1 : i < 88 ? 2 : i < 94 ? 3 : i < 97 ? 4 : 5,
);
// 20 slots of discount percent per channel: online rarely, partners a margin, sales negotiates.
const DISCOUNT = [
  Uint8Array.from({ length: 20 }, (_, i) => (i < 17 ? 0 : 5)),
  Uint8Array.from({ length: 20 }, (_, i) => (i < 6 ? 5 : i < 18 ? 10 : 15)),
  Uint8Array.from({ length: 20 }, (_, i) => (i < 8 ? 0 : i < 13 ? 5 : i < 17 ? 10 : 15)),
];
const PRICES = Int32Array.from(SAMPLE_PRODUCTS, (product) => product.priceCents);

/**
 * The purchase behaviour of the sample's customers, one day at a time. `simulateDay` fills the
 * day's orders (in the order they were decided, not yet by time) into the public buffers, which
 * are reused from day to day.
 *
 * A customer's initial order is mostly tier 1-2 in their main family; a later order repeats the
 * tier they hold, moves up one (the upsell, likelier through sales and for bigger customers),
 * sometimes down one, or buys a family they never had (cross-sell). Customers are picked for
 * later orders by their activity, fading with the time since they started buying.
 *
 * @example
 * const simulation = new PurchaseSimulation(options, plan);
 * const orders = simulation.simulateDay(0); // orders 0 .. orders - 1 are in the buffers
 */
export class PurchaseSimulation {
  readonly orderCustomer: Int32Array;
  readonly orderSecond: Int32Array;
  readonly orderChannel: Uint8Array;
  /** Lines of order k are firstLine[k] .. firstLine[k + 1] - 1. */
  readonly orderFirstLine: Int32Array;
  readonly lineProduct: Uint8Array;
  readonly lineQuantity: Uint8Array;
  readonly lineCents: Int32Array;

  private readonly plan: DayPlan;
  private readonly random: Random;
  private readonly key: number;
  private readonly state: Int32Array;
  /**
   * Customers who have started buying, by activity class, as (customer, start day) pairs: the
   * pick reads one place in memory per attempt.
   */
  private readonly active: Int32Array[];
  private readonly activeCount: Int32Array;
  private readonly fading: Float64Array;
  private lines = 0;

  constructor(options: ResolvedSampleOptions, plan: DayPlan) {
    const { customers, days, seed } = options;
    this.plan = plan;
    this.random = createRandom(seed, RANDOM_STREAMS.purchases);
    this.key = seedKey(seed, RANDOM_STREAMS.customers);
    const appearing = plan.placed.length === 0 ? 0 : plan.placed[plan.placed.length - 1]!;
    this.state = new Int32Array(Math.max(customers, 1) * STRIDE);
    this.active = ACTIVITY_LEVELS.map(() => new Int32Array(2 * appearing));
    this.activeCount = new Int32Array(ACTIVITY_LEVELS.length);
    this.fading = Float64Array.from({ length: days }, (_, age) => 0.3 + 0.7 * Math.exp(-age / 240));
    const most = plan.lines.reduce((a, b) => Math.max(a, b), 0);
    this.orderCustomer = new Int32Array(most);
    this.orderSecond = new Int32Array(most);
    this.orderChannel = new Uint8Array(most);
    this.orderFirstLine = new Int32Array(most + 1);
    this.lineProduct = new Uint8Array(most);
    this.lineQuantity = new Uint8Array(most);
    this.lineCents = new Int32Array(most);
  }

  /** Fills day `day`'s orders into the buffers and returns how many there are. */
  simulateDay(day: number): number {
    const budget = this.plan.lines[day]!;
    const from = day === 0 ? 0 : this.plan.placed[day - 1]!;
    const to = this.plan.placed[day]!;
    const state = this.state;
    let orders = 0;
    this.lines = 0;
    for (let c = from; c < to; c++) {
      const profile = customerProfile(this.key, c);
      const at = c * STRIDE;
      state[at + PROFILE] = profile.channel | (profile.size << 4) | (profile.family << 8);
      state[at + LAST_DAY] = -1;
      const pair = 2 * this.activeCount[profile.activity]!++;
      this.active[profile.activity]![pair] = c;
      this.active[profile.activity]![pair + 1] = day;
      this.beginOrder(orders++, c, day, profile.channel);
      const count = Math.min(profile.initialLines, budget - this.lines);
      const variant = this.addLine(c, profile.family, profile.tier, profile.channel, -1);
      this.addExtraLines(c, profile.family, profile.tier, variant, profile.channel, count - 1);
    }
    let weight = 0;
    for (let k = 0; k < ACTIVITY_LEVELS.length; k++) weight += ACTIVITY_LEVELS[k]! * this.activeCount[k]!;
    while (this.lines < budget) {
      const c = this.pickCustomer(day, to, weight);
      const at = c * STRIDE;
      const profile = state[at + PROFILE]!;
      const channel = this.random.next() < SAME_CHANNEL ? profile & 15 : this.random.int(3);
      this.beginOrder(orders++, c, day, channel);
      const u = this.random.next();
      const extra = u < EXTRA_LINE_THRESHOLDS[0]! ? 0 : u < EXTRA_LINE_THRESHOLDS[1]! ? 1 : 2;
      const family = this.random.next() < OTHER_FAMILY ? this.random.int(FAMILIES) : profile >> 8;
      const tier = this.nextTier(c, family, channel);
      const variant = this.addLine(c, family, tier, channel, -1);
      this.addExtraLines(c, family, tier, variant, channel, Math.min(extra, budget - this.lines));
    }
    this.orderFirstLine[orders] = this.lines;
    return orders;
  }

  private beginOrder(order: number, c: number, day: number, channel: number): void {
    const at = c * STRIDE;
    // A customer's orders on one day keep the order they were decided in.
    const last = this.state[at + LAST_SECOND]!;
    const second =
      this.state[at + LAST_DAY] === day
        ? last + this.random.int(SECONDS_PER_DAY - last)
        : drawSecondOfDay(this.random);
    this.state[at + LAST_DAY] = day;
    this.state[at + LAST_SECOND] = second;
    this.orderCustomer[order] = c;
    this.orderSecond[order] = second;
    this.orderChannel[order] = channel;
    this.orderFirstLine[order] = this.lines;
  }

  /**
   * A customer for a later order: an activity class by its share of the weight, a customer of
   * it uniformly, kept with a chance that fades with the time since their first order. With
   * only one-time buyers so far (tiny samples), anyone who has bought.
   */
  private pickCustomer(day: number, pool: number, weight: number): number {
    if (weight === 0) return this.random.int(pool);
    for (let attempt = 0; ; attempt++) {
      let u = this.random.next() * weight;
      let k = ACTIVITY_LEVELS.length - 1;
      for (let j = 1; j < ACTIVITY_LEVELS.length; j++) {
        u -= ACTIVITY_LEVELS[j]! * this.activeCount[j]!;
        if (u < 0) {
          k = j;
          break;
        }
      }
      const list = this.active[k]!;
      const pair = 2 * this.random.int(this.activeCount[k]!);
      if (attempt >= PICK_ATTEMPTS || this.random.next() < this.fading[day - list[pair + 1]!]!)
        return list[pair]!;
    }
  }

  private nextTier(c: number, family: number, channel: number): number {
    const held = this.state[c * STRIDE + TIERS + family]!;
    if (held === 0) return this.random.next() < 0.8 ? 1 : 2;
    const u = this.random.next();
    const up = UPGRADE_BY_CHANNEL[channel]! * UPGRADE_BY_SIZE[(this.state[c * STRIDE + PROFILE]! >> 4) & 15]!;
    if (u < up) return held < 3 ? held + 1 : held;
    if (u < up + DOWNGRADE && held > 1) return held - 1;
    return held;
  }

  private addExtraLines(
    c: number,
    family: number,
    tier: number,
    variant: number,
    channel: number,
    count: number,
  ) {
    for (let i = 0; i < count; i++) {
      if (this.random.next() < SAME_FAMILY_EXTRA) {
        this.addLine(c, family, tier, channel, 1 - variant);
      } else {
        const other = (family + 1 + this.random.int(FAMILIES - 1)) % FAMILIES;
        this.addLine(c, other, this.state[c * STRIDE + TIERS + other]! || 1, channel, -1);
      }
    }
  }

  /** Adds one line and returns its variant; `variant` -1 picks one (B, the dearer, 40%). */
  private addLine(c: number, family: number, tier: number, channel: number, variant: number): number {
    const v = variant >= 0 ? variant : this.random.next() < 0.4 ? 1 : 0;
    const product = productIndex(family, tier, v);
    const quantity = QUANTITY[this.random.int(100)]!;
    const discount = DISCOUNT[channel]![this.random.int(20)]!;
    const line = this.lines++;
    this.lineProduct[line] = product;
    this.lineQuantity[line] = quantity;
    this.lineCents[line] = Math.round((PRICES[product]! * quantity * (100 - discount)) / 100);
    this.state[c * STRIDE + TIERS + family] = tier;
    return v;
  }
}
