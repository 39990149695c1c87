import { civilFromDays, daysFromCivil } from '@upsell/core';
import type { Random } from './create-random.ts';
import { drawSecondOfDay, SECONDS_PER_DAY } from './second-of-day.ts';
import { ANNUAL_MONTHS_BILLED, addOnListCents, seatListCents } from './subscription-sample-catalog.ts';
import type { ResolvedSubscriptionSampleOptions } from './subscription-sample-options.ts';

/** Kinds of state: 0..5 a plan (tier index x 2 + 1 when annual), from 6 an add-on (6 + its index). */
export const FIRST_ADD_ON_KIND = 6;

/** `running` in {@link SubscriptionSimulation.end}: the state still runs when the export is taken. */
export const RUNNING = -1;

const DAYS_PER_PRICE_VERSION = 365;
const TRIAL_DAYS = 14;
const MIN_SEATS = [1, 3, 10];

// Monthly chances, before the activity factor; each month a subscription makes at most one of
// these changes, tried in this order.
const UPGRADE = 0.02;
const DOWNGRADE = 0.006;
const SEATS_UP = 0.06;
const SEATS_DOWN = 0.025;
const SWITCH_INTERVAL = 0.008;
const ADD_ON = 0.015;
// Not scaled: churn by tier (monthly plans, each month; annual plans at each renewal), an
// add-on's cancellation, a churned customer's return, a grandfathered price brought to list.
const MONTHLY_CHURN = [0.035, 0.025, 0.012];
const ANNUAL_CHURN = 0.15;
const ADD_ON_CANCEL = 0.03;
const COME_BACK = 0.3;
const REPRICE = 0.25;
const TRIAL_SHARE = 0.5;
const TRIAL_CONVERTS = 0.65;

// Weights of the customer's attributes, hoisted so that drawing one allocates nothing.
const REGION_WEIGHTS = [45, 35, 12, 8];
const CHANNEL_WEIGHTS = [60, 15, 25];
const SALES_TIER_WEIGHTS = [30, 45, 25];
const OTHER_TIER_WEIGHTS = [65, 28, 7];

function pick(random: Random, weights: readonly number[]): number {
  let u = random.next() * 100;
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * The subscription history of one customer at a time, as states in typed arrays reused from
 * one customer to the next (so a large sample allocates nothing per row). States are recorded
 * in order of their start; times are UTC seconds since 1970-01-01, every one inside the span.
 *
 * A customer signs up (more of them later in the span: a growing business), on online channels
 * often through a 14-day trial at 0 that may not convert; then, month by month on the billing
 * anniversary, may churn (monthly plans any month, annual ones at renewal) and come back later
 * on a new subscription, upgrade or downgrade a tier, add or remove seats (mid-cycle), switch
 * between monthly and annual billing, add or cancel an add-on subscription, or have a
 * grandfathered price brought to the current list (list prices rise 8% a year).
 *
 * @example
 * const simulation = new SubscriptionSimulation(options, createRandom(1, RANDOM_STREAMS.purchases));
 * simulation.simulate(); // simulation.count states of one customer in simulation.sub, .kind, ...
 */
export class SubscriptionSimulation {
  count = 0;
  sub = new Int32Array(16);
  kind = new Uint8Array(16);
  quantity = new Int32Array(16);
  cents = new Float64Array(16);
  start = new Float64Array(16);
  end = new Float64Array(16);
  /** Index into the sample's currencies, channels and regions of the last customer simulated. */
  currency = 0;
  channel = 0;
  region = 0;

  readonly #options: ResolvedSubscriptionSampleOptions;
  readonly #random: Random;
  readonly #endTime: number;
  // Day number of the first of each month from the start's month, and the month's length, so
  // that an anniversary is two array reads; a month index counts from the start's month.
  readonly #monthFirst: Int32Array;
  readonly #monthLength: Int32Array;
  readonly #firstMonth: number;

  constructor(options: ResolvedSubscriptionSampleOptions, random: Random) {
    this.#options = options;
    this.#random = random;
    this.#endTime = (options.firstDay + options.days) * SECONDS_PER_DAY;
    const start = civilFromDays(options.firstDay);
    this.#firstMonth = start.year * 12 + start.month - 1;
    // Every anniversary that matters falls before the span's end: months of the span, plus one.
    const months = Math.ceil(options.days / 28) + 2;
    this.#monthFirst = new Int32Array(months + 1);
    this.#monthLength = new Int32Array(months);
    for (let m = 0; m <= months; m++) {
      const index = this.#firstMonth + m;
      this.#monthFirst[m] = daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
    }
    for (let m = 0; m < months; m++) this.#monthLength[m] = this.#monthFirst[m + 1]! - this.#monthFirst[m]!;
  }

  /** The `k`-th monthly anniversary of a day (its month index and day of month), at `second`; on the month's last day when it is shorter. */
  #anniversary(month: number, day: number, k: number, second: number): number {
    const m = month + k;
    if (m >= this.#monthLength.length) return this.#endTime;
    return (this.#monthFirst[m]! + Math.min(day, this.#monthLength[m]!) - 1) * SECONDS_PER_DAY + second;
  }

  #grow(): void {
    const size = this.sub.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.sub = grown(this.sub, new Int32Array(size));
    this.kind = grown(this.kind, new Uint8Array(size));
    this.quantity = grown(this.quantity, new Int32Array(size));
    this.cents = grown(this.cents, new Float64Array(size));
    this.start = grown(this.start, new Float64Array(size));
    this.end = grown(this.end, new Float64Array(size));
  }

  #open(sub: number, kind: number, quantity: number, cents: number, at: number): number {
    if (this.count === this.sub.length) this.#grow();
    const i = this.count++;
    this.sub[i] = sub;
    this.kind[i] = kind;
    this.quantity[i] = quantity;
    this.cents[i] = cents;
    this.start[i] = at;
    this.end[i] = RUNNING;
    return i;
  }

  #version(at: number): number {
    return Math.max(
      0,
      Math.floor((Math.floor(at / SECONDS_PER_DAY) - this.#options.firstDay) / DAYS_PER_PRICE_VERSION),
    );
  }

  #planCents(tier: number, annual: boolean, quantity: number, at: number): number {
    return (
      seatListCents(tier, this.currency, this.#version(at)) * quantity * (annual ? ANNUAL_MONTHS_BILLED : 1)
    );
  }

  /** Simulates the next customer, replacing the previous one's states. */
  simulate(): void {
    const random = this.#random;
    const { firstDay, days, activity } = this.#options;
    const endTime = this.#endTime;
    this.count = 0;
    this.region = pick(random, REGION_WEIGHTS);
    this.currency = this.region === 1 ? (random.next() < 0.35 ? 2 : 1) : 0;
    this.channel = pick(random, CHANNEL_WEIGHTS);
    const sales = this.channel === 2;
    let tier = pick(random, sales ? SALES_TIER_WEIGHTS : OTHER_TIER_WEIGHTS);
    let annual = random.next() < (sales ? 0.5 : 0.2);
    let quantity =
      tier === 0
        ? 1 + (random.next() < 0.2 ? random.int(3) : 0)
        : MIN_SEATS[tier]! + random.int(tier * 25 - 17);
    const second = drawSecondOfDay(random);
    let at = (firstDay + Math.floor(days * Math.sqrt(random.next()))) * SECONDS_PER_DAY + second;
    let sub = 1;
    if (this.channel === 0 && random.next() < TRIAL_SHARE) {
      const trial = this.#open(sub, tier * 2 + (annual ? 1 : 0), quantity, 0, at);
      const trialEnd = at + TRIAL_DAYS * SECONDS_PER_DAY;
      if (trialEnd >= endTime) return;
      this.end[trial] = trialEnd;
      if (random.next() >= TRIAL_CONVERTS) return;
      at = trialEnd;
    }
    let main = this.#open(
      sub,
      tier * 2 + (annual ? 1 : 0),
      quantity,
      this.#planCents(tier, annual, quantity, at),
      at,
    );
    let addOn = -1;
    const anchor = civilFromDays(Math.floor(at / SECONDS_PER_DAY));
    const anchorMonth = anchor.year * 12 + anchor.month - 1 - this.#firstMonth;
    const anniversary = (k: number) => this.#anniversary(anchorMonth, anchor.day, k, second);
    let planSince = 0;
    for (let k = 1; ; k++) {
      const now = anniversary(k);
      if (now >= endTime) return;
      const renewal = !annual || (k - planSince) % 12 === 0;
      if (addOn >= 0 && random.next() < ADD_ON_CANCEL) {
        this.end[addOn] = now;
        addOn = -1;
      }
      if (renewal && random.next() < (annual ? ANNUAL_CHURN : MONTHLY_CHURN[tier]!)) {
        this.end[main] = now;
        if (addOn >= 0) this.end[addOn] = now;
        addOn = -1;
        if (random.next() >= COME_BACK) return;
        k += 1 + random.int(12);
        const back = anniversary(k);
        if (back >= endTime) return;
        sub++;
        main = this.#open(
          sub,
          tier * 2 + (annual ? 1 : 0),
          quantity,
          this.#planCents(tier, annual, quantity, back),
          back,
        );
        planSince = k;
        continue;
      }
      // Mid-cycle changes fall strictly between this anniversary and the next (>= 28 days on).
      const midCycle = now + random.int(26) * SECONDS_PER_DAY + 1 + random.int(SECONDS_PER_DAY - 1);
      let u = random.next() / activity;
      let change = -1;
      if ((u -= UPGRADE) < 0) {
        if (tier < 2) {
          tier++;
          quantity = Math.max(quantity, MIN_SEATS[tier]!);
          change = now;
        }
      } else if ((u -= DOWNGRADE) < 0) {
        if (tier > 0) {
          tier--;
          change = now;
        }
      } else if ((u -= SEATS_UP) < 0) {
        quantity += 1 + random.int(Math.max(1, quantity >> 2));
        change = midCycle;
      } else if ((u -= SEATS_DOWN) < 0) {
        if (quantity > MIN_SEATS[tier]!) {
          quantity = Math.max(MIN_SEATS[tier]!, quantity - 1 - random.int(Math.max(1, quantity >> 3)));
          change = midCycle;
        }
      } else if ((u -= SWITCH_INTERVAL) < 0) {
        if (renewal) {
          annual = !annual;
          planSince = k;
          change = now;
        }
      } else if ((u -= ADD_ON) < 0) {
        if (addOn < 0 && midCycle < endTime) {
          sub++;
          const which = random.int(2);
          addOn = this.#open(
            sub,
            FIRST_ADD_ON_KIND + which,
            1,
            addOnListCents(which, this.currency, this.#version(midCycle)),
            midCycle,
          );
        }
      } else if (renewal && random.next() < REPRICE) {
        if (this.cents[main] !== this.#planCents(tier, annual, quantity, now)) change = now;
      }
      if (change >= 0 && change < endTime) {
        this.end[main] = change;
        const mainSub = this.sub[main]!;
        main = this.#open(
          mainSub,
          tier * 2 + (annual ? 1 : 0),
          quantity,
          this.#planCents(tier, annual, quantity, change),
          change,
        );
      }
    }
  }
}
